package land

import (
	"fmt"
	"math"
)

// IdleRule holds the thresholds of the idle-land rule (闲置土地认定) of the
// Measures for Disposing of Idle Land, Ministry Order No. 53 of 2012
// (DESIGN §4.2). Periods are whole years. DefaultIdleRule gives the Order's
// values; configuration may change them.
type IdleRule struct {
	// NotStartedAfter is how many full years after the agreed start
	// (约定动工开发日期) land not started is idle (clause 1): 1.
	NotStartedAfter int `json:"not_started_after_years"`
	// StartAfterDelivery is how many years after actual delivery the start
	// is due when the contract sets no start date (Order art. 30): 1.
	StartAfterDelivery int `json:"start_after_delivery_years"`
	// DevelopedShareBelow and InvestedShareBelow are the shares under which
	// started land counts as barely developed (clause 2): 1/3 of the area to
	// develop, 25 % of the total investment (land price and taxes excluded).
	DevelopedShareBelow float64 `json:"developed_share_below"`
	InvestedShareBelow  float64 `json:"invested_share_below"`
	// HaltedFor is how many full years barely developed land must have been
	// halted (中止开发建设) to be idle (clause 2): 1.
	HaltedFor int `json:"halted_for_years"`
	// FeeShare is the idle-land fee (土地闲置费) as a share of the land
	// price: 0.20.
	FeeShare float64 `json:"fee_share"`
	// RecoveryAfter is how many full years idle lead to recovery without
	// compensation (无偿收回): 2.
	RecoveryAfter int `json:"recovery_after_years"`
	// ExtensionMax is how many years at most an extension (延长动工开发期限)
	// may put the newly agreed start after the disposal (art. 12): 1.
	ExtensionMax int `json:"extension_max_years"`
	// TemporaryUseMax is how many years at most temporary use (临时使用)
	// may last from the disposal (art. 12): 2.
	TemporaryUseMax int `json:"temporary_use_max_years"`
}

// DefaultIdleRule returns the thresholds of Ministry Order No. 53.
func DefaultIdleRule() IdleRule {
	return IdleRule{
		NotStartedAfter:     1,
		StartAfterDelivery:  1,
		DevelopedShareBelow: 1.0 / 3,
		InvestedShareBelow:  0.25,
		HaltedFor:           1,
		FeeShare:            0.20,
		RecoveryAfter:       2,
		ExtensionMax:        1,
		TemporaryUseMax:     2,
	}
}

// Check returns a CodeInvalid error naming the first threshold that makes
// no sense (the JSON name of the field), or nil: periods of at least one
// year with recovery no sooner than idleness, shares between 0 and 1.
func (r IdleRule) Check() error {
	for _, y := range []struct {
		field string
		v     int
	}{
		{"not_started_after_years", r.NotStartedAfter},
		{"start_after_delivery_years", r.StartAfterDelivery},
		{"halted_for_years", r.HaltedFor},
		{"recovery_after_years", r.RecoveryAfter},
		{"extension_max_years", r.ExtensionMax},
		{"temporary_use_max_years", r.TemporaryUseMax},
	} {
		if y.v < 1 || y.v > 50 {
			return Invalid(y.field, "must be a whole number of years from 1 to 50, not %d", y.v)
		}
	}
	if r.RecoveryAfter < r.NotStartedAfter || r.RecoveryAfter < r.HaltedFor {
		return Invalid("recovery_after_years", "recovery cannot come before land is idle")
	}
	for _, s := range []struct {
		field string
		v     float64
	}{
		{"developed_share_below", r.DevelopedShareBelow},
		{"invested_share_below", r.InvestedShareBelow},
		{"fee_share", r.FeeShare},
	} {
		if math.IsNaN(s.v) || s.v < 0 || s.v > 1 {
			return Invalid(s.field, "a share must be between 0 and 1, not %v", s.v)
		}
	}
	return nil
}

