package seed

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"landwatch/land"
)

// firstContractYear is the year the oldest generated contracts were signed.
const firstContractYear = 2009

// generator holds what every block's attributes need. It is read-only
// while blocks are filled in parallel.
type generator struct {
	o     Options
	tpl   *templates
	namer namer
	plan  *plan
	clerk string // RecordedBy of every event
	// approvedBy is the approving authority (批准单位) of every supply.
	approvedBy string
	loc        *time.Location
}

// yearWeights weighs the contract years of a block at rho: more supplies in
// recent years, and a town that grew outward (old contracts in the centre,
// new ones at the edge). The current year counts for the part gone by.
func (g *generator) yearWeights(rho float64, lastYear int) []float64 {
	first, today := firstContractYear, g.o.Today
	w := make([]float64, lastYear-first+1)
	mid, half := float64(first+lastYear)/2, float64(lastYear-first)/2
	for i := range w {
		y := float64(first + i)
		w[i] = (1 + 0.12*(y-float64(first))) * math.Exp(1.2*(math.Min(rho, 1.2)-0.5)*(y-mid)/half)
		if first+i == today.Time().Year() {
			w[i] *= float64(today.Time().YearDay()) / 365
		}
	}
	return w
}

// contractDate draws the day a contract was signed: a working weekday of a
// year drawn with weights, never later than a few days before today.
func (g *generator) contractDate(r *rand.Rand, weights []float64) land.Date {
	y := firstContractYear + pick(r, weights)
	from := land.NewDate(y, time.January, 1)
	to := land.NewDate(y, time.December, 31)
	if last := g.o.Today.AddDays(-3); to.After(last) {
		to = last
	}
	return weekday(from.AddDays(r.IntN(from.DaysUntil(to)+1)), from)
}

// dateBetween draws a weekday from lo to hi. When lo is past hi it returns
// hi, or floor (the earliest acceptable day) when that is later still.
func dateBetween(r *rand.Rand, floor, lo, hi land.Date) land.Date {
	if lo.After(hi) {
		if floor.After(hi) {
			return floor
		}
		return hi
	}
	d := weekday(lo.AddDays(r.IntN(lo.DaysUntil(hi)+1)), lo)
	if d.After(hi) {
		return hi
	}
	return d
}

// weekday moves a Saturday or Sunday back to Friday, or forward to Monday
// when Friday is before floor.
func weekday(d, floor land.Date) land.Date {
	switch d.Time().Weekday() {
	case time.Saturday:
		if f := d.AddDays(-1); !f.Before(floor) {
			return f
		}
		return d.AddDays(2)
	case time.Sunday:
		if f := d.AddDays(-2); !f.Before(floor) {
			return f
		}
		return d.AddDays(1)
	}
	return d
}

// round rounds x to n decimals, as the published records do.
func round(x float64, n int) float64 {
	p := math.Pow(10, float64(n))
	return math.Round(x*p) / p
}

// ptr returns a pointer to a copy of v (nil stays nil).
func ptr[T any](v *T) *T {
	if v == nil {
		return nil
	}
	c := *v
	return &c
}

