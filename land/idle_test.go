package land

import (
	"testing"
	"time"
)

// on returns an event of kind that happened on the day s ("2006-01-02").
func on(kind EventKind, s string) Event {
	d := day(s)
	return Event{Kind: kind, OccurredOn: d, RecordedAt: d.Time().Add(12 * time.Hour)}
}

// progressOn returns a progress report with the given shares (nil: not given).
func progressOn(s string, developed, invested *float64) Event {
	e := on(EventProgress, s)
	e.DevelopedShare, e.InvestedShare = developed, invested
	return e
}

// determinedOn returns an idle determination naming cause.
func determinedOn(s, cause string) Event {
	e := on(EventIdleDetermination, s)
	e.Cause = cause
	return e
}

// disposedOn returns a disposal by measure.
func disposedOn(s, measure string) Event {
	e := on(EventDisposal, s)
	e.Disposal = measure
	return e
}

// idleCase is one worked example of the idle-land rule.
type idleCase struct {
	name   string
	supply Supply
	events []Event
	asOf   string
	want   IdleAssessment // compared without Reason, which must not be empty
}

func runIdleCases(t *testing.T, rule IdleRule, tests []idleCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rule.Assess(tt.supply, tt.events, day(tt.asOf))
			if got.Reason == "" {
				t.Error("the assessment gives no reason")
			}
			reason := got.Reason
			got.Reason = ""
			if got != tt.want {
				t.Errorf("Assess as of %s\n got %+v\nwant %+v\n(reason: %s)", tt.asOf, got, tt.want, reason)
			}
		})
	}
}