// The clauses of the idle-land rule, named in IdleAssessment.Rule.
// IdleRuleTitle is a clause's title as a finding shows it (《闲置土地处置办法》
// 第二条); the assessment's reason says how it applies to the supply.
func IdleRuleTitle(rule string) string {
	switch rule {
	case IdleNotStarted:
		return "闲置土地：超过约定动工开发日期满一年未动工开发"
	case IdleHalted:
		return "闲置土地：已动工开发但开发面积不足三分之一或投资额不足百分之二十五，且中止开发建设满一年"
	}
	return "闲置土地"
}

const (
	// IdleNotStarted: not started one full year after the agreed start.
	IdleNotStarted = "not_started"
	// IdleHalted: started, developed or invested share below its threshold,
	// and halted for one full year.
	IdleHalted = "halted"
)

// The grades of idle land, by how long it has been idle.
const (
	IdleGradeFee      = "fee"      // 征缴土地闲置费: idle one full year or more
	IdleGradeRecovery = "recovery" // 无偿收回: idle two full years or more
)

// IdleAssessment is what the idle-land rule says of one supply on one day.
//
// Periods are counted as the Civil Code counts them (art. 201–203): the day
// the clock starts is not counted, and a year ends on the same day of the
// next year (on 28 February when there is no 29th). So land whose agreed
// start is 2024-03-01 has gone one full year unstarted at the end of
// 2025-03-01 and is idle from 2025-03-02; on 2025-03-01 itself it is not.
type IdleAssessment struct {
	// Suspected reports that a clause fires on the day assessed: the land
	// is idle by the rule (疑似闲置). Whether it was already determined is
	// told by the supply's stage (DeriveStage), not here.
	Suspected bool `json:"suspected"`
	// Rule is the clause that fired (IdleNotStarted or IdleHalted).
	Rule string `json:"rule,omitzero"`
	// ClockFrom is the day the clock starts: the agreed start (or the day
	// one year after delivery, or the day of an extension that restarted the
	// clock) for clause 1, the halt for clause 2.
	ClockFrom Date `json:"clock_from,omitzero"`
	// Since is the first idle day: ClockFrom plus the clause's years, plus
	// one day.
	Since Date `json:"since,omitzero"`
	// Until is the day construction started, when land that had been idle
	// started late; the assessment then describes that past idleness and
	// Suspected is false.
	Until Date `json:"until,omitzero"`
	// Years is how long the land has gone unstarted (or halted), in full
	// years from ClockFrom to the day assessed (or to Until), as the Order
	// counts it: 1 on the first idle day.
	Years int `json:"years"`
	// Grade is IdleGradeFee or IdleGradeRecovery for suspected land caused
	// by its holder, "" otherwise.
	Grade string `json:"grade,omitzero"`
	// FeeWan is the idle-land fee, FeeShare of the land price in 万元
	// rounded to the yuan, on the fee grade when the price is known.
	FeeWan float64 `json:"fee_wan,omitzero"`
	// Negotiation reports that the delay is not the holder's: land not
	// delivered by the agreed delivery date (art. 8), or an idle
	// determination naming a government cause or force majeure that no
	// disposal has followed yet. The case goes to negotiation (extension,
	// change of use, temporary use, paid recovery, swap) instead of a fee or
	// recovery, so Grade is "".
	Negotiation bool `json:"negotiation,omitzero"`
	// Cause is the cause of a delay that is not the holder's:
	// CauseGovernment or CauseForceMajeure; "" while the record shows none.
	Cause string `json:"cause,omitzero"`
	// Reason says in words why the rule fired or did not.
	Reason string `json:"reason"`
}

