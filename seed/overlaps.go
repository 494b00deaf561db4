package seed

import (
	"math"
	"math/rand/v2"

	"github.com/paulmach/orb"

	"landwatch/land"
)

// addDuplicates draws, over about one supply in a hundred, a second supply
// (重复供地): most cover part of the first parcel — from a few tens of m² to
// most of it — and a quarter repeat it whole. Some whole repeats are land
// supplied again after it was reclaimed, which is not an overlap of live
// supplies. Partial duplicates lie inside their parcel, so the overlap is
// the duplicate's own area.
func addDuplicates(r *rand.Rand, drafts []draft, leaves []leaf, q [4]planePt, cm float64) []draft {
	n := len(drafts)
	for i := 0; i < n; i++ {
		if !chance(r, duplicateShare) {
			continue
		}
		orig := &drafts[i]
		l := leaves[orig.leaf]
		dup := draft{class: orig.class, tiny: orig.tiny, location: orig.location, dupOf: i, leaf: -1}
		partial := l.rect && l.hole == nil && len(orig.parcels) == 1 &&
			len(orig.parcels[0].Geometry) == 1 && !chance(r, wholeDupShare)
		if partial {
			area := orig.parcels[0].PlaneAreaM2
			share := logUniform(r, 20, 0.85*area) / area
			su := math.Min(0.95, math.Sqrt(share)*uniform(r, 0.7, 1.3))
			sv := math.Min(0.95, share/su)
			du, dv := su*(l.u1-l.u0), sv*(l.v1-l.v0)
			u0 := l.u0 + uniform(r, 0, 1)*(l.u1-l.u0-du)
			v0 := l.v0 + uniform(r, 0, 1)*(l.v1-l.v0-dv)
			ring := mapRing(q, rectRing(u0, v0, u0+du, v0+dv))
			dup.parcels = []land.Parcel{newParcel(orb.MultiPolygon{{geoRing(cm, ring)}})}
		} else {
			dup.parcels = []land.Parcel{newParcel(cloneMultiPolygon(orig.parcels[0].Geometry))}
			dup.whole = true
			dup.resupply = chance(r, resupplyShare)
		}
		dup.overlapM2 = dup.parcels[0].PlaneAreaM2
		drafts = append(drafts, dup)
	}
	return drafts
}
