package sql

import (
	"time"

	"landwatch/land"
)

// Rules are the domain's checks and derived values that the store applies
// inside its transactions, so that a record is checked against what is
// stored with it. The service owns them (supervision.Rules, built once and
// shared): the store keeps no rule values of its own.
type Rules interface {
	// PrepareSupply normalises and checks a supply with its parcels and
	// events, fills its derived fields, and returns warnings.
	PrepareSupply(s *land.Supply) ([]string, error)
	// PrepareParcels checks boundaries, computes their plane areas and
	// warns of areas that differ from the declared one.
	PrepareParcels(ps []land.Parcel, declaredHa float64) ([]string, error)
	// CheckEvent checks a new event of supply s against those recorded
	// before it and against the case as the idle rule sees it.
	CheckEvent(s land.Supply, recorded []land.Event, e land.Event) error
	// AssessIdle applies the idle-land rule to a supply as of a day.
	AssessIdle(s land.Supply, events []land.Event, asOf land.Date) land.IdleAssessment
	// DayOf is the day a moment falls on in the rules' zone.
	DayOf(t time.Time) land.Date
	// Lag is the lag in working days from a day to a recording time and
	// whether it is late.
	Lag(from land.Date, recorded time.Time) (int, bool)
	// Now is the clock.
	Now() time.Time
}