// Assess applies the idle-land rule to supply s with its events as of the
// day asOf. Only events that happened on or before asOf count, so asking
// about a past day gives the answer of that day.
//
// Clause 1: construction not started NotStartedAfter full years after the
// agreed start; when the contract sets none, the start is due
// StartAfterDelivery years after actual delivery; with neither, the rule
// cannot be applied yet. Clause 2: construction started, the latest progress
// reports give a developed share below DevelopedShareBelow or an invested
// share below InvestedShareBelow, and the latest halt, with no resumption
// after it, is HaltedFor full years old.
//
// Land that started late is not suspected any more: the assessment
// describes the past idleness (Since to Until) with Suspected false, and
// clause 2 alone can make it suspected again. Land that is completed,
// accepted, taken back or cancelled is never suspected.
//
// Land not delivered by the agreed delivery date is delayed by government
// (art. 8). Delivered late, its agreed start moves back by the delay (actual
// minus agreed delivery). Not delivered at all, it is never idle by the
// holder's fault: once clause 1 fires it is suspected with cause government
// and goes to negotiation, with no grade.
//
// A disposal that lets development go on (extension, change of use,
// temporary use) after a determination naming a government cause or force
// majeure restarts the clock from the newly agreed start it records (its
// own day when an older record has none): that day becomes the agreed start
// of clause 1 and, when later than the halt, the start of clause 2.
func (r IdleRule) Assess(s Supply, events []Event, asOf Date) IdleAssessment {
	h := eventsUpTo(events, asOf)
	if DeriveStage(h) == StageReclaimed {
		return IdleAssessment{Reason: "the land use right was taken back or cancelled"}
	}
	if c := h.first(EventCompletion); c != nil {
		return IdleAssessment{Reason: fmt.Sprintf("construction was completed on %s", c.OccurredOn)}
	}
	restart := governmentRestart(h)
	var a IdleAssessment
	if start := h.first(EventStart); start == nil {
		a = r.notStarted(s, h, restart, asOf)
	} else {
		a = r.started(s, h, *start, restart, asOf)
	}
	if d := pendingGovernmentDetermination(h); d != nil {
		a.Negotiation, a.Cause, a.Grade, a.FeeWan = true, d.Cause, "", 0
		a.Reason += fmt.Sprintf("; the determination of %s names %s as the cause, so the case goes to negotiation", d.OccurredOn, d.Cause)
	}
	return a
}

// agreedStart returns the day clause 1 counts from and what it is: the day
// of a restart, the agreed start, or the day StartAfterDelivery years after
// delivery; zero when none is known.
func (r IdleRule) agreedStart(s Supply, h history, restart *Event) (Date, string) {
	switch {
	case restart != nil:
		day, what := restartDay(*restart)
		return day, what
	case !s.AgreedStart.IsZero():
		if late := deliveryDelay(s, h); late > 0 {
			moved := s.AgreedStart.AddDays(late)
			return moved, fmt.Sprintf("the agreed start %s moved back %d day(s) to %s by the late delivery (agreed %s, delivered %s)",
				s.AgreedStart, late, moved, s.AgreedDelivery, h.first(EventDelivery).OccurredOn)
		}
		return s.AgreedStart, fmt.Sprintf("the agreed start %s", s.AgreedStart)
	}
	if d := h.first(EventDelivery); d != nil {
		due := d.OccurredOn.AddYears(r.StartAfterDelivery)
		return due, fmt.Sprintf("the start due %s, %d year(s) after delivery on %s", due, r.StartAfterDelivery, d.OccurredOn)
	}
	return Date{}, ""
}

// restartDay returns the day a disposal restarts the clock from and says
// what it is.
func restartDay(d Event) (Date, string) {
	switch {
	case d.NewStart.IsZero():
		return d.OccurredOn, fmt.Sprintf("the clock restarted by the disposal of %s", d.OccurredOn)
	case d.Disposal == DisposalTemporaryUse:
		return d.NewStart, fmt.Sprintf("the end on %s of the temporary use agreed on %s", d.NewStart, d.OccurredOn)
	}
	return d.NewStart, fmt.Sprintf("the start %s newly agreed by the %s of %s", d.NewStart, d.Disposal, d.OccurredOn)
}

// deliveryDelay returns by how many days the land was delivered after the
// agreed delivery date (0 when on time, or when either date is unknown).
func deliveryDelay(s Supply, h history) int {
	d := h.first(EventDelivery)
	if d == nil || s.AgreedDelivery.IsZero() || !d.OccurredOn.After(s.AgreedDelivery) {
		return 0
	}
	return s.AgreedDelivery.DaysUntil(d.OccurredOn)
}

