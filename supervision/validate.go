package supervision

import (
	"fmt"
	"sort"
	"time"

	"landwatch/land"
	"landwatch/spatial"
)

// PrepareSupply checks a supply and everything it carries before it is
// written: the record's fields and codes, each parcel's geometry (and its
// plane area in its Gauss-Krüger zone), and its events in order. It fills the
// derived fields (kind, mapped land use, region, plane areas, stage) and
// returns warnings for what is accepted but doubtful. The store calls it
// inside the transaction that writes the record.
func (r *Rules) PrepareSupply(s *land.Supply) ([]string, error) {
	warnings, err := s.Normalize(r.Regions)
	if err != nil {
		return nil, err
	}
	pw, err := r.PrepareParcels(s.Parcels, s.RegionCode, s.AreaHa)
	if err != nil {
		return nil, err
	}
	warnings = append(warnings, pw...)
	sortEvents(s.Events)
	var checked []land.Event
	for i, e := range s.Events {
		if err := r.CheckEvent(*s, checked, e); err != nil {
			return nil, land.PrefixField(err, fmt.Sprintf("events[%d]", i))
		}
		checked = append(checked, e)
	}
	s.Stage = land.DeriveStage(s.Events)
	return warnings, nil
}

// PrepareReserve checks a reserve and its parcels before it is written,
// as PrepareSupply checks a supply, and measures the lag of its entry now
// from the day the land was taken in (due within 7 working days, DESIGN
// §4.1; late past the rules' threshold, as events are).
func (r *Rules) PrepareReserve(res *land.Reserve) ([]string, error) {
	warnings, err := res.Normalize(r.Regions, r.Today())
	if err != nil {
		return nil, err
	}
	pw, err := r.PrepareParcels(res.Parcels, res.RegionCode, res.AreaHa)
	if err != nil {
		return nil, err
	}
	res.SetLag(r.Lag, r.Now())
	return append(warnings, pw...), nil
}

// PreparePlan checks a supply plan before it is written and measures the
// lag of its entry now from the day it was published (late past the
// rules' threshold, 7 working days by default, as reserves are).
func (r *Rules) PreparePlan(p *land.Plan) ([]string, error) {
	warnings, err := p.Normalize(r.Regions, r.Today())
	if err != nil {
		return nil, err
	}
	p.SetLag(r.Lag, r.Now())
	return warnings, nil
}

// PrepareParcels validates each parcel's geometry and its place (it must be
// able to lie in the supply's region), computes its plane area and zone, and
// warns when the parcels' total plane area differs from the declared area by
// more than 1 %.
func (r *Rules) PrepareParcels(ps []land.Parcel, region string, declaredHa float64) ([]string, error) {
	var warnings []string
	var total float64
	for i := range ps {
		p := &ps[i]
		if err := p.CheckText(); err != nil {
			return nil, land.PrefixField(err, fmt.Sprintf("parcels[%d]", i))
		}
		if err := spatial.Validate(p.Geometry); err != nil {
			return nil, land.PrefixField(err, fmt.Sprintf("parcels[%d]", i))
		}
		if err := r.Regions.CheckPlace(region, p.Geometry.Bound()); err != nil {
			return nil, land.PrefixField(err, fmt.Sprintf("parcels[%d]", i))
		}
		if err := r.checkBoundary(region, *p); err != nil {
			return nil, land.PrefixField(err, fmt.Sprintf("parcels[%d]", i))
		}
		p.PlaneAreaM2, p.GKEPSG = spatial.PlaneArea(p.Geometry)
		total += p.PlaneAreaM2
		if p.DeclaredAreaHa > 0 {
			if ratio, warn := spatial.AreaMismatch(p.PlaneAreaM2, p.DeclaredAreaHa, 0.01); warn {
				warnings = append(warnings, fmt.Sprintf("parcels[%d]: plane area %.1f m² differs from the declared %.4f ha by %.1f %%",
					i, p.PlaneAreaM2, p.DeclaredAreaHa, (ratio-1)*100))
			}
		}
	}
	if len(ps) > 0 && declaredHa > 0 {
		if ratio, warn := spatial.AreaMismatch(total, declaredHa, 0.01); warn {
			warnings = append(warnings, fmt.Sprintf("area_ha: the parcels' plane area %.1f m² differs from the declared %.4f ha by %.1f %%",
				total, declaredHa, (ratio-1)*100))
		}
	}
	return warnings, nil
}

// checkBoundary refuses a parcel that lies wholly outside the loaded
// boundary of its supply's county, or failing one, of its prefecture: the
// finer check the provinces' extents (CheckPlace) stand in for until
// boundaries are imported. Without a boundary of either nothing is refused.
func (r *Rules) checkBoundary(region string, p land.Parcel) error {
	b := r.Boundaries()
	if b.Len() == 0 || len(region) != 6 {
		return nil
	}
	for _, code := range []string{region, region[:4] + "00"} {
		name, ok := b.Has(code)
		if !ok {
			continue
		}
		if b.Meets(code, p.Geometry) {
			return nil
		}
		c := p.Geometry.Bound().Center()
		return land.Errorf(land.CodeInvalid, "the parcel %s lies at %.4f°E %.4f°N, outside the boundary of %s %s",
			parcelName(p), c[0], c[1], code, name)
	}
	return nil
}

// parcelName is how a parcel is named in messages: its number, else its
// name, else "without a number".
func parcelName(p land.Parcel) string {
	switch {
	case p.Number != "":
		return p.Number
	case p.Name != "":
		return p.Name
	}
	return "without a number"
}

func sortEvents(es []land.Event) {
	sort.SliceStable(es, func(i, j int) bool { return es[i].OccurredOn.Before(es[j].OccurredOn) })
}

// CheckEvent checks a new event of supply s against the events recorded
// before it and against the case (land.IdleRule.CheckEvent), as of today.
func (r *Rules) CheckEvent(s land.Supply, recorded []land.Event, e land.Event) error {
	if err := e.CheckText(); err != nil {
		return err
	}
	return r.Idle.CheckEvent(s, recorded, e, r.Today())
}

// AssessIdle applies the configured idle-land rule to a supply as of a day.
func (r *Rules) AssessIdle(s land.Supply, events []land.Event, asOf land.Date) land.IdleAssessment {
	return r.Idle.Assess(s, events, asOf)
}

// DayOf is the day t falls on in the rules' zone.
func (r *Rules) DayOf(t time.Time) land.Date { return land.DateOf(t.In(r.Zone)) }

// Lag is the lag in working days from a day to a recording time (a Beijing
// day), and whether it is later than the late-entry threshold.
func (r *Rules) Lag(from land.Date, recorded time.Time) (int, bool) {
	n := r.Calendar.WorkdaysBetween(from, land.DateOf(recorded.In(r.Zone)))
	return n, n > r.LateDays
}
