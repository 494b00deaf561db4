package seed

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
)

// reserveGap is how far (m) reserve land lies beyond the outermost parcel:
// at the town's edge, where land is taken in before the town grows into
// it, and clear of every supply so that it makes no overlap.
const reserveGap = 80.0

// reservePlans are the reserves of the demo city, one at each edge of the
// town: where it lies (the side), its size (m), how it was taken in, from
// whom and for what, and how many days before the generation day.
var reservePlans = []struct {
	side                   string // n, e, s, w
	width, depth           float64
	acquisition            string
	formerHolder, location string
	formerUse, plannedUse  string
	daysAgo                int
	compensationWan        float64
}{
	{"n", 320, 160, land.AcquisitionRequisition, "北关村股份经济合作社", "城北北关村以北", "耕地", "0701", 40, 2150},
	{"e", 180, 260, land.AcquisitionPurchase, "县农机修造厂", "城东工业园东侧", "工业用地", "0601", 130, 3680},
	{"s", 260, 140, land.AcquisitionRecovery, "县物资储运公司", "城南储运站旧址", "仓储用地", "0901", 260, 940},
	{"w", 150, 220, land.AcquisitionRequisition, "西关村股份经济合作社", "城西西关村以西", "村庄", "0701", 5, 1720},
}

// planeExtent is the extent of the supplies' parcels in the plane of
// central meridian cm (northings n0–n1, eastings e0–e1), vertex by vertex:
// a box of longitudes and latitudes is tilted there by the meridians'
// convergence. ok is false when no supply has a parcel.
func planeExtent(cm float64, supplies []land.Supply) (n0, e0, n1, e1 float64, ok bool) {
	n0, e0, n1, e1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range supplies {
		for _, p := range s.Parcels {
			for _, poly := range p.Geometry {
				for _, pt := range poly[0] {
					n, e := spatial.ToPlane(cm, pt[0], pt[1])
					n0, e0, n1, e1 = min(n0, n), min(e0, e), max(n1, n), max(e1, e)
				}
			}
		}
	}
	return n0, e0, n1, e1, !math.IsInf(n0, 1)
}

// reserves draws the demo city's reserve land (土地收购储备) around the
// supplies' extent, one reserve beyond each edge, numbered
// CB<county>-<year>-<serial>.
func reserves(o Options, supplies []land.Supply) []land.Reserve {
	cm := spatial.Zone3Of(o.CenterLon).CentralMeridian()
	n0, e0, n1, e1, ok := planeExtent(cm, supplies)
	if !ok {
		return nil
	}
	nMid, eMid := (n0+n1)/2, (e0+e1)/2
	year := o.Today.Time().Year()
	out := make([]land.Reserve, 0, len(reservePlans))
	for i, pl := range reservePlans {
		var sw planePt // south-west corner: easting, northing
		switch pl.side {
		case "n":
			sw = planePt{eMid - pl.width/2, n1 + reserveGap}
		case "s":
			sw = planePt{eMid - pl.width/2, n0 - reserveGap - pl.depth}
		case "e":
			sw = planePt{e1 + reserveGap, nMid - pl.depth/2}
		case "w":
			sw = planePt{e0 - reserveGap - pl.width, nMid - pl.depth/2}
		}
		ring := []planePt{sw, {sw[0] + pl.width, sw[1]}, {sw[0] + pl.width, sw[1] + pl.depth}, {sw[0], sw[1] + pl.depth}}
		parcel := newParcel(orb.MultiPolygon{{geoRing(cm, ring)}})
		number := fmt.Sprintf("CB%s-%d-%03d", o.RegionCode, year, i+1)
		parcel.Number, parcel.Name, parcel.LandUse = number, pl.location, pl.plannedUse
		comp := pl.compensationWan
		out = append(out, land.Reserve{
			Number: number, RegionCode: o.RegionCode, Location: pl.location,
			AreaHa:      math.Round(parcel.PlaneAreaM2/100) / 100,
			Acquisition: pl.acquisition, FormerHolder: pl.formerHolder, FormerUse: pl.formerUse,
			CompensationWan: &comp, TakenOn: o.Today.AddDays(-pl.daysAgo),
			PlannedUseOriginal: pl.plannedUse, Parcels: []land.Parcel{parcel},
		})
	}
	return out
}