func TestAssessClauseOneNotStarted(t *testing.T) {
	priced := Supply{AgreedStart: day("2024-03-01"), PriceWan: ptr(1234.5)}
	delivered := []Event{on(EventDelivery, "2024-01-10")}
	fromAgreed := func(since string, years int, grade string, fee float64) IdleAssessment {
		return IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2024-03-01"), Since: day(since), Years: years, Grade: grade, FeeWan: fee}
	}
	waiting := IdleAssessment{ClockFrom: day("2024-03-01"), Since: day("2025-03-02")}
	leap := Supply{AgreedStart: day("2020-02-29")}
	leapIdle := func(years int, grade string) IdleAssessment {
		return IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2020-02-29"), Since: day("2021-03-01"), Years: years, Grade: grade}
	}
	runIdleCases(t, DefaultIdleRule(), []idleCase{
		{"land not started is not idle on the day before the agreed start's anniversary", priced, delivered, "2025-02-28", waiting},
		{"land not started is not idle on the anniversary itself, the last day of the full year", priced, delivered, "2025-03-01", waiting},
		{"land not started is idle the day after the anniversary, graded for the fee of 20 % of the price", priced, delivered, "2025-03-02", fromAgreed("2025-03-02", 1, IdleGradeFee, 246.9)},
		{"land not started for a year and 364 days still owes the fee", priced, delivered, "2026-03-01", fromAgreed("2025-03-02", 1, IdleGradeFee, 246.9)},
		{"land not started for two full years is graded for recovery without compensation", priced, delivered, "2026-03-02", fromAgreed("2025-03-02", 2, IdleGradeRecovery, 0)},
		{"land not started for five years is still graded for recovery", priced, delivered, "2029-06-30", fromAgreed("2025-03-02", 5, IdleGradeRecovery, 0)},
		{"the fee is not computed when the price is unknown", Supply{AgreedStart: day("2024-03-01")}, nil, "2025-03-02", fromAgreed("2025-03-02", 1, IdleGradeFee, 0)},
		{"an agreed start on 29 February completes its year on 28 February", leap, nil, "2021-02-28", IdleAssessment{ClockFrom: day("2020-02-29"), Since: day("2021-03-01")}},
		{"an agreed start on 29 February is idle from 1 March of the next year", leap, nil, "2021-03-01", leapIdle(1, IdleGradeFee)},
		{"an agreed start on 29 February is not two years idle on 28 February two years on", leap, nil, "2022-02-28", leapIdle(1, IdleGradeFee)},
		{"an agreed start on 29 February is two years idle from 1 March two years on", leap, nil, "2022-03-01", leapIdle(2, IdleGradeRecovery)},
		{"an agreed start on 29 February is four years idle after 29 February four years on", leap, nil, "2024-03-01", leapIdle(4, IdleGradeRecovery)},
		{"without an agreed start the start is due one year after delivery, and idle one full year later", Supply{}, []Event{on(EventDelivery, "2021-06-15")}, "2023-06-16",
			IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2022-06-15"), Since: day("2023-06-16"), Years: 1, Grade: IdleGradeFee}},
		{"without an agreed start land delivered two years ago to the day is not yet idle", Supply{}, []Event{on(EventDelivery, "2021-06-15")}, "2023-06-15",
			IdleAssessment{ClockFrom: day("2022-06-15"), Since: day("2023-06-16")}},
		{"without an agreed start or a delivery the rule cannot be applied", Supply{}, nil, "2030-01-01", IdleAssessment{}},
		{"a delivery after the day assessed does not count", Supply{}, []Event{on(EventDelivery, "2021-06-15")}, "2021-06-14", IdleAssessment{}},
	})
}

func TestAssessLandThatStarted(t *testing.T) {
	s := Supply{AgreedStart: day("2024-03-01"), PriceWan: ptr(1000.0)}
	delivered := on(EventDelivery, "2024-01-10")
	late := []Event{delivered, on(EventStart, "2025-09-01")}
	pastIdle := IdleAssessment{Rule: IdleNotStarted, ClockFrom: day("2024-03-01"), Since: day("2025-03-02"), Until: day("2025-09-01"), Years: 1}
	runIdleCases(t, DefaultIdleRule(), []idleCase{
		{"land started before the agreed start is not idle", s, []Event{delivered, on(EventStart, "2024-02-20")}, "2027-01-01", IdleAssessment{}},
		{"land started on the last day of the full year is not idle", s, []Event{delivered, on(EventStart, "2025-03-01")}, "2027-01-01", IdleAssessment{}},
		{"land that was idle is suspected while it has not started", s, late, "2025-08-31",
			IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2024-03-01"), Since: day("2025-03-02"), Years: 1, Grade: IdleGradeFee, FeeWan: 200}},
		{"land that was idle and then started is not idle now, and the past idleness is told", s, late, "2025-09-01", pastIdle},
		{"land that started late stays not idle years later", s, late, "2028-01-01", pastIdle},
		{"land started more than two years late tells how long it was idle", s, []Event{delivered, on(EventStart, "2026-06-01")}, "2026-07-01",
			IdleAssessment{Rule: IdleNotStarted, ClockFrom: day("2024-03-01"), Since: day("2025-03-02"), Until: day("2026-06-01"), Years: 2}},
		{"completed land is never idle", s, []Event{delivered, on(EventStart, "2026-06-01"), on(EventCompletion, "2027-06-01")}, "2028-01-01", IdleAssessment{}},
		{"accepted land is never idle", s, []Event{delivered, on(EventStart, "2024-02-20"), on(EventCompletion, "2025-06-01"), on(EventAcceptance, "2025-07-01")}, "2028-01-01", IdleAssessment{}},
		{"reclaimed land is never idle", s, []Event{delivered, determinedOn("2025-04-01", CauseHolder), disposedOn("2026-04-01", DisposalRecoveryWithoutCompensation)}, "2028-01-01", IdleAssessment{}},
		{"cancelled land is never idle", s, []Event{delivered, on(EventCancellation, "2024-06-01")}, "2028-01-01", IdleAssessment{}},
		{"recovered land is never idle", s, []Event{delivered, on(EventRecovery, "2025-06-01")}, "2028-01-01", IdleAssessment{}},
	})
}

func TestAssessClauseTwoHalted(t *testing.T) {
	s := Supply{AgreedStart: day("2024-03-01"), PriceWan: ptr(500.0)}
	begun := []Event{on(EventDelivery, "2024-01-10"), on(EventStart, "2024-04-01")}
	with := func(more ...Event) []Event { return append(append([]Event{}, begun...), more...) }
	barely := with(progressOn("2024-06-01", ptr(0.2), ptr(0.5)), on(EventHalt, "2024-07-01"))
	halted := func(years int, grade string, fee float64) IdleAssessment {
		return IdleAssessment{Suspected: true, Rule: IdleHalted, ClockFrom: day("2024-07-01"), Since: day("2025-07-02"), Years: years, Grade: grade, FeeWan: fee}
	}
	runIdleCases(t, DefaultIdleRule(), []idleCase{
		{"barely developed land halted one day short of a full year is not idle", s, barely, "2025-06-30", IdleAssessment{}},
		{"barely developed land halted a year to the day is not yet idle", s, barely, "2025-07-01", IdleAssessment{}},
		{"land under one third developed and halted one full year is idle", s, barely, "2025-07-02", halted(1, IdleGradeFee, 100)},
		{"land halted two full years is graded for recovery", s, barely, "2026-07-02", halted(2, IdleGradeRecovery, 0)},
		{"land under 25 % invested is idle even when well developed", s, with(progressOn("2024-06-01", ptr(0.5), ptr(0.1)), on(EventHalt, "2024-07-01")), "2025-07-02", halted(1, IdleGradeFee, 100)},
		{"the latest progress report counts", s, with(progressOn("2024-05-01", ptr(0.6), ptr(0.6)), progressOn("2024-06-01", ptr(0.2), nil), on(EventHalt, "2024-07-01")), "2025-07-02", halted(1, IdleGradeFee, 100)},
		{"land developed one third and invested 25 % is not idle however long halted", s, with(progressOn("2024-06-01", ptr(1.0/3), ptr(0.25)), on(EventHalt, "2024-07-01")), "2027-01-01", IdleAssessment{}},
		{"halted land without a progress report is not suspected a day short of a full year", s, with(on(EventHalt, "2024-07-01")), "2025-07-01", IdleAssessment{}},
		{"halted land without a progress report is suspected once the halt is a full year old", s, with(on(EventHalt, "2024-07-01")), "2025-07-02", halted(1, IdleGradeFee, 100)},
		{"halted land three years without a progress report is graded for recovery", s, with(on(EventHalt, "2024-07-01")), "2027-07-02", halted(3, IdleGradeRecovery, 0)},
		{"shares measured on site after the halt clear land developed enough", s, with(on(EventHalt, "2024-07-01"), progressOn("2025-09-01", ptr(0.5), ptr(0.4))), "2025-09-01", IdleAssessment{}},
		{"land that resumed is not idle", s, with(progressOn("2024-06-01", ptr(0.2), ptr(0.1)), on(EventHalt, "2024-07-01"), on(EventResumption, "2025-05-01")), "2027-01-01", IdleAssessment{}},
		{"the clock runs from the latest halt", s, with(progressOn("2024-06-01", ptr(0.2), ptr(0.1)), on(EventHalt, "2024-07-01"), on(EventResumption, "2025-05-01"), on(EventHalt, "2025-08-01")), "2026-08-02",
			IdleAssessment{Suspected: true, Rule: IdleHalted, ClockFrom: day("2025-08-01"), Since: day("2026-08-02"), Years: 1, Grade: IdleGradeFee, FeeWan: 100}},
		{"a halt after the day assessed does not count", s, barely, "2024-06-30", IdleAssessment{}},
	})
}

func TestAssessGovernmentCause(t *testing.T) {
	s := Supply{AgreedStart: day("2021-03-01"), PriceWan: ptr(800.0)}
	delivered := on(EventDelivery, "2021-01-05")
	determined := []Event{delivered, determinedOn("2022-05-10", CauseGovernment)}
	extended := append(append([]Event{}, determined...), disposedOn("2022-09-01", DisposalExtension))
	restarted := func(years int, grade string, fee float64) IdleAssessment {
		return IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2022-09-01"), Since: day("2023-09-02"), Years: years, Grade: grade, FeeWan: fee}
	}
	forceMajeure := []Event{delivered, determinedOn("2022-05-10", CauseForceMajeure)}
	holderFee := []Event{delivered, determinedOn("2022-05-10", CauseHolder), disposedOn("2022-06-01", DisposalFee)}
	halted := []Event{delivered, on(EventStart, "2021-02-01"), progressOn("2021-06-01", ptr(0.1), nil), on(EventHalt, "2021-07-01"),
		determinedOn("2022-08-01", CauseGovernment), disposedOn("2022-10-01", DisposalChangeOfUse)}
	runIdleCases(t, DefaultIdleRule(), []idleCase{
		{"a government-caused determination sends idle land to negotiation instead of a fee", s, determined, "2022-06-01",
			IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2021-03-01"), Since: day("2022-03-02"), Years: 1, Negotiation: true, Cause: CauseGovernment}},
		{"force majeure sends idle land to negotiation too", s, forceMajeure, "2023-06-01",
			IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2021-03-01"), Since: day("2022-03-02"), Years: 2, Negotiation: true, Cause: CauseForceMajeure}},
		{"an extension after a government cause restarts the clock from its day", s, extended, "2023-09-01", IdleAssessment{ClockFrom: day("2022-09-01"), Since: day("2023-09-02")}},
		{"land still not started one full year after the extension is idle again and owes the fee", s, extended, "2023-09-02", restarted(1, IdleGradeFee, 160)},
		{"two full years after the extension it is graded for recovery", s, extended, "2024-09-02", restarted(2, IdleGradeRecovery, 0)},
		{"land started within a year of the extension is not idle and has no past idleness held against it", s, append(append([]Event{}, extended...), on(EventStart, "2023-05-01")), "2024-01-01", IdleAssessment{}},
		{"a holder-caused determination with a fee does not restart the clock", s, holderFee, "2023-03-02",
			IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2021-03-01"), Since: day("2022-03-02"), Years: 2, Grade: IdleGradeRecovery}},
		{"a holder-caused determination waiting for disposal keeps its grade", s, holderFee[:2], "2022-06-01",
			IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2021-03-01"), Since: day("2022-03-02"), Years: 1, Grade: IdleGradeFee, FeeWan: 160}},
		{"a change of use after a government cause restarts the halt clock", s, halted, "2023-07-02", IdleAssessment{}},
		{"halted land is idle again one full year after the restart", s, halted, "2023-10-02",
			IdleAssessment{Suspected: true, Rule: IdleHalted, ClockFrom: day("2022-10-01"), Since: day("2023-10-02"), Years: 1, Grade: IdleGradeFee, FeeWan: 160}},
	})
}

func TestAssessUsesConfiguredThresholds(t *testing.T) {
	rule := DefaultIdleRule()
	rule.NotStartedAfter, rule.RecoveryAfter, rule.FeeShare = 2, 3, 0.1
	s := Supply{AgreedStart: day("2024-03-01"), PriceWan: ptr(1000.0)}
	runIdleCases(t, rule, []idleCase{
		{"two years are allowed before land is idle", s, nil, "2026-03-01", IdleAssessment{ClockFrom: day("2024-03-01"), Since: day("2026-03-02")}},
		{"the fee uses the configured share", s, nil, "2026-03-02",
			IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2024-03-01"), Since: day("2026-03-02"), Years: 2, Grade: IdleGradeFee, FeeWan: 100}},
		{"recovery comes after the configured years", s, nil, "2027-03-02",
			IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2024-03-01"), Since: day("2026-03-02"), Years: 3, Grade: IdleGradeRecovery}},
	})
}

func TestIdleRuleCheck(t *testing.T) {
	if err := DefaultIdleRule().Check(); err != nil {
		t.Fatalf("the default rule is refused: %v", err)
	}
	tests := []struct {
		name   string
		change func(*IdleRule)
		field  string
	}{
		{"a zero idle period", func(r *IdleRule) { r.NotStartedAfter = 0 }, "not_started_after_years"},
		{"a zero halt period", func(r *IdleRule) { r.HaltedFor = 0 }, "halted_for_years"},
		{"recovery before idleness", func(r *IdleRule) { r.NotStartedAfter, r.RecoveryAfter = 3, 2 }, "recovery_after_years"},
		{"a fee above the whole price", func(r *IdleRule) { r.FeeShare = 1.5 }, "fee_share"},
		{"a negative developed share", func(r *IdleRule) { r.DevelopedShareBelow = -0.1 }, "developed_share_below"},
		{"an extension of no years", func(r *IdleRule) { r.ExtensionMax = 0 }, "extension_max_years"},
		{"temporary use of no years", func(r *IdleRule) { r.TemporaryUseMax = 0 }, "temporary_use_max_years"},
	}
	for _, tt := range tests {
		t.Run("it refuses "+tt.name, func(t *testing.T) {
			r := DefaultIdleRule()
			tt.change(&r)
			err := r.Check()
			if ErrorCode(err) != CodeInvalid || ErrorField(err) != tt.field {
				t.Errorf("err = %v (%s, %q), want invalid %q", err, ErrorCode(err), ErrorField(err), tt.field)
			}
		})
	}
}

func TestOverdue(t *testing.T) {
	s := Supply{AgreedDelivery: day("2024-01-31"), AgreedStart: day("2024-06-30"), AgreedCompletion: day("2026-06-30")}
	delivered := on(EventDelivery, "2024-01-20")
	started := on(EventStart, "2024-06-01")
	tests := []struct {
		name   string
		supply Supply
		events []Event
		asOf   string
		want   Flag
	}{
		{"nothing is overdue on the agreed delivery day itself", s, nil, "2024-01-31", 0},
		{"delivery is overdue the day after the agreed day", s, nil, "2024-02-01", FlagOverdueDelivery},
		{"delivery and start are both overdue when neither happened", s, nil, "2024-07-01", FlagOverdueDelivery | FlagOverdueStart},
		{"all three are overdue when nothing happened past the agreed completion", s, nil, "2026-07-01", FlagOverdueDelivery | FlagOverdueStart | FlagOverdueCompletion},
		{"a delivered supply is overdue to start after the agreed start", s, []Event{delivered}, "2024-07-01", FlagOverdueStart},
		{"a started supply is overdue to complete after the agreed completion", s, []Event{delivered, started}, "2026-07-01", FlagOverdueCompletion},
		{"a start recorded without a delivery counts as delivered", s, []Event{started}, "2024-07-01", 0},
		{"a completed supply is not overdue", s, []Event{delivered, started, on(EventCompletion, "2026-05-01")}, "2027-01-01", 0},
		{"an event after the day assessed does not count", s, []Event{delivered, on(EventStart, "2024-08-01")}, "2024-07-15", FlagOverdueStart},
		{"dates the contract leaves empty are never overdue", Supply{}, nil, "2030-01-01", 0},
		{"reclaimed land is not overdue", s, []Event{on(EventCancellation, "2024-03-01")}, "2027-01-01", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Overdue(tt.supply, tt.events, day(tt.asOf)); got != tt.want {
				t.Errorf("Overdue = %v, want %v", got.Names(), tt.want.Names())
			}
		})
	}
}

func TestAssessLateOrMissingDelivery(t *testing.T) {
	// The worked cases of Order No. 53 art. 8: delivery agreed for
	// 2024-01-31, start for 2024-03-01.
	s := Supply{AgreedDelivery: day("2024-01-31"), AgreedStart: day("2024-03-01"), PriceWan: ptr(1000.0)}
	late := []Event{on(EventDelivery, "2025-01-10")}                                // 345 days late
	moved := IdleAssessment{ClockFrom: day("2025-02-09"), Since: day("2026-02-10")} // 2024-03-01 + 345 days
	runIdleCases(t, DefaultIdleRule(), []idleCase{
		{"land never delivered is suspected with cause government and no grade when the agreed start is a full year past", s, nil, "2025-03-02",
			IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2024-03-01"), Since: day("2025-03-02"), Years: 1, Negotiation: true, Cause: CauseGovernment}},
		{"land never delivered is not graded for recovery two years on: it goes to negotiation", s, nil, "2026-03-02",
			IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2024-03-01"), Since: day("2025-03-02"), Years: 2, Negotiation: true, Cause: CauseGovernment}},
		{"land not delivered is not suspected before the agreed start is a full year past", s, nil, "2025-03-01",
			IdleAssessment{ClockFrom: day("2024-03-01"), Since: day("2025-03-02")}},
		{"land delivered 11 months late owes no fee seven weeks after delivery: its agreed start moved back by the delay", s, late, "2025-03-02", moved},
		{"land delivered late is not idle a full year after the original agreed start", s, late, "2026-02-09", moved},
		{"land delivered late is idle, by its holder, a full year after the moved start", s, late, "2026-02-10",
			IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2025-02-09"), Since: day("2026-02-10"), Years: 1, Grade: IdleGradeFee, FeeWan: 200}},
		{"land delivered on the agreed day keeps its agreed start", s, []Event{on(EventDelivery, "2024-01-31")}, "2025-03-02",
			IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day("2024-03-01"), Since: day("2025-03-02"), Years: 1, Grade: IdleGradeFee, FeeWan: 200}},
		{"land delivered late that started within a year of the moved start was never idle", s, append(append([]Event{}, late...), on(EventStart, "2025-12-01")), "2026-06-01", IdleAssessment{}},
	})
}

// disposedWith returns a disposal by measure that records a newly agreed
// start (or the end of temporary use).
func disposedWith(s, measure, newStart string) Event {
	e := disposedOn(s, measure)
	e.NewStart = day(newStart)
	return e
}

func TestAssessNegotiatedDisposal(t *testing.T) {
	s := Supply{AgreedStart: day("2021-03-01"), PriceWan: ptr(800.0)}
	base := []Event{on(EventDelivery, "2021-01-05"), determinedOn("2022-05-10", CauseGovernment)}
	with := func(e Event) []Event { return append(append([]Event{}, base...), e) }
	extended := with(disposedWith("2022-09-01", DisposalExtension, "2023-06-01"))
	temporary := with(disposedWith("2022-09-01", DisposalTemporaryUse, "2024-08-31"))
	idle := func(from, since string) IdleAssessment {
		return IdleAssessment{Suspected: true, Rule: IdleNotStarted, ClockFrom: day(from), Since: day(since), Years: 1, Grade: IdleGradeFee, FeeWan: 160}
	}
	runIdleCases(t, DefaultIdleRule(), []idleCase{
		{"the clock restarts from the newly agreed start, not the disposal's day", s, extended, "2023-09-02", IdleAssessment{ClockFrom: day("2023-06-01"), Since: day("2024-06-02")}},
		{"land not started a full year after the newly agreed start is idle", s, extended, "2024-06-02", idle("2023-06-01", "2024-06-02")},
		{"temporary use restarts the clock from its end", s, temporary, "2025-08-31", IdleAssessment{ClockFrom: day("2024-08-31"), Since: day("2025-09-01")}},
		{"land not started a full year after temporary use ended is idle", s, temporary, "2025-09-01", idle("2024-08-31", "2025-09-01")},
		{"a change of use restarts the clock from its newly agreed start", s, with(disposedWith("2022-10-01", DisposalChangeOfUse, "2023-01-01")), "2024-01-02", idle("2023-01-01", "2024-01-02")},
	})
}

// A finding's title is the clause in the words of the Order, in Chinese.
func TestIdleRuleTitlesAreTheOrdersWords(t *testing.T) {
	for rule, want := range map[string]string{
		IdleNotStarted: "闲置土地：超过约定动工开发日期满一年未动工开发",
		IdleHalted:     "闲置土地：已动工开发但开发面积不足三分之一或投资额不足百分之二十五，且中止开发建设满一年",
		"":             "闲置土地",
	} {
		if got := IdleRuleTitle(rule); got != want {
			t.Errorf("IdleRuleTitle(%q) = %q, want %q", rule, got, want)
		}
	}
}
