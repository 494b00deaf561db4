package seed

import (
	"math/rand/v2"
	"time"

	"landwatch/land"
)

// scenario is the story of a supply's development.
type scenario uint8

const (
	scNormal            scenario = iota // delivered, built, completed, accepted on time or near it
	scSuspectNotStarted                 // delivered, not started a year after the agreed start: rule 1 of §4.2, no determination yet
	scSuspectHalted                     // started, under a third built, halted over a year: rule 2, no determination yet
	scIdle                              // determined idle (闲置土地认定), not yet disposed of
	scReclaimed                         // determined idle, then recovered (收回)
	scDisposed                          // determined idle, fee levied, development went on
)

// idleName names an idle-land story, "" for a normal development.
func (sc scenario) idleName() string {
	switch sc {
	case scSuspectNotStarted:
		return "suspect_not_started"
	case scSuspectHalted:
		return "suspect_halted"
	case scIdle:
		return "idle"
	case scReclaimed:
		return "reclaimed"
	case scDisposed:
		return "disposed"
	}
	return ""
}

// Chances of the scenarios for a supply old enough to have them (the
// rest is normal); younger supplies are normal.
const (
	shareIdle            = 0.035
	shareReclaimed       = 0.02
	shareSuspectNotStart = 0.03
	shareSuspectHalted   = 0.015
	shareDisposed        = 0.01
	lateEntryShare       = 0.06 // events entered more than 7 working days late
)

// drawScenario picks a story; allowReclaim is false for supplies whose
// overlap must stay live.
func drawScenario(r *rand.Rand, allowReclaim bool) scenario {
	x := r.Float64()
	switch {
	case x < shareIdle:
		return scIdle
	case x < shareIdle+shareReclaimed:
		if allowReclaim {
			return scReclaimed
		}
	case x < shareIdle+shareReclaimed+shareSuspectNotStart:
		return scSuspectNotStarted
	case x < shareIdle+shareReclaimed+shareSuspectNotStart+shareSuspectHalted:
		return scSuspectHalted
	case x < shareIdle+shareReclaimed+shareSuspectNotStart+shareSuspectHalted+shareDisposed:
		return scDisposed
	}
	return scNormal
}

// timeline collects the events of one supply in the order they happen and
// drops everything from the first event after today on.
type timeline struct {
	r       *rand.Rand
	today   land.Date
	clerk   string
	loc     *time.Location
	events  []land.Event
	stopped bool
}

// add records an event of kind on day; it reports false (and records
// nothing more) once day is after today.
func (t *timeline) add(kind land.EventKind, day land.Date, set func(*land.Event)) bool {
	if t.stopped || day.After(t.today) {
		t.stopped = true
		return false
	}
	e := land.Event{Kind: kind, OccurredOn: day, RecordedBy: t.clerk}
	if set != nil {
		set(&e)
	}
	e.RecordedAt = t.recordedAt(day)
	t.events = append(t.events, e)
	return true
}

// recordedAt is when a clerk entered an event of day: within a few days,
// now and then weeks late, never after the end of today.
func (t *timeline) recordedAt(day land.Date) time.Time {
	lag := between(t.r, 0, 5)
	if chance(t.r, lateEntryShare) {
		lag = between(t.r, 14, 60)
	}
	d := day.AddDays(lag)
	if d.After(t.today) {
		d = t.today
	}
	minutes := between(t.r, 8*60+30, 17*60+30)
	y, m, dd := d.Time().Date()
	return time.Date(y, m, dd, minutes/60, minutes%60, between(t.r, 0, 59), 0, t.loc)
}

// share returns a pointer to a fraction, for progress reports.
func share(x float64) *float64 {
	x = max(0, min(1, x))
	return &x
}

// develop plays a supply through construction from the day start to the
// day completion: the opening event (a construction start, a resumption
// after idle land was disposed of, or none when the start is recorded
// already), progress reports every few months, perhaps one halt and
// resumption, the completion and usually the acceptance.
func (t *timeline) develop(opening land.EventKind, start, completion land.Date) {
	r := t.r
	haltAt, haltDays := land.Date{}, 0
	span := start.DaysUntil(completion)
	if span > 240 && chance(r, 0.12) {
		haltAt = start.AddDays(int(float64(span) * uniform(r, 0.2, 0.6)))
		haltDays = between(r, 60, 240)
		completion = completion.AddDays(haltDays)
	}
	if opening != "" && !t.add(opening, start, nil) {
		return
	}
	day := start
	for {
		day = day.AddDays(between(r, 330, 600))
		if !haltAt.IsZero() && !day.Before(haltAt) {
			if !t.add(land.EventHalt, haltAt, func(e *land.Event) { e.Note = "资金原因停工" }) {
				return
			}
			if !t.add(land.EventResumption, haltAt.AddDays(haltDays), nil) {
				return
			}
			day = haltAt.AddDays(haltDays)
			haltAt = land.Date{}
			continue
		}
		if !day.Before(completion.AddDays(-30)) {
			break
		}
		done := float64(start.DaysUntil(day)) / float64(start.DaysUntil(completion))
		if !t.add(land.EventProgress, day, func(e *land.Event) {
			e.DevelopedShare = share(done * uniform(r, 0.9, 1.05))
			e.InvestedShare = share(done * uniform(r, 0.85, 1.05))
		}) {
			return
		}
	}
	if !t.add(land.EventCompletion, completion, nil) {
		return
	}
	if chance(r, 0.9) {
		t.add(land.EventAcceptance, completion.AddDays(between(r, 20, 200)), nil)
	}
}

