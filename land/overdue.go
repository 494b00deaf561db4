package land

// Overdue returns the overdue flags of supply s on the day asOf, from the
// dates of its contract and the events that happened on or before asOf:
//
//   - FlagOverdueDelivery (逾期未交地): the agreed delivery has passed and
//     neither a delivery nor any later stage is recorded;
//   - FlagOverdueStart (逾期未开工): the agreed start has passed and no
//     construction start (nor completion or acceptance) is recorded;
//   - FlagOverdueCompletion (逾期未竣工): the agreed completion has passed
//     and no completion (nor acceptance) is recorded.
//
// A date has passed from the day after it. A date the contract leaves empty
// is never overdue, and neither is anything on land taken back or
// cancelled. Only contract dates count: a new date agreed on the idle-land
// path moves the idle clock (IdleRule.Assess), not these flags.
func Overdue(s Supply, events []Event, asOf Date) Flag {
	h := eventsUpTo(events, asOf)
	if DeriveStage(h) == StageReclaimed {
		return 0
	}
	recorded := func(kinds ...EventKind) bool {
		for _, k := range kinds {
			if h.first(k) != nil {
				return true
			}
		}
		return false
	}
	passed := func(d Date) bool { return !d.IsZero() && asOf.After(d) }
	var f Flag
	if passed(s.AgreedDelivery) && !recorded(EventDelivery, EventStart, EventCompletion, EventAcceptance) {
		f |= FlagOverdueDelivery
	}
	if passed(s.AgreedStart) && !recorded(EventStart, EventCompletion, EventAcceptance) {
		f |= FlagOverdueStart
	}
	if passed(s.AgreedCompletion) && !recorded(EventCompletion, EventAcceptance) {
		f |= FlagOverdueCompletion
	}
	return f
}