// undelivered applies clause 1 to land the government has not delivered by
// the agreed delivery date: the clock runs as agreed, but the delay is the
// government's, so the case goes to negotiation with no grade (art. 8).
func (r IdleRule) undelivered(s Supply, asOf Date) IdleAssessment {
	from := s.AgreedStart
	if from.IsZero() {
		from = s.AgreedDelivery.AddYears(r.StartAfterDelivery)
	}
	a := r.clock(s, IdleNotStarted, from, r.NotStartedAfter, asOf)
	if !a.Suspected {
		a.Reason = fmt.Sprintf("not delivered by the agreed delivery date %s; the agreed start %s is not a full year past", s.AgreedDelivery, from)
		return a
	}
	a.Grade, a.FeeWan, a.Cause, a.Negotiation = "", 0, CauseGovernment, true
	a.Reason = fmt.Sprintf("not started %d full year(s) after the agreed start %s, but the land was never delivered (agreed delivery %s): the delay is the government's (art. 8), so the case goes to negotiation",
		a.Years, from, s.AgreedDelivery)
	return a
}

// notStarted applies clause 1 to land with no construction start.
func (r IdleRule) notStarted(s Supply, h history, restart *Event, asOf Date) IdleAssessment {
	if restart == nil && h.first(EventDelivery) == nil && !s.AgreedDelivery.IsZero() && asOf.After(s.AgreedDelivery) {
		return r.undelivered(s, asOf)
	}
	from, what := r.agreedStart(s, h, restart)
	if from.IsZero() {
		return IdleAssessment{Reason: "no agreed start and no delivery recorded, so the rule cannot be applied yet"}
	}
	a := r.clock(s, IdleNotStarted, from, r.NotStartedAfter, asOf)
	if a.Suspected {
		a.Reason = fmt.Sprintf("not started %d full year(s) after %s", a.Years, what)
	} else {
		a.Reason = fmt.Sprintf("not started; idle from %s if still not started, %d year(s) after %s", a.Since, r.NotStartedAfter, what)
	}
	return a
}

// started applies clause 2 to land whose construction started on start,
// and otherwise tells whether the start came late.
func (r IdleRule) started(s Supply, h history, start Event, restart *Event, asOf Date) IdleAssessment {
	halt := h.lastOnOrBefore(asOf, EventHalt, EventResumption)
	if halt != nil && halt.Kind == EventHalt {
		from := halt.OccurredOn
		if restart != nil {
			if day, _ := restartDay(*restart); day.After(from) {
				from = day
			}
		}
		a := r.clock(s, IdleHalted, from, r.HaltedFor, asOf)
		developed, invested := latestShares(h)
		unknown := developed == nil && invested == nil
		low := (developed != nil && *developed < r.DevelopedShareBelow) || (invested != nil && *invested < r.InvestedShareBelow)
		switch {
		case a.Suspected && unknown:
			// Halted a full year with nothing reported is suspected: the
			// field verification measures the shares that may clear it.
			a.Reason = fmt.Sprintf("halted since %s for %d full year(s), and no progress report or field verification gives the developed or invested share", halt.OccurredOn, a.Years)
			return a
		case a.Suspected && low:
			a.Reason = fmt.Sprintf("halted since %s for %d full year(s) with %s", halt.OccurredOn, a.Years, sharesText(developed, invested))
			return a
		case a.Suspected:
			return IdleAssessment{Reason: fmt.Sprintf("halted since %s, but %s is not below the thresholds", halt.OccurredOn, sharesText(developed, invested))}
		}
	}
	// Restarts after the start do not move a deadline the start already met.
	if restart != nil && restart.OccurredOn.After(start.OccurredOn) {
		restart = nil
	}
	from, what := r.agreedStart(s, h, restart)
	if from.IsZero() {
		return IdleAssessment{Reason: fmt.Sprintf("construction started on %s", start.OccurredOn)}
	}
	past := r.clock(s, IdleNotStarted, from, r.NotStartedAfter, start.OccurredOn)
	if !past.Suspected {
		return IdleAssessment{Reason: fmt.Sprintf("construction started on %s, in time for %s", start.OccurredOn, what)}
	}
	past.Suspected, past.Grade, past.FeeWan = false, "", 0
	past.Until = start.OccurredOn
	past.Reason = fmt.Sprintf("idle from %s until construction started on %s (%d full year(s) after %s); not idle now", past.Since, start.OccurredOn, past.Years, what)
	return past
}