// playEvents plays the scenario sc for supply s (its agreed dates and
// contract date set), appends its events, oldest first, to dst and returns
// the extended slice. It plays a normal development instead when s is too
// young for sc.
// It also returns the story actually played.
func playEvents(r *rand.Rand, s *land.Supply, sc scenario, dst []land.Event, today land.Date, clerk string, loc *time.Location) ([]land.Event, scenario) {
	t := &timeline{r: r, today: today, clerk: clerk, loc: loc, events: dst}
	delivery := s.AgreedDelivery.AddDays(between(r, -5, 20))
	if chance(r, 0.12) {
		delivery = s.AgreedDelivery.AddDays(between(r, 30, 200)) // government late
	}
	if delivery.Before(s.ContractDate) {
		delivery = s.ContractDate
	}
	agreedStart := s.AgreedStart
	if agreedStart.IsZero() {
		agreedStart = delivery.AddYears(1)
	}
	start := agreedStart.AddDays(between(r, -90, 60))
	if !start.After(delivery) {
		start = delivery.AddDays(between(r, 7, 45))
	}
	if limit := agreedStart.AddDays(300); start.After(limit) {
		start = limit
	}
	completion := s.AgreedCompletion.AddDays(between(r, -120, 240))
	if s.AgreedCompletion.IsZero() || completion.Before(start.AddDays(300)) {
		completion = start.AddDays(between(r, 420, 1000))
	}

	// Idle stories need their clock to have run out before today. Land
	// delivered late has its agreed start moved back by the delay (art. 8).
	haltAt := start.AddDays(between(r, 60, 300))
	idleBase := agreedStart // when the idle year starts to count
	if late := s.AgreedDelivery.DaysUntil(delivery); !s.AgreedStart.IsZero() && !s.AgreedDelivery.IsZero() && late > 0 {
		idleBase = idleBase.AddDays(late)
	}
	halted := sc == scSuspectHalted || (sc != scNormal && sc != scSuspectNotStarted && chance(r, 0.4))
	if halted {
		idleBase = haltAt
	}
	determined := idleBase.AddYears(1).AddDays(between(r, 30, 300))
	disposal := determined.AddDays(between(r, 60, 240))
	cause := land.CauseHolder
	if chance(r, 0.25) && sc != scDisposed { // a fee is for the holder's delay only
		cause = land.CauseGovernment
	}
	measure := land.DisposalNegotiatedRecovery
	if cause == land.CauseHolder {
		measure = land.DisposalRecoveryWithoutCompensation
		if early := idleBase.AddYears(2).AddDays(between(r, 1, 60)); disposal.Before(early) {
			disposal = early
		}
	}
	recovery := disposal.AddDays(between(r, 15, 90))
	feasible := true // the story's clock has run out by today
	switch sc {
	case scSuspectNotStarted:
		feasible = agreedStart.AddYears(1).AddDays(30).Before(today)
	case scSuspectHalted:
		feasible = idleBase.AddYears(1).AddDays(30).Before(today)
	case scIdle:
		feasible = !determined.After(today)
	case scReclaimed:
		feasible = !recovery.After(today)
	case scDisposed:
		feasible = !determined.AddDays(330).After(today)
	}
	if !feasible {
		sc = scNormal
	}

	if chance(r, 0.01) && sc == scNormal && delivery.AddDays(-31).After(s.ContractDate) {
		start = delivery.AddDays(-between(r, 5, 30))
		t.add(land.EventStart, start, func(e *land.Event) { e.Reason = "经批准先行开工，交地手续后补" })
		t.add(land.EventDelivery, delivery, nil)
		t.develop("", start, completion)
		return t.events, scNormal
	}
	if !t.add(land.EventDelivery, delivery, nil) {
		return t.events, scNormal
	}
	if sc == scNormal {
		t.develop(land.EventStart, start, completion)
		return t.events, scNormal
	}
	if halted {
		t.add(land.EventStart, start, nil)
		t.add(land.EventProgress, start.AddDays(start.DaysUntil(haltAt)/2), func(e *land.Event) {
			e.DevelopedShare = share(uniform(r, 0.05, 0.3))
			e.InvestedShare = share(uniform(r, 0.05, 0.2))
		})
		t.add(land.EventHalt, haltAt, func(e *land.Event) { e.Note = "停工" })
	}
	if sc == scSuspectNotStarted || sc == scSuspectHalted {
		return t.events, sc
	}
	t.add(land.EventIdleDetermination, determined, func(e *land.Event) { e.Cause = cause })
	switch sc {
	case scReclaimed:
		t.add(land.EventDisposal, disposal, func(e *land.Event) { e.Disposal = measure })
		t.add(land.EventRecovery, recovery, nil)
	case scDisposed:
		fee := determined.AddDays(between(r, 30, 120))
		if t.add(land.EventDisposal, fee, func(e *land.Event) { e.Disposal = land.DisposalFee; e.Note = "征缴土地闲置费" }) {
			again := fee.AddDays(between(r, 30, 200))
			if halted {
				t.develop(land.EventResumption, again, again.AddDays(between(r, 420, 900)))
			} else {
				t.develop(land.EventStart, again, again.AddDays(between(r, 600, 1000)))
			}
		}
	}
	return t.events, sc
}
