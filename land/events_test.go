package land

import (
	"testing"
	"time"
)

func TestCheckEventAccepts(t *testing.T) {
	delivered := []Event{ev(EventDelivery, 1, 1)}
	started := append(delivered, ev(EventStart, 2, 1))
	halted := append(started, ev(EventHalt, 3, 1))
	completed := append(started, ev(EventCompletion, 5, 1))
	idle := append(delivered, ev(EventIdleDetermination, 6, 1))
	reasoned := ev(EventStart, 1, 1)
	reasoned.Reason = "先行施工经县政府批准"
	idleEv := ev(EventIdleDetermination, 6, 1)
	idleEv.Cause = CauseGovernment
	progress := ev(EventProgress, 4, 1)
	progress.DevelopedShare, progress.InvestedShare = ptr(0.0), ptr(1.0)
	replaced := ev(EventDelivery, 1, 2)
	replaced.ID = 7
	tests := []struct {
		name     string
		existing []Event
		e        Event
	}{
		{"a delivery on a new supply", nil, ev(EventDelivery, 1, 1)},
		{"a delivery dated today", nil, ev(EventDelivery, 7, 1)},
		{"a start after delivery", delivered, ev(EventStart, 2, 1)},
		{"a start on the day of delivery", delivered, ev(EventStart, 1, 1)},
		{"a start before delivery with a reason", nil, reasoned},
		{"a progress report with shares at the bounds", started, progress},
		{"a halt while construction is under way", started, ev(EventHalt, 3, 1)},
		{"a resumption after a halt", halted, ev(EventResumption, 4, 1)},
		{"a completion after the start", started, ev(EventCompletion, 5, 1)},
		{"a completion on the day of the start", started, ev(EventCompletion, 2, 1)},
		{"an acceptance after the completion", completed, ev(EventAcceptance, 6, 1)},
		{"an idle determination caused by government", delivered, idleEv},
		{"a disposal after an idle determination", idle, withDisposal(ev(EventDisposal, 6, 15), DisposalFee)},
		{"a late entry dated before a recovery", []Event{ev(EventRecovery, 6, 1)}, ev(EventDelivery, 1, 1)},
		{"an event on the day of the recovery", []Event{ev(EventRecovery, 6, 1)}, ev(EventCancellation, 6, 1)},
		{"a corrected version of an event replacing its old version", []Event{{ID: 7, Kind: EventDelivery, OccurredOn: NewDate(2020, 1, 1)}}, replaced},
	}
	today := NewDate(2020, time.July, 1)
	for _, tt := range tests {
		t.Run(tt.name+" is accepted", func(t *testing.T) {
			e := tt.e
			if e.Kind == EventIdleDetermination && e.Cause == "" {
				e.Cause = CauseHolder
			}
			if err := CheckEvent(tt.existing, e, today); err != nil {
				t.Fatalf("CheckEvent: %v", err)
			}
		})
	}
}

