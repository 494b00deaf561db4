package seed

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"landwatch/importer"
	"landwatch/land"
	"landwatch/reference"
)

// landClass is the broad use that shapes a block and its parcels.
type landClass uint8

// The classes, from the first two digits of the GB/T 21010-2017 code.
const (
	classHousing    landClass = iota // 07
	classCommercial                  // 05
	classIndustrial                  // 06
	classPublic                      // 08, 09, 11 …
	classRoad                        // 10
	classCount
)

// classOf returns the class of a current land-use code.
func classOf(code string) landClass {
	switch {
	case strings.HasPrefix(code, "07"):
		return classHousing
	case strings.HasPrefix(code, "05"):
		return classCommercial
	case strings.HasPrefix(code, "06"):
		return classIndustrial
	case strings.HasPrefix(code, "10"):
		return classRoad
	}
	return classPublic
}

// supplyResults is the reference file the attributes are sampled from.
const supplyResults = "landchina/supply_results_2018-12.csv"

// templates are the real supply results, by class, with their areas.
type templates struct {
	byClass [classCount][]land.Supply
	areasM2 [classCount][]float64
	// agreementHousing are housing supplies by agreement (协议出让), the
	// way single house plots are granted.
	agreementHousing []land.Supply
}

// loadTemplates reads the 203 published supply results embedded in
// package reference. Street parcels sample only street and highway rows.
func loadTemplates() (*templates, error) {
	f, err := reference.FS.Open(supplyResults)
	if err != nil {
		return nil, land.Wrap(land.CodeInternal, err, "open %s", supplyResults)
	}
	defer f.Close()
	b := importer.ParseSupplyCSV(supplyResults, f)
	if len(b.Supplies) == 0 {
		return nil, land.Errorf(land.CodeInternal, "%s gave no supply results", supplyResults)
	}
	t := &templates{}
	for _, rec := range b.Supplies {
		s := rec.Supply
		c := classOf(s.LandUseCode)
		if c == classRoad && s.LandUseCode != "1003" && s.LandUseCode != "1004" {
			continue // railways are not town streets
		}
		t.byClass[c] = append(t.byClass[c], s)
		if c == classHousing && s.Method == land.MethodAgreement {
			t.agreementHousing = append(t.agreementHousing, s)
		}
		if s.AreaHa > 0 {
			t.areasM2[c] = append(t.areasM2[c], s.AreaHa*1e4)
		}
	}
	for c := range classCount {
		if len(t.byClass[c]) == 0 {
			return nil, land.Errorf(land.CodeInternal, "%s has no supply of class %d", supplyResults, c)
		}
		slices.Sort(t.areasM2[c])
	}
	return t, nil
}

// areaBounds keeps sampled parcel sizes (m²) plausible for a town block:
// the real rows include a 39 ha industrial estate and 20 m² house plots,
// which are made by other means (several blocks, carved corners).
func areaBounds(c landClass) (lo, hi float64) {
	switch c {
	case classHousing:
		return 2500, 80000
	case classCommercial:
		return 1200, 40000
	case classIndustrial:
		return 6000, 200000
	}
	return 1500, 60000
}

// targetArea draws the wanted area (m²) of a parcel of class c from the
// real areas of that class no smaller than the class's floor (smaller
// plots are carved from corners instead), spread a little and kept within
// bounds.
func (t *templates) targetArea(r *rand.Rand, c landClass) float64 {
	lo, hi := areaBounds(c)
	areas := t.areasM2[c]
	from, _ := slices.BinarySearch(areas, lo)
	if from >= len(areas) {
		return lo
	}
	a := areas[from+r.IntN(len(areas)-from)] * math.Exp(0.3*r.NormFloat64())
	return math.Max(lo, math.Min(hi, a))
}

// sample draws a real supply result of class c to copy attributes from.
func (t *templates) sample(r *rand.Rand, c landClass) *land.Supply {
	list := t.byClass[c]
	return &list[r.IntN(len(list))]
}

// sampleFor draws the template of draft d: a small house plot copies an
// agreement transfer (协议出让) of housing when the reference has one.
func (t *templates) sampleFor(r *rand.Rand, d *draft) *land.Supply {
	if d.tiny && d.class == classHousing && len(t.agreementHousing) > 0 {
		return &t.agreementHousing[r.IntN(len(t.agreementHousing))]
	}
	return t.sample(r, d.class)
}

// blockClass draws the use of a block at rho (distance from the centre
// over the town's radius); offBearing is the angle (radians) between the
// block and the industrial side of town.
func blockClass(r *rand.Rand, rho, offBearing float64) landClass {
	var w [4]float64 // housing, commercial, industrial, public
	switch {
	case rho < 0.15:
		w = [4]float64{0.25, 0.55, 0, 0.2}
	case rho < 0.3:
		w = [4]float64{0.55, 0.25, 0, 0.2}
	case rho < 0.6:
		w = [4]float64{0.7, 0.08, 0.07, 0.15}
	case rho < 0.8:
		w = [4]float64{0.4, 0.05, 0.43, 0.12}
	default:
		w = [4]float64{0.12, 0.03, 0.73, 0.12}
	}
	if offBearing < 0.7 && rho > 0.35 {
		w[classIndustrial] += 0.8
	}
	return landClass(pick(r, w[:]))
}

// mixClass draws the use of a part of a block that departs from the
// block's own: mostly a public building, else another use of the area.
func mixClass(r *rand.Rand, rho float64) landClass {
	if chance(r, 0.55) {
		return classPublic
	}
	return blockClass(r, rho, math.Pi)
}

// tinyClass draws the use of a small carved plot: utilities, single
// houses, kiosks.
func tinyClass(r *rand.Rand) landClass {
	return []landClass{classPublic, classHousing, classCommercial}[pick(r, []float64{0.5, 0.3, 0.2})]
}
