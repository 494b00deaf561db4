package seed

import (
	"fmt"
	"math"

	"landwatch/land"
)

// planAhead is how much more land the demo county's plan of the current
// year plans than its supplies of the year so far have supplied: the plan
// is carried out to about four fifths by the generation day.
const planAhead = 1.25

// housingShares split the plan's housing among its sub-classes, as a
// county's plan does: affordable housing, shanty-town redevelopment,
// small and medium units and other commodity housing.
var housingShares = [4]float64{0.2, 0.1, 0.4, 0.3}

// supplyPlan is the demo county's supply plan (供地计划) of the generation year,
// each class sized from what the year's supplies supplied of it (a class
// they left empty plans a little land all the same), published on the
// 20th of January (or on the generation day, when that is earlier).
func supplyPlan(o Options, supplies []land.Supply) land.Plan {
	year := o.Today.Time().Year()
	var used []land.SuppliedUse
	for _, s := range supplies {
		if s.ContractDate.Time().Year() == year {
			used = append(used, land.SuppliedUse{Code: s.LandUseCode, Original: s.LandUseOriginal, Count: 1, AreaHa: s.AreaHa})
		}
	}
	progress := land.ProgressOf(land.PlanAreas{}, used)
	var p land.Plan
	fields := p.Fields()
	for i, c := range progress.Classes {
		if land.PlanClasses[i].Under == "" {
			*fields[i] = math.Max(roundUpHalf(c.SuppliedHa*planAhead), 1)
		}
	}
	p.AffordableHa = roundDownHalf(p.HousingHa * housingShares[0])
	p.ShantyHa = roundDownHalf(p.HousingHa * housingShares[1])
	p.SmallUnitsHa = roundDownHalf(p.HousingHa * housingShares[2])
	p.OtherHousingHa = roundDownHalf(p.HousingHa * housingShares[3])
	published := land.NewDate(year, 1, 20)
	if published.After(o.Today) {
		published = o.Today
	}
	p.RegionCode, p.Year, p.PublishedOn = o.RegionCode, year, published
	p.DocNumber = fmt.Sprintf("自然资供〔%d〕1号", year)
	p.Title = fmt.Sprintf("%d年度国有建设用地供应计划", year)
	return p
}

// roundUpHalf and roundDownHalf round hectares to half a hectare.
func roundUpHalf(v float64) float64   { return math.Ceil(v*2) / 2 }
func roundDownHalf(v float64) float64 { return math.Floor(v*2) / 2 }
