package spatial

import (
	"github.com/paulmach/orb"

	"landwatch/land"
)

// checkNesting checks how rings lie in one another, once no two rings
// cross (findBadContact found nothing): each hole inside its outer ring,
// no hole inside another hole of the same polygon, and no polygon inside
// another's interior.
func checkNesting(mp orb.MultiPolygon) error {
	bounds := make([][]orb.Bound, len(mp))
	for i, poly := range mp {
		bounds[i] = make([]orb.Bound, len(poly))
		for j, ring := range poly {
			bounds[i][j] = ring.Bound()
		}
	}
	for i, poly := range mp {
		for j := 1; j < len(poly); j++ {
			if ringPlace(poly[j], poly[0]) == outside {
				return land.Invalid(geometryField, "%s lies outside its outer ring", ringName(i, j))
			}
			for k := 1; k < len(poly); k++ {
				if k != j && bounds[i][k].Intersects(bounds[i][j]) && ringPlace(poly[j], poly[k]) == inside {
					return land.Invalid(geometryField, "%s lies inside %s", ringName(i, j), ringName(i, k))
				}
			}
		}
	}
	for a := range mp {
		for b := range mp {
			if a != b && bounds[a][0].Intersects(bounds[b][0]) && insidePolygon(mp[b][0], mp[a]) {
				return land.Invalid(geometryField, "polygon %d lies inside polygon %d: the polygons of a MultiPolygon must not overlap", b, a)
			}
		}
	}
	return nil
}

// ringPlace tells where ring r lies relative to ring other, given that
// they do not cross: by the first of r's vertices (then edge midpoints)
// not on other's boundary. It returns boundary when every one is.
func ringPlace(r, other orb.Ring) int {
	for _, p := range r {
		if loc := locateInRing(p, other); loc != boundary {
			return loc
		}
	}
	for k := 1; k < len(r); k++ {
		mid := orb.Point{(r[k-1][0] + r[k][0]) / 2, (r[k-1][1] + r[k][1]) / 2}
		if loc := locateInRing(mid, other); loc != boundary {
			return loc
		}
	}
	return boundary
}

// insidePolygon reports whether ring r, which crosses none of poly's
// rings, lies in poly's interior: inside its outer ring and in none of its
// holes.
func insidePolygon(r orb.Ring, poly orb.Polygon) bool {
	if ringPlace(r, poly[0]) != inside {
		return false
	}
	for _, hole := range poly[1:] {
		if ringPlace(r, hole) != outside {
			return false
		}
	}
	return true
}
