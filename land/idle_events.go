package land

// CheckEvent checks that e can be added to supply s whose events are
// existing, on the day today: first the order of events (the package's
// CheckEvent), then the event against the case as the idle rule sees it on
// the event's day. Besides the errors of the order check it returns a
// CodeInvalid *Error naming:
//
//   - "occurred_on": an idle determination before the land is idle by the
//     rule (before the one-year mark, or on started land that is neither
//     halted a full year nor was idle before it started);
//   - "cause": a holder-caused determination on land never delivered by
//     the agreed delivery date (the delay is the government's, art. 8);
//   - "disposal": recovery without compensation on land not idle
//     RecoveryAfter full years by the holder's fault;
//   - "new_start": a disposal letting development go on (extension, change
//     of use, temporary use) without its newly agreed start, with one before
//     the disposal, an extension past ExtensionMax years or temporary use
//     past TemporaryUseMax years; or a new start on another measure.
func (r IdleRule) CheckEvent(s Supply, existing []Event, e Event, today Date) error {
	if err := CheckEvent(existing, e, today); err != nil {
		return err
	}
	h := othersThan(existing, e)
	switch e.Kind {
	case EventIdleDetermination:
		return r.checkDetermination(s, h, e)
	case EventDisposal:
		if err := r.checkNewStart(e); err != nil {
			return err
		}
		if e.Disposal == DisposalRecoveryWithoutCompensation {
			a := r.Assess(s, h, e.OccurredOn)
			if a.Grade != IdleGradeRecovery {
				return Invalid("disposal", "recovery without compensation needs land idle %d full year(s) by its holder's fault; on %s: %s", r.RecoveryAfter, e.OccurredOn, a.Reason)
			}
		}
	}
	return nil
}

// checkDetermination refuses an idle determination on a day the rule does
// not find the land idle, and a holder cause for land never delivered.
func (r IdleRule) checkDetermination(s Supply, h history, e Event) error {
	a := r.Assess(s, h, e.OccurredOn)
	if a.Suspected {
		if a.Cause == CauseGovernment && e.Cause == CauseHolder && h.first(EventDelivery) == nil {
			return Invalid("cause", "the land was not delivered by the agreed delivery date %s: the delay is the government's, not the holder's", s.AgreedDelivery)
		}
		return nil
	}
	if !a.Until.IsZero() {
		return nil // idle before it started: the determination is of that idleness
	}
	started := h.lastOnOrBefore(e.OccurredOn, EventStart) != nil
	if !a.Since.IsZero() || started {
		return Invalid("occurred_on", "the land is not idle on %s: %s", e.OccurredOn, a.Reason)
	}
	return nil // the record lacks the dates to tell
}

// checkNewStart checks the newly agreed start a disposal records.
func (r IdleRule) checkNewStart(e Event) error {
	if !restartsClock(e.Disposal) {
		if !e.NewStart.IsZero() {
			return Invalid("new_start", "a %s disposal agrees no new start", e.Disposal)
		}
		return nil
	}
	if e.NewStart.IsZero() {
		return Invalid("new_start", "a %s disposal records the newly agreed start (for temporary use, the day it ends)", e.Disposal)
	}
	if e.NewStart.Before(e.OccurredOn) {
		return Invalid("new_start", "the newly agreed start %s is before the disposal of %s", e.NewStart, e.OccurredOn)
	}
	years := map[string]int{DisposalExtension: r.ExtensionMax, DisposalTemporaryUse: r.TemporaryUseMax}[e.Disposal]
	if limit := e.OccurredOn.AddYears(years); years > 0 && e.NewStart.After(limit) {
		return Invalid("new_start", "a %s lasts at most %d year(s): %s is after %s", e.Disposal, years, e.NewStart, limit)
	}
	return nil
}