func TestCheckEventRejects(t *testing.T) {
	delivered := []Event{ev(EventDelivery, 1, 1)}
	started := append(delivered, ev(EventStart, 2, 1))
	halted := append(started, ev(EventHalt, 3, 1))
	completed := append(started, ev(EventCompletion, 5, 1))
	accepted := append(completed, ev(EventAcceptance, 6, 1))
	idle := append(delivered, ev(EventIdleDetermination, 6, 1))
	idle[1].Cause = CauseHolder
	unreasonedStart := []Event{ev(EventStart, 1, 1)}
	share := func(d, i *float64) Event {
		e := ev(EventProgress, 4, 1)
		e.DevelopedShare, e.InvestedShare = d, i
		return e
	}
	cause := func(c string) Event { e := ev(EventIdleDetermination, 6, 20); e.Cause = c; return e }
	tests := []struct {
		name     string
		existing []Event
		e        Event
		code     Code
		field    string
	}{
		{"an unknown kind", nil, ev("inspection", 1, 1), CodeInvalid, "kind"},
		{"an event with no date", nil, Event{Kind: EventDelivery}, CodeInvalid, "occurred_on"},
		{"an event in the future", nil, ev(EventDelivery, 7, 2), CodeInvalid, "occurred_on"},
		{"a start before delivery without a reason", nil, ev(EventStart, 1, 1), CodeInvalid, "reason"},
		{"a start dated before the delivery without a reason", delivered, Event{Kind: EventStart, OccurredOn: NewDate(2019, 12, 31)}, CodeInvalid, "reason"},
		{"a start after the completion", []Event{ev(EventCompletion, 3, 1)}, Event{Kind: EventStart, OccurredOn: NewDate(2020, 4, 1), Reason: "补录"}, CodeInvalid, "occurred_on"},
		{"a delivery after a start that gave no reason", unreasonedStart, ev(EventDelivery, 2, 1), CodeInvalid, "occurred_on"},
		{"a second delivery", delivered, ev(EventDelivery, 2, 1), CodeConflict, "kind"},
		{"a second start", started, ev(EventStart, 3, 1), CodeConflict, "kind"},
		{"a second completion", completed, ev(EventCompletion, 6, 1), CodeConflict, "kind"},
		{"a second acceptance", accepted, ev(EventAcceptance, 6, 2), CodeConflict, "kind"},
		{"a progress report with no share", started, share(nil, nil), CodeInvalid, "developed_share"},
		{"a developed share above 1", started, share(ptr(1.5), nil), CodeInvalid, "developed_share"},
		{"a negative invested share", started, share(ptr(0.5), ptr(-0.1)), CodeInvalid, "invested_share"},
		{"a halt before any start", delivered, ev(EventHalt, 3, 1), CodeInvalid, "kind"},
		{"a halt dated before the start", started, ev(EventHalt, 1, 15), CodeInvalid, "kind"},
		{"a second halt with no resumption", halted, ev(EventHalt, 4, 1), CodeInvalid, "kind"},
		{"a halt after completion", completed, ev(EventHalt, 6, 1), CodeInvalid, "kind"},
		{"a resumption with no halt", started, ev(EventResumption, 4, 1), CodeInvalid, "kind"},
		{"a resumption dated before the halt", halted, ev(EventResumption, 2, 15), CodeInvalid, "kind"},
		{"a completion with no start", delivered, ev(EventCompletion, 5, 1), CodeInvalid, "kind"},
		{"a completion before the start", started, ev(EventCompletion, 1, 15), CodeInvalid, "occurred_on"},
		{"a completion after the acceptance", append(started, ev(EventAcceptance, 4, 1)), ev(EventCompletion, 5, 1), CodeInvalid, "occurred_on"},
		{"an acceptance with no completion", started, ev(EventAcceptance, 6, 1), CodeInvalid, "kind"},
		{"an acceptance before the completion", completed, ev(EventAcceptance, 4, 1), CodeInvalid, "occurred_on"},
		{"an idle determination with no cause", delivered, cause(""), CodeInvalid, "cause"},
		{"an idle determination with an unknown cause", delivered, cause("weather"), CodeInvalid, "cause"},
		{"a second idle determination before disposal", idle, cause(CauseHolder), CodeConflict, "kind"},
		{"a disposal with no idle determination", delivered, withDisposal(ev(EventDisposal, 6, 1), DisposalFee), CodeInvalid, "kind"},
		{"a disposal dated before the idle determination", idle, withDisposal(ev(EventDisposal, 5, 1), DisposalFee), CodeInvalid, "kind"},
		{"a disposal with an unknown measure", idle, withDisposal(ev(EventDisposal, 6, 15), "forgiven"), CodeInvalid, "disposal"},
		{"an event after a recovery", []Event{ev(EventRecovery, 3, 1)}, ev(EventDelivery, 4, 1), CodeConflict, "occurred_on"},
		{"an event after a cancellation", []Event{ev(EventCancellation, 3, 1)}, ev(EventRecovery, 4, 1), CodeConflict, "occurred_on"},
	}
	today := NewDate(2020, time.July, 1)
	for _, tt := range tests {
		t.Run(tt.name+" is "+string(tt.code)+" "+tt.field, func(t *testing.T) {
			err := CheckEvent(tt.existing, tt.e, today)
			if ErrorCode(err) != tt.code || ErrorField(err) != tt.field {
				t.Fatalf("CheckEvent error = %v, want %s %s", err, tt.code, tt.field)
			}
		})
	}
}
