package land

import (
	"testing"
	"time"
)

// ev returns an event of kind on the given day of 2020, recorded at noon of
// that day.
func ev(kind EventKind, month time.Month, day int) Event {
	d := NewDate(2020, month, day)
	return Event{Kind: kind, OccurredOn: d, RecordedAt: d.Time().Add(12 * time.Hour)}
}

// withDisposal returns a disposal event with measure.
func withDisposal(e Event, measure string) Event { e.Disposal = measure; return e }

func TestDeriveStage(t *testing.T) {
	tests := []struct {
		name   string
		events []Event
		want   Stage
	}{
		{"a supply with no events is supplied", nil, StageSupplied},
		{"a delivery makes it delivered", []Event{ev(EventDelivery, 1, 1)}, StageDelivered},
		{"a start makes it under construction", []Event{ev(EventDelivery, 1, 1), ev(EventStart, 2, 1)}, StageConstruction},
		{"a halt keeps it under construction", []Event{ev(EventDelivery, 1, 1), ev(EventStart, 2, 1), ev(EventHalt, 3, 1)}, StageConstruction},
		{"a resumption keeps it under construction", []Event{ev(EventDelivery, 1, 1), ev(EventStart, 2, 1), ev(EventHalt, 3, 1), ev(EventResumption, 4, 1)}, StageConstruction},
		{"a progress report changes nothing", []Event{ev(EventDelivery, 1, 1), ev(EventProgress, 2, 1)}, StageDelivered},
		{"a completion makes it completed", []Event{ev(EventDelivery, 1, 1), ev(EventStart, 2, 1), ev(EventCompletion, 5, 1)}, StageCompleted},
		{"an acceptance makes it accepted", []Event{ev(EventDelivery, 1, 1), ev(EventStart, 2, 1), ev(EventCompletion, 5, 1), ev(EventAcceptance, 6, 1)}, StageAccepted},
		{"events given out of order are taken by date", []Event{ev(EventCompletion, 5, 1), ev(EventDelivery, 1, 1), ev(EventStart, 2, 1)}, StageCompleted},
		{"a start before delivery stays under construction after the delivery", []Event{ev(EventStart, 1, 1), ev(EventDelivery, 2, 1)}, StageConstruction},
		{"an idle determination makes it idle", []Event{ev(EventDelivery, 1, 1), ev(EventIdleDetermination, 6, 1)}, StageIdle},
		{"a start after an idle determination leaves it idle until disposal", []Event{ev(EventDelivery, 1, 1), ev(EventIdleDetermination, 6, 1), ev(EventStart, 7, 1)}, StageIdle},
		{"land fined and not started stays idle", []Event{ev(EventDelivery, 1, 1), ev(EventIdleDetermination, 6, 1), withDisposal(ev(EventDisposal, 7, 1), DisposalFee)}, StageIdle},
		{"land fined stays idle until it starts, then is under construction", []Event{ev(EventDelivery, 1, 1), ev(EventIdleDetermination, 6, 1), withDisposal(ev(EventDisposal, 7, 1), DisposalFee), ev(EventStart, 8, 1)}, StageConstruction},
		{"halted land fined stays idle until it resumes", []Event{ev(EventDelivery, 1, 1), ev(EventStart, 2, 1), ev(EventHalt, 3, 1), ev(EventIdleDetermination, 6, 1), withDisposal(ev(EventDisposal, 7, 1), DisposalFee)}, StageIdle},
		{"halted land fined and resumed is under construction", []Event{ev(EventDelivery, 1, 1), ev(EventStart, 2, 1), ev(EventHalt, 3, 1), ev(EventIdleDetermination, 6, 1), withDisposal(ev(EventDisposal, 7, 1), DisposalFee), ev(EventResumption, 8, 1)}, StageConstruction},
		{"land that started before its fee is under construction after the fee", []Event{ev(EventDelivery, 1, 1), ev(EventIdleDetermination, 6, 1), ev(EventStart, 6, 15), withDisposal(ev(EventDisposal, 7, 1), DisposalFee)}, StageConstruction},
		{"an extension ends idleness and returns it to construction", []Event{ev(EventDelivery, 1, 1), ev(EventStart, 2, 1), ev(EventIdleDetermination, 6, 1), withDisposal(ev(EventDisposal, 7, 1), DisposalExtension)}, StageConstruction},
		{"temporary use ends idleness", []Event{ev(EventIdleDetermination, 6, 1), withDisposal(ev(EventDisposal, 7, 1), DisposalTemporaryUse)}, StageSupplied},
		{"a negotiated recovery reclaims the land", []Event{ev(EventIdleDetermination, 6, 1), withDisposal(ev(EventDisposal, 7, 1), DisposalNegotiatedRecovery)}, StageReclaimed},
		{"a recovery without compensation reclaims the land", []Event{ev(EventIdleDetermination, 6, 1), withDisposal(ev(EventDisposal, 7, 1), DisposalRecoveryWithoutCompensation)}, StageReclaimed},
		{"a swap reclaims the land", []Event{ev(EventIdleDetermination, 6, 1), withDisposal(ev(EventDisposal, 7, 1), DisposalSwap)}, StageReclaimed},
		{"a disposal with an unknown measure leaves it idle", []Event{ev(EventIdleDetermination, 6, 1), withDisposal(ev(EventDisposal, 7, 1), "forgiven")}, StageIdle},
		{"a recovery reclaims the land", []Event{ev(EventDelivery, 1, 1), ev(EventRecovery, 3, 1)}, StageReclaimed},
		{"a cancellation reclaims the land", []Event{ev(EventCancellation, 3, 1)}, StageReclaimed},
		{"nothing after a recovery brings it back", []Event{ev(EventRecovery, 3, 1), ev(EventStart, 4, 1)}, StageReclaimed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DeriveStage(tt.events); got != tt.want {
				t.Errorf("DeriveStage = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSortEvents(t *testing.T) {
	a := ev(EventDelivery, 1, 1)
	b := ev(EventStart, 1, 1)
	b.RecordedAt = a.RecordedAt.Add(-time.Hour)
	c := ev(EventCompletion, 1, 2)
	in := []Event{c, a, b}
	got := SortEvents(in)
	t.Run("events of one day are ordered by when they were recorded", func(t *testing.T) {
		if got[0].Kind != EventStart || got[1].Kind != EventDelivery || got[2].Kind != EventCompletion {
			t.Errorf("order = %s, %s, %s", got[0].Kind, got[1].Kind, got[2].Kind)
		}
	})
	t.Run("the caller's slice is left as it was", func(t *testing.T) {
		if in[0].Kind != EventCompletion {
			t.Errorf("SortEvents reordered its input")
		}
	})
	t.Run("events already in order are not copied", func(t *testing.T) {
		if again := SortEvents(got); &again[0] != &got[0] {
			t.Errorf("SortEvents copied events already in order")
		}
	})
}