// clock runs a clause's clock from day from: the land is idle from the day
// after years full years have passed, and graded by the full years passed
// on asOf.
func (r IdleRule) clock(s Supply, rule string, from Date, years int, asOf Date) IdleAssessment {
	a := IdleAssessment{ClockFrom: from, Since: from.AddYears(years).AddDays(1)}
	if asOf.Before(a.Since) {
		return a
	}
	a.Suspected, a.Rule, a.Years = true, rule, fullYears(from, asOf)
	if a.Years >= r.RecoveryAfter {
		a.Grade = IdleGradeRecovery
		return a
	}
	a.Grade = IdleGradeFee
	if s.PriceWan != nil {
		a.FeeWan = math.Round(r.FeeShare**s.PriceWan*1e4) / 1e4
	}
	return a
}

// fullYears returns how many full years have passed from day from by the
// end of the day before asOf: n years are full from the day after
// from.AddYears(n).
func fullYears(from, asOf Date) int {
	n := 0
	for from.AddYears(n + 1).Before(asOf) {
		n++
	}
	return n
}

// eventsUpTo returns events in the order they happened, leaving out those
// after asOf.
func eventsUpTo(events []Event, asOf Date) history {
	h := SortEvents(events)
	for i, e := range h {
		if e.OccurredOn.After(asOf) {
			return h[:i]
		}
	}
	return h
}

// restartsClock tells the disposals that, after a government-caused
// determination, let development go on under a new agreed date.
func restartsClock(measure string) bool {
	switch measure {
	case DisposalExtension, DisposalChangeOfUse, DisposalTemporaryUse:
		return true
	}
	return false
}

// governmentCause reports whether an idle determination's cause exempts the
// holder from fee and recovery.
func governmentCause(cause string) bool {
	return cause == CauseGovernment || cause == CauseForceMajeure
}

// governmentRestart returns the latest disposal that restarted the clock
// after a government-caused determination, or nil.
func governmentRestart(h history) *Event {
	var restart *Event
	var cause string
	for i, e := range h {
		switch e.Kind {
		case EventIdleDetermination:
			cause = e.Cause
		case EventDisposal:
			if governmentCause(cause) && restartsClock(e.Disposal) {
				restart = &h[i]
			}
		}
	}
	return restart
}

// pendingGovernmentDetermination returns the latest idle determination when
// it names a government cause or force majeure and no disposal followed it.
func pendingGovernmentDetermination(h history) *Event {
	for i := len(h) - 1; i >= 0; i-- {
		switch h[i].Kind {
		case EventDisposal:
			return nil
		case EventIdleDetermination:
			if governmentCause(h[i].Cause) {
				return &h[i]
			}
			return nil
		}
	}
	return nil
}

// latestShares returns the developed and invested shares of the latest
// progress reports that give each, nil when none does.
func latestShares(h history) (developed, invested *float64) {
	for _, e := range h {
		if e.Kind != EventProgress {
			continue
		}
		if e.DevelopedShare != nil {
			developed = e.DevelopedShare
		}
		if e.InvestedShare != nil {
			invested = e.InvestedShare
		}
	}
	return developed, invested
}

// sharesText describes the known shares for a reason.
func sharesText(developed, invested *float64) string {
	switch {
	case developed != nil && invested != nil:
		return fmt.Sprintf("%.1f %% developed and %.1f %% invested", *developed*100, *invested*100)
	case developed != nil:
		return fmt.Sprintf("%.1f %% developed", *developed*100)
	case invested != nil:
		return fmt.Sprintf("%.1f %% invested", *invested*100)
	}
	return "no shares reported"
}
