package land

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// eventKinds lists the known development events. Never mutated.
var eventKinds = []EventKind{
	EventDelivery, EventStart, EventProgress, EventHalt, EventResumption,
	EventCompletion, EventAcceptance, EventIdleDetermination, EventDisposal,
	EventRecovery, EventCancellation,
}

// KnownEventKind reports whether k is a development event landwatch knows.
func KnownEventKind(k EventKind) bool { return slices.Contains(eventKinds, k) }

// onceOnly reports whether a supply can have at most one event of kind k.
func onceOnly(k EventKind) bool {
	switch k {
	case EventDelivery, EventStart, EventCompletion, EventAcceptance:
		return true
	}
	return false
}

// CheckEvent checks that e can be added to a supply whose events are
// existing, on the day today. An existing event with e's (non-zero) ID is the
// version e replaces and is left out. It returns nil, or an *Error:
//
//   - CodeInvalid "kind": an unknown kind, or an event out of order (a halt
//     with no construction under way, a resumption with no halt, a completion
//     with no start or while construction is halted, an acceptance with no
//     completion, a disposal with no idle determination, an idle
//     determination after acceptance);
//   - CodeInvalid "occurred_on": no date, a date after today, or a date that
//     puts the event before the one it needs (a completion before its start);
//   - CodeInvalid "reason": a construction start before delivery with no reason;
//   - CodeInvalid "developed_share" / "invested_share": a progress report with
//     no share or one outside 0..1;
//   - CodeInvalid "cause": an idle determination whose cause is not holder,
//     government or force_majeure;
//   - CodeInvalid "disposal": an unknown disposal measure, or a fee after a
//     determination naming a government cause or force majeure (that case
//     goes to negotiation, art. 8 and 12);
//   - CodeConflict "kind": a second delivery, start, completion, acceptance or
//     a second idle determination while one is not disposed of;
//   - CodeConflict "occurred_on": an event after a recovery or cancellation.
func CheckEvent(existing []Event, e Event, today Date) error {
	if !KnownEventKind(e.Kind) {
		return Invalid("kind", "%q is not a development event", e.Kind)
	}
	if e.OccurredOn.IsZero() {
		return Invalid("occurred_on", "the day the event happened is required")
	}
	if e.OccurredOn.After(today) {
		return Invalid("occurred_on", "%s is in the future (today is %s)", e.OccurredOn, today)
	}
	h := othersThan(existing, e)
	for _, end := range []EventKind{EventRecovery, EventCancellation} {
		if x := h.first(end); x != nil && e.OccurredOn.After(x.OccurredOn) {
			return conflict("occurred_on", "the land use right ended by %s on %s; nothing can happen after that", end, x.OccurredOn)
		}
	}
	if onceOnly(e.Kind) && h.first(e.Kind) != nil {
		return conflict("kind", "the supply already has a %s on %s", e.Kind, h.first(e.Kind).OccurredOn)
	}
	switch e.Kind {
	case EventDelivery:
		return checkDelivery(h, e)
	case EventStart:
		return checkStart(h, e)
	case EventProgress:
		return checkProgress(e)
	case EventHalt:
		return checkHalt(h, e)
	case EventResumption:
		if last := h.lastOnOrBefore(e.OccurredOn, EventHalt, EventResumption); last == nil || last.Kind != EventHalt {
			return Invalid("kind", "a resumption needs a halt on or before %s", e.OccurredOn)
		}
	case EventCompletion:
		if last := h.lastOnOrBefore(e.OccurredOn, EventHalt, EventResumption); last != nil && last.Kind == EventHalt {
			return Invalid("kind", "construction is halted since %s; record its resumption before the completion", last.OccurredOn)
		}
		return checkFollows(h, e, EventStart, EventAcceptance)
	case EventAcceptance:
		return checkFollows(h, e, EventCompletion, "")
	case EventIdleDetermination:
		return checkIdleDetermination(h, e)
	case EventDisposal:
		if !KnownDisposal(e.Disposal) {
			return Invalid("disposal", "%q is not a disposal measure (fee, extension, change_of_use, temporary_use, swap, negotiated_recovery, recovery, recovery_without_compensation)", e.Disposal)
		}
		d := h.lastOnOrBefore(e.OccurredOn, EventIdleDetermination)
		if d == nil {
			return Invalid("kind", "a disposal needs an idle determination on or before %s", e.OccurredOn)
		}
		if e.Disposal == DisposalFee && governmentCause(d.Cause) {
			return Invalid("disposal", "the determination of %s names %s as the cause: the case goes to negotiation (extension, change of use, temporary use, paid recovery, swap), not a fee", d.OccurredOn, d.Cause)
		}
	}
	return nil
}

// checkDelivery refuses a delivery dated after a construction start that
// gave no reason for starting first.
func checkDelivery(h history, e Event) error {
	if s := h.first(EventStart); s != nil && s.OccurredOn.Before(e.OccurredOn) && strings.TrimSpace(s.Reason) == "" {
		return Invalid("occurred_on", "construction started on %s, before this delivery, and the start gives no reason", s.OccurredOn)
	}
	return nil
}

