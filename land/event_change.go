package land

import "strings"

// EventChange is a correction (更正) or a withdrawal (撤销) of a recorded
// event: an event entered wrong is never rewritten in silence nor deleted.
type EventChange struct {
	ID int64 // the event changed
	// Version is the event's version the person saw; another is CodeStale.
	// 0 asks for none.
	Version int
	// Reason says why; the history keeps it with the new version.
	Reason string
	// Event is the corrected event (same kind; the day it happened and its
	// figures may change); nil withdraws the event.
	Event *Event
}

// Check returns a CodeInvalid error naming "reason" when the change gives
// no reason or one too long, and the corrected event's text errors.
func (c EventChange) Check() error {
	var errs []error
	if strings.TrimSpace(c.Reason) == "" {
		errs = append(errs, Invalid("reason", "say why the event is corrected or withdrawn"))
	} else {
		errs = append(errs, checkTexts([]textField{{"reason", c.Reason, limitRemark}}))
	}
	if c.Event != nil {
		errs = append(errs, PrefixField(c.Event.CheckText(), "event"))
	}
	return JoinInvalid(errs...)
}

// CheckEventChange checks a change of one of a supply's events (existing)
// with check, the test a new event passes (CheckEvent and the idle rule):
// the corrected event must pass it among the others, and no other event
// that passed it before may fail it after the change (withdrawing a start
// under a recorded completion is a conflict). It returns the events after
// the change.
func CheckEventChange(existing []Event, changed Event, withdraw bool, check func([]Event, Event) error) ([]Event, error) {
	after := make([]Event, 0, len(existing))
	for _, x := range existing {
		if x.ID != changed.ID {
			after = append(after, x)
		}
	}
	if !withdraw {
		if err := check(existing, changed); err != nil {
			return nil, err
		}
		after = append(after, changed)
	}
	for _, x := range after {
		if x.ID == changed.ID || check(existing, x) != nil {
			continue
		}
		if err := check(after, x); err != nil {
			return nil, conflict("event", "the %s of %s would no longer hold: %s", x.Kind, x.OccurredOn, ErrorMessage(err))
		}
	}
	return after, nil
}
