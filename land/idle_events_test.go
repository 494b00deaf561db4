package land

import "testing"

func TestIdleRuleCheckEventAgainstTheCase(t *testing.T) {
	s := Supply{AgreedDelivery: day("2024-01-31"), AgreedStart: day("2024-03-01"), PriceWan: ptr(1000.0)}
	delivered := []Event{on(EventDelivery, "2024-01-20")}
	with := func(more ...Event) []Event { return append(append([]Event{}, delivered...), more...) }
	holderIdle := with(determinedOn("2025-04-01", CauseHolder))
	govIdle := with(determinedOn("2025-04-01", CauseGovernment))
	halted := with(on(EventStart, "2024-03-01"), on(EventHalt, "2024-06-01"))
	accepted := with(on(EventStart, "2024-03-01"), on(EventCompletion, "2024-10-01"), on(EventAcceptance, "2024-11-01"))
	today := day("2027-12-31")
	tests := []struct {
		name     string
		existing []Event
		e        Event
		field    string // "" when accepted
	}{
		{"an idle determination the day after the one-year mark is accepted", delivered, determinedOn("2025-03-02", CauseHolder), ""},
		{"an idle determination on the one-year mark itself is refused", delivered, determinedOn("2025-03-01", CauseHolder), "occurred_on"},
		{"an idle determination of started land not halted a full year is refused", halted, determinedOn("2025-05-31", CauseHolder), "occurred_on"},
		{"an idle determination of land halted a full year is accepted", halted, determinedOn("2025-06-02", CauseHolder), ""},
		{"an idle determination after acceptance is refused", accepted, determinedOn("2025-06-02", CauseHolder), "kind"},
		{"a holder-caused determination of land never delivered is refused", nil, determinedOn("2025-03-02", CauseHolder), "cause"},
		{"a government-caused determination of land never delivered is accepted", nil, determinedOn("2025-03-02", CauseGovernment), ""},
		{"a fee after a government-caused determination is refused", govIdle, disposedOn("2025-05-01", DisposalFee), "disposal"},
		{"a fee after a holder-caused determination is accepted", holderIdle, disposedOn("2025-05-01", DisposalFee), ""},
		{"recovery without compensation of land idle less than two years is refused", holderIdle, disposedOn("2026-03-01", DisposalRecoveryWithoutCompensation), "disposal"},
		{"recovery without compensation of land idle two full years is accepted", holderIdle, disposedOn("2026-03-02", DisposalRecoveryWithoutCompensation), ""},
		{"recovery without compensation after a government cause is refused", govIdle, disposedOn("2026-06-01", DisposalRecoveryWithoutCompensation), "disposal"},
		{"a completion while construction is halted is refused", halted, on(EventCompletion, "2024-09-01"), "kind"},
		{"a completion after the resumption is accepted", append(halted, on(EventResumption, "2024-08-01")), on(EventCompletion, "2024-09-01"), ""},
		{"an extension without its newly agreed start is refused", govIdle, disposedOn("2025-05-01", DisposalExtension), "new_start"},
		{"an extension of one year is accepted", govIdle, disposedWith("2025-05-01", DisposalExtension, "2026-05-01"), ""},
		{"an extension of more than one year is refused", govIdle, disposedWith("2025-05-01", DisposalExtension, "2026-05-02"), "new_start"},
		{"temporary use of two years is accepted", govIdle, disposedWith("2025-05-01", DisposalTemporaryUse, "2027-05-01"), ""},
		{"temporary use of more than two years is refused", govIdle, disposedWith("2025-05-01", DisposalTemporaryUse, "2027-05-02"), "new_start"},
		{"a newly agreed start before the disposal is refused", govIdle, disposedWith("2025-05-01", DisposalChangeOfUse, "2025-04-30"), "new_start"},
		{"a new start on a fee is refused", holderIdle, disposedWith("2025-05-01", DisposalFee, "2025-06-01"), "new_start"},
	}
	for _, tt := range tests {
		verdict := "refused naming " + tt.field
		if tt.field == "" {
			verdict = "accepted"
		}
		t.Run(tt.name, func(t *testing.T) {
			err := DefaultIdleRule().CheckEvent(s, tt.existing, tt.e, today)
			if tt.field == "" && err != nil {
				t.Fatalf("want %s, got %v", verdict, err)
			}
			if tt.field != "" && (ErrorCode(err) != CodeInvalid || ErrorField(err) != tt.field) {
				t.Fatalf("want %s, got %v (field %q)", verdict, err, ErrorField(err))
			}
		})
	}
}

func TestIdleRuleCheckEventUsesConfiguredLimits(t *testing.T) {
	rule := DefaultIdleRule()
	rule.ExtensionMax = 2
	existing := []Event{on(EventDelivery, "2024-01-20"), determinedOn("2025-04-01", CauseGovernment)}
	e := disposedWith("2025-05-01", DisposalExtension, "2027-05-01")
	if err := rule.CheckEvent(Supply{AgreedStart: day("2024-03-01")}, existing, e, day("2027-12-31")); err != nil {
		t.Fatalf("a two-year extension is refused with a two-year limit: %v", err)
	}
}
