package spatial

import (
	"github.com/paulmach/orb"

	"landwatch/land"
)

// checkNesting checks how rings lie in one another, once no two rings
// cross (findBadContact found nothing): each hole inside its outer ring,
// no hole inside another hole of the same polygon, and no polygon inside
// another's interior.
func checkNesting(mp orb.MultiPolygon, names Names) error {
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
				return land.Invalid(geometryField, "%s lies outside its outer ring %s", names.Ring(i, j), names.Ring(i, 0))
			}
			for k := 1; k < len(poly); k++ {
				if k != j && bounds[i][k].Intersects(bounds[i][j]) && ringPlace(poly[j], poly[k]) == inside {
					return land.Invalid(geometryField, "%s lies inside %s", names.Ring(i, j), names.Ring(i, k))
				}
			}
		}
	}
	for a := range mp {
		for b := range mp {
			if a != b && bounds[a][0].Intersects(bounds[b][0]) && insidePolygon(mp[b][0], mp[a]) {
				return land.Invalid(geometryField, "%s lies inside %s: the polygons of a MultiPolygon must not overlap", names.Polygon(b), names.Polygon(a))
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

// RingDepths tells how rings that cross none of one another lie in one
// another: depth[i] is how many of the other rings hold ring i, parent[i]
// the innermost of them (-1 when none does). A ring lying wholly on
// another's boundary is not held by it. Even depths are outer rings (parts,
// and islands inside holes), odd depths holes of their parent (DESIGN §5).
// Rings must be closed; where rings cross, the answer is some nesting and
// Validate reports the crossing.
func RingDepths(rings []orb.Ring) (depth, parent []int) {
	bounds := make([]orb.Bound, len(rings))
	for i, r := range rings {
		bounds[i] = r.Bound()
	}
	depth = make([]int, len(rings))
	parent = make([]int, len(rings))
	holders := make([][]int, len(rings))
	for i := range rings {
		for k := range rings {
			if k != i && bounds[k].Intersects(bounds[i]) && ringPlace(rings[i], rings[k]) == inside {
				holders[i] = append(holders[i], k)
			}
		}
		depth[i] = len(holders[i])
	}
	for i := range rings {
		parent[i] = -1
		// The holders of a ring are nested in one another: the innermost
		// is the one held by all the others.
		for _, k := range holders[i] {
			if parent[i] < 0 || depth[k] > depth[parent[i]] {
				parent[i] = k
			}
		}
	}
	return depth, parent
}