// describe fills the attributes of supply s, drawn as d in a block at rho of
// town t, from template tpl: what a contract or allocation decision says.
func (g *generator) describe(r *rand.Rand, s *land.Supply, d *draft, tpl *land.Supply, rho float64, t *town) {
	year := s.ContractDate.Time().Year()
	s.Method, s.Kind = tpl.Method, land.KindOf(tpl.Method)
	s.RegionCode = g.o.RegionCode
	s.DistrictName = g.namer.reg.county
	s.Location = d.location

	var m2 float64
	for _, pc := range d.parcels {
		m2 += pc.PlaneAreaM2
	}
	s.AreaHa = round(m2/1e4, 6)
	if chance(r, 0.005) {
		s.AreaHa = round(s.AreaHa*uniform(r, 1.02, 1.05), 6) // declared area disagrees (§4.4 warning)
	}
	s.SourceText = tpl.SourceText

	label := tpl.LandUseOriginal
	if year >= 2019 {
		if name := land.LandUseName(tpl.LandUseCode); name != "" {
			label = name
			if chance(r, 0.2) {
				label = tpl.LandUseCode
			}
		}
	}
	code, err := land.MapLandUse(label)
	if err != nil {
		label, code = tpl.LandUseOriginal, tpl.LandUseCode
	}
	s.LandUseOriginal, s.LandUseCode = label, code

	s.TermText, s.TermYears = tpl.TermText, ptr(tpl.TermYears)
	s.Industry, s.LandGrade = tpl.Industry, tpl.LandGrade
	s.PlotRatioMin, s.PlotRatioMax = ptr(tpl.PlotRatioMin), ptr(tpl.PlotRatioMax)
	if tpl.PriceWan != nil {
		price := 0.0
		if *tpl.PriceWan > 0 && tpl.AreaHa > 0 {
			perHa := *tpl.PriceWan / tpl.AreaHa
			price = round(perHa*s.AreaHa*(1.5-0.7*math.Min(rho, 1))*math.Pow(1.04, float64(year-2018))*
				math.Exp(0.15*r.NormFloat64()), 4)
		}
		s.PriceWan = &price
	}
	s.ProjectName, s.Holder = g.namer.names(r, d, tpl, s.Kind, year, t)
	s.ApprovedBy = g.approvedBy

	s.AgreedDelivery = s.ContractDate.AddDays(between(r, 0, 90))
	if !(s.Kind == land.KindAllocation && chance(r, 0.1)) {
		s.AgreedStart = s.ContractDate.AddDays(between(r, 90, 365))
		if earliest := s.AgreedDelivery.AddDays(30); s.AgreedStart.Before(earliest) {
			s.AgreedStart = earliest
		}
		s.AgreedCompletion = s.AgreedStart.AddDays(between(r, 730, 1095))
	}
	if s.PriceWan != nil && *s.PriceWan > 0 && s.Kind != land.KindAllocation {
		due := s.ContractDate.AddDays(30)
		if chance(r, 0.7) {
			s.Installments = []land.Installment{{Period: 1, DueOn: due, AmountWan: *s.PriceWan}}
		} else {
			half := round(*s.PriceWan/2, 4)
			s.Installments = []land.Installment{
				{Period: 1, DueOn: due, AmountWan: half},
				{Period: 2, DueOn: s.ContractDate.AddDays(180), AmountWan: round(*s.PriceWan-half, 4)},
			}
		}
	}

	s.Parcels = d.parcels
	for k := range s.Parcels {
		pc := &s.Parcels[k]
		pc.Number = strconv.Itoa(k + 1)
		pc.Name = s.ProjectName
		if len(s.Parcels) > 1 {
			pc.Name += "地块" + chineseNumber(k+1)
		}
		pc.LandUse = s.LandUseCode
		pc.DeclaredAreaHa = round(pc.PlaneAreaM2/1e4, 6)
	}
}

// contractDates draws the contract day of each draft of block b into out.
// A duplicate is contracted after the supply it is drawn over; land that
// will be reclaimed and supplied again is first contracted at least eight
// years ago, and supplied again five years or more later, after its
// recovery.
func (g *generator) contractDates(ti int, b *blockOut, out []land.Date) {
	r := newRand(g.o.Seed, streamDates, b.ref.key(ti))
	lastYear := g.o.Today.AddDays(-3).Time().Year()
	weights := g.yearWeights(b.rho, lastYear)
	yesterday := g.o.Today.AddDays(-1)
	for k, d := range b.drafts {
		switch {
		case d.dupOf >= 0 && d.resupply:
			orig := out[d.dupOf]
			lo := orig.AddYears(5).AddDays(between(r, 0, 1000))
			out[k] = dateBetween(r, orig, lo, yesterday)
		case d.dupOf >= 0:
			orig := out[d.dupOf]
			out[k] = dateBetween(r, orig, orig.AddDays(between(r, 30, 2000)), yesterday)
		case g.resupplied(b, k):
			out[k] = g.contractDate(r, weights[:max(1, lastYear-8-firstContractYear+1)])
		default:
			out[k] = g.contractDate(r, weights)
		}
	}
}

// resupplied reports whether draft k of b is drawn over again after its
// recovery.
func (g *generator) resupplied(b *blockOut, k int) bool {
	for _, d := range b.drafts[k+1:] {
		if d.dupOf == k && d.resupply {
			return true
		}
	}
	return false
}

// fillBlock writes the supplies of block b into out (one per draft, in
// draft order) from their contract days: attributes and events. The
// events of the whole block share one exactly sized array; scratch is
// reused from block to block to build it and is returned grown.
func (g *generator) fillBlock(ti int, b *blockOut, dates []land.Date, out []land.Supply, scratch []land.Event) []land.Event {
	r := newRand(g.o.Seed, streamAttributes, b.ref.key(ti))
	t := g.plan.towns[ti]
	live := make([]bool, len(b.drafts)) // overlaps that must stay live
	for _, d := range b.drafts {
		if d.dupOf >= 0 && !d.resupply {
			live[d.dupOf] = true
		}
	}
	all := scratch[:0]
	ends := make([]int, len(b.drafts))
	for k := range b.drafts {
		d := &b.drafts[k]
		s := &out[k]
		s.ContractDate = dates[k]
		sc := drawScenario(r, !live[k] && d.dupOf < 0)
		if g.resupplied(b, k) {
			sc = scReclaimed
		}
		g.describe(r, s, d, g.tpl.sampleFor(r, d), b.rho, t)
		all, d.story = playEvents(r, s, sc, all, g.o.Today, g.clerk, g.loc)
		ends[k] = len(all)
	}
	slab := slices.Clone(all)
	from := 0
	for k := range out {
		out[k].Events = slab[from:ends[k]:ends[k]]
		out[k].Stage = land.DeriveStage(out[k].Events)
		from = ends[k]
	}
	return all
}
