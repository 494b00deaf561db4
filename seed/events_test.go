package seed

import (
	"testing"
	"time"

	"landwatch/land"
)

// suspectedIdle applies the idle-land rule of DESIGN §4.2 to a supply with
// no idle determination: not started a full year after the agreed start
// (one year after delivery when the contract sets none), or started, under
// a third developed or under a quarter invested, and halted a full year.
func suspectedIdle(s land.Supply, today land.Date) bool {
	var delivery, start, completion, lastHalt *land.Event
	halted := false
	developed, invested := 0.0, 0.0
	for i := range s.Events {
		e := &s.Events[i]
		switch e.Kind {
		case land.EventIdleDetermination, land.EventRecovery:
			return false
		case land.EventDelivery:
			delivery = e
		case land.EventStart:
			start = e
		case land.EventCompletion:
			completion = e
		case land.EventHalt:
			halted, lastHalt = true, e
		case land.EventResumption:
			halted = false
		case land.EventProgress:
			if e.DevelopedShare != nil {
				developed = *e.DevelopedShare
			}
			if e.InvestedShare != nil {
				invested = *e.InvestedShare
			}
		}
	}
	agreed := s.AgreedStart
	if agreed.IsZero() {
		if delivery == nil {
			return false
		}
		agreed = delivery.OccurredOn.AddYears(1)
	}
	if start == nil {
		return today.After(agreed.AddYears(1))
	}
	return completion == nil && halted && !today.Before(lastHalt.OccurredOn.AddYears(1)) &&
		(developed < 1.0/3 || invested < 0.25)
}

func TestEvents(t *testing.T) {
	o := Default()
	d := generateCity(t, o)
	endOfToday := o.Today.AddDays(1).Time().Add(-8 * time.Hour) // midnight in China

	t.Run("each supply's events pass the checks of order and of the case in order", func(t *testing.T) {
		rule := land.DefaultIdleRule()
		for _, s := range d.Supplies {
			for i, e := range s.Events {
				if err := rule.CheckEvent(s, s.Events[:i], e, o.Today); err != nil {
					t.Fatalf("%s event %d (%s on %s): %v", s.ENumber, i, e.Kind, e.OccurredOn, err)
				}
			}
		}
	})
	t.Run("nothing happens or is recorded after today", func(t *testing.T) {
		for _, s := range d.Supplies {
			for _, e := range s.Events {
				if e.OccurredOn.After(o.Today) || e.RecordedAt.After(endOfToday) {
					t.Fatalf("%s: %s on %s recorded %s, after today %s", s.ENumber, e.Kind, e.OccurredOn, e.RecordedAt, o.Today)
				}
				if e.OccurredOn.Before(s.ContractDate) {
					t.Fatalf("%s: %s on %s, before the contract of %s", s.ENumber, e.Kind, e.OccurredOn, s.ContractDate)
				}
			}
		}
	})
	t.Run("events are recorded after they happen, a few of them late", func(t *testing.T) {
		events, late := 0, 0
		for _, s := range d.Supplies {
			for _, e := range s.Events {
				events++
				lag := e.RecordedAt.Sub(e.OccurredOn.Time().Add(-8 * time.Hour))
				if lag < 0 || e.RecordedBy != "clerk-130626" {
					t.Fatalf("%s: %s on %s recorded %s by %q", s.ENumber, e.Kind, e.OccurredOn, e.RecordedAt, e.RecordedBy)
				}
				if lag > 14*24*time.Hour { // surely more than 7 working days
					late++
				}
			}
		}
		if share := float64(late) / float64(events); share < 0.02 || share > 0.1 {
			t.Fatalf("%.1f %% of events entered late, want a few per cent", 100*share)
		}
	})
	t.Run("every stage but reserved appears in sensible proportions", func(t *testing.T) {
		count := map[land.Stage]int{}
		old, oldDone := 0, 0
		for _, s := range d.Supplies {
			if got := land.DeriveStage(s.Events); got != s.Stage {
				t.Fatalf("%s: stage %s, events give %s", s.ENumber, s.Stage, got)
			}
			count[s.Stage]++
			if s.ContractDate.Time().Year() <= 2016 {
				old++
				if s.Stage == land.StageAccepted || s.Stage == land.StageCompleted {
					oldDone++
				}
			}
		}
		n := float64(len(d.Supplies))
		within := map[land.Stage][2]float64{
			land.StageSupplied:     {0.005, 0.05},
			land.StageDelivered:    {0.02, 0.15},
			land.StageConstruction: {0.1, 0.4},
			land.StageCompleted:    {0.03, 0.2},
			land.StageAccepted:     {0.35, 0.7},
			land.StageIdle:         {0.01, 0.06},
			land.StageReclaimed:    {0.005, 0.04},
			land.StageReserved:     {0, 0},
		}
		for stage, r := range within {
			if share := float64(count[stage]) / n; share < r[0] || share > r[1] {
				t.Errorf("%s: %.2f %% of supplies, want %.1f–%.1f %%", stage, 100*share, 100*r[0], 100*r[1])
			}
		}
		if share := float64(oldDone) / float64(old); share < 0.75 {
			t.Errorf("only %.0f %% of supplies contracted by 2016 are completed or accepted", 100*share)
		}
	})
	t.Run("a few per cent meet the idle-land rule without a determination", func(t *testing.T) {
		notStarted, halted := 0, 0
		for _, s := range d.Supplies {
			if !suspectedIdle(s, o.Today) {
				continue
			}
			started := false
			for _, e := range s.Events {
				started = started || e.Kind == land.EventStart
			}
			if started {
				halted++
			} else {
				notStarted++
			}
		}
		n := float64(len(d.Supplies))
		if share := float64(notStarted+halted) / n; share < 0.015 || share > 0.08 || notStarted == 0 || halted == 0 {
			t.Fatalf("%d not started and %d halted (%.1f %%), want a few per cent of each kind", notStarted, halted, 100*share)
		}
	})
	t.Run("idle determinations name holders and government", func(t *testing.T) {
		causes := map[string]int{}
		for _, s := range d.Supplies {
			for _, e := range s.Events {
				if e.Kind == land.EventIdleDetermination {
					causes[e.Cause]++
				}
			}
		}
		if causes[land.CauseHolder] == 0 || causes[land.CauseGovernment] == 0 {
			t.Fatalf("causes %v, want both", causes)
		}
	})
}

func TestAgreedDatesFollowTheContract(t *testing.T) {
	o := Default()
	d := generateCity(t, o)
	years := map[int]int{}
	for _, s := range d.Supplies {
		c := s.ContractDate
		years[c.Time().Year()]++
		if c.Time().Year() < 2009 || c.After(o.Today) {
			t.Fatalf("%s contracted %s", s.ENumber, c)
		}
		if gap := c.DaysUntil(s.AgreedDelivery); gap < 0 || gap > 92 {
			t.Fatalf("%s: delivery agreed %d days after the contract", s.ENumber, gap)
		}
		if s.AgreedStart.IsZero() {
			continue
		}
		if gap := c.DaysUntil(s.AgreedStart); gap < 30 || gap > 366 {
			t.Fatalf("%s: start agreed %d days after the contract", s.ENumber, gap)
		}
		if gap := s.AgreedStart.DaysUntil(s.AgreedCompletion); gap < 730 || gap > 1096 {
			t.Fatalf("%s: completion agreed %d days after the start", s.ENumber, gap)
		}
	}
	if years[2025] <= 2*years[2010] {
		t.Fatalf("contracts by year %v: want many more recent ones", years)
	}
}
