package sql

import (
	"errors"
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
	// PrepareParcels checks boundaries and that they can lie in the
	// supply's region, computes their plane areas and warns of areas that
	// differ from the declared one.
	PrepareParcels(ps []land.Parcel, region string, declaredHa float64) ([]string, error)
	// PrepareReserve normalises and checks a reserve with its parcels,
	// and measures its entry's lag; it returns warnings.
	PrepareReserve(r *land.Reserve) ([]string, error)
	// PreparePlan normalises and checks a supply plan and measures its
	// entry's lag; it returns warnings.
	PreparePlan(p *land.Plan) ([]string, error)
	// PrepareAnnouncement normalises and checks an announcement with its
	// lots and measures its entry's lag; it returns warnings.
	PrepareAnnouncement(a *land.Announcement) ([]string, error)
	// PrepareDeal checks a deal against the announcement of its lot and
	// measures its entry's lag.
	PrepareDeal(d *land.Deal, a *land.Announcement) error
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
	// Today is the day it is now where the law counts days (a Beijing
	// day), whatever the zone of the host or of the database session: the
	// day queries compare agreed dates with, passed as a parameter rather
	// than read from current_date.
	Today() land.Date
	// DayStart is the instant a day begins there, which bounds the records
	// made on that day.
	DayStart(d land.Date) time.Time
}

// unconfigured are the rules of a store opened without the service
// (sql.Open alone: a command that only reads, a test's second look at the
// database): it keeps time, and refuses to check records it cannot check.
type unconfigured struct{}

var errNoRules = errors.New("the store was opened without the rules that check records: build it with supervision.Open")

func (unconfigured) PrepareSupply(*land.Supply) ([]string, error) { return nil, errNoRules }
func (unconfigured) PrepareParcels([]land.Parcel, string, float64) ([]string, error) {
	return nil, errNoRules
}
func (unconfigured) PrepareReserve(*land.Reserve) ([]string, error)           { return nil, errNoRules }
func (unconfigured) PreparePlan(*land.Plan) ([]string, error)                 { return nil, errNoRules }
func (unconfigured) CheckEvent(land.Supply, []land.Event, land.Event) error   { return errNoRules }
func (unconfigured) PrepareAnnouncement(*land.Announcement) ([]string, error) { return nil, errNoRules }
func (unconfigured) PrepareDeal(*land.Deal, *land.Announcement) error         { return errNoRules }
func (unconfigured) AssessIdle(land.Supply, []land.Event, land.Date) land.IdleAssessment {
	return land.IdleAssessment{}
}
func (unconfigured) DayOf(t time.Time) land.Date          { return land.DateOf(t.In(beijing())) }
func (unconfigured) Lag(land.Date, time.Time) (int, bool) { return 0, false }
func (unconfigured) Now() time.Time                       { return time.Now() }

// beijing is UTC+8: China has kept it without daylight saving since 1991.
func beijing() *time.Location { return time.FixedZone("Asia/Shanghai", 8*3600) }

func (unconfigured) Today() land.Date { return land.DateOf(time.Now().In(beijing())) }

func (unconfigured) DayStart(d land.Date) time.Time { return d.StartIn(beijing()) }