// checkStart asks a reason for a start before delivery and keeps the start
// on or before any completion.
func checkStart(h history, e Event) error {
	d := h.first(EventDelivery)
	if (d == nil || d.OccurredOn.After(e.OccurredOn)) && strings.TrimSpace(e.Reason) == "" {
		return Invalid("reason", "a construction start before delivery must say why")
	}
	if c := h.first(EventCompletion); c != nil && c.OccurredOn.Before(e.OccurredOn) {
		return Invalid("occurred_on", "the start must be on or before the completion of %s", c.OccurredOn)
	}
	return nil
}

// checkFollows requires e to come on or after the event of kind before and,
// when after is given, on or before the event of kind after.
func checkFollows(h history, e Event, before, after EventKind) error {
	b := h.first(before)
	if b == nil {
		return Invalid("kind", "a %s needs a %s first", e.Kind, before)
	}
	if b.OccurredOn.After(e.OccurredOn) {
		return Invalid("occurred_on", "a %s cannot come before the %s of %s", e.Kind, before, b.OccurredOn)
	}
	if after != "" {
		if a := h.first(after); a != nil && a.OccurredOn.Before(e.OccurredOn) {
			return Invalid("occurred_on", "a %s cannot come after the %s of %s", e.Kind, after, a.OccurredOn)
		}
	}
	return nil
}

// checkProgress requires at least one share, each within 0..1.
func checkProgress(e Event) error {
	if e.DevelopedShare == nil && e.InvestedShare == nil {
		return Invalid("developed_share", "a progress report needs the developed share or the invested share")
	}
	for _, s := range []struct {
		field string
		v     *float64
	}{{"developed_share", e.DevelopedShare}, {"invested_share", e.InvestedShare}} {
		if s.v != nil && (math.IsNaN(*s.v) || *s.v < 0 || *s.v > 1) {
			return Invalid(s.field, "a share must be between 0 and 1, not %v", *s.v)
		}
	}
	return nil
}

// checkHalt requires construction under way, not halted, on the halt's day.
func checkHalt(h history, e Event) error {
	s := h.first(EventStart)
	if s == nil || s.OccurredOn.After(e.OccurredOn) {
		return Invalid("kind", "a halt needs a construction start on or before %s", e.OccurredOn)
	}
	if c := h.first(EventCompletion); c != nil && !c.OccurredOn.After(e.OccurredOn) {
		return Invalid("kind", "construction was completed on %s; it cannot halt after that", c.OccurredOn)
	}
	if last := h.lastOnOrBefore(e.OccurredOn, EventHalt, EventResumption); last != nil && last.Kind == EventHalt {
		return Invalid("kind", "construction is already halted since %s", last.OccurredOn)
	}
	return nil
}

// checkIdleDetermination requires a known cause and no earlier determination
// still waiting for its disposal.
func checkIdleDetermination(h history, e Event) error {
	switch e.Cause {
	case CauseHolder, CauseGovernment, CauseForceMajeure:
	default:
		return Invalid("cause", "%q is not a cause of idle land (holder, government or force_majeure)", e.Cause)
	}
	if a := h.first(EventAcceptance); a != nil && !a.OccurredOn.After(e.OccurredOn) {
		return Invalid("kind", "the completion was accepted on %s: accepted land is not idle", a.OccurredOn)
	}
	if last := h.lastOnOrBefore(e.OccurredOn, EventIdleDetermination, EventDisposal); last != nil && last.Kind == EventIdleDetermination {
		return conflict("kind", "the idle determination of %s has no disposal yet", last.OccurredOn)
	}
	return nil
}

// othersThan returns existing in the order they happened without the
// version that e (when it has an ID) replaces.
func othersThan(existing []Event, e Event) history {
	h := history{}
	for _, x := range SortEvents(existing) {
		if e.ID == 0 || x.ID != e.ID {
			h = append(h, x)
		}
	}
	return h
}

// history is a supply's events in the order they happened.
type history []Event

// first returns the earliest event of kind k, or nil.
func (h history) first(k EventKind) *Event {
	for i := range h {
		if h[i].Kind == k {
			return &h[i]
		}
	}
	return nil
}

// lastOnOrBefore returns the latest event of one of kinds that happened on
// or before day, or nil.
func (h history) lastOnOrBefore(day Date, kinds ...EventKind) *Event {
	var last *Event
	for i := range h {
		if h[i].OccurredOn.After(day) {
			break
		}
		if slices.Contains(kinds, h[i].Kind) {
			last = &h[i]
		}
	}
	return last
}

// conflict returns a CodeConflict error for field.
func conflict(field, format string, args ...any) *Error {
	return &Error{Code: CodeConflict, Field: field, Message: fmt.Sprintf(format, args...)}
}
