package spatial

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// InnerPoint is a point strictly inside mp, where a map writes its label:
// the middle of the widest span across any of its polygons along a line
// of latitude that passes between the polygon's vertices nearest its
// middle (GEOS's InteriorPointArea, PostGIS's ST_PointOnSurface, which
// neither orb nor go-geom offers). A centroid may fall outside an L or
// a ring; this point cannot, and the line passes through no vertex, so
// the point is on no edge either. ok is false for a shape without area.
func InnerPoint(mp orb.MultiPolygon) (pt orb.Point, ok bool) {
	var buf [16]float64 // the crossings of one line: a few for most parcels
	width := 0.0
	for _, poly := range mp {
		if len(poly) == 0 {
			continue
		}
		y, found := scanLatitude(poly)
		if !found {
			continue
		}
		xs := buf[:0]
		for _, ring := range poly {
			for i := range ring {
				// the edge to the next point, the last to the first too (a
				// ring closed repeats its first point: that edge is empty)
				a, b := ring[i], ring[(i+1)%len(ring)]
				if (a[1] < y) != (b[1] < y) {
					xs = append(xs, a[0]+(y-a[1])*(b[0]-a[0])/(b[1]-a[1]))
				}
			}
		}
		slices.Sort(xs)
		for i := 0; i+1 < len(xs); i += 2 {
			if w := xs[i+1] - xs[i]; w > width {
				pt, width, ok = orb.Point{(xs[i] + xs[i+1]) / 2, y}, w, true
			}
		}
	}
	return pt, ok
}

// scanLatitude is the latitude halfway between the polygon's vertices
// nearest the middle of its outer ring's bound, one at or below it and
// one above, so that no vertex lies on it; found is false when the
// polygon has no height.
func scanLatitude(poly orb.Polygon) (y float64, found bool) {
	b := poly[0].Bound()
	mid, lo, hi := (b.Min[1]+b.Max[1])/2, b.Min[1], b.Max[1]
	if !(hi > lo) {
		return 0, false
	}
	for _, ring := range poly {
		for _, p := range ring {
			switch {
			case p[1] <= mid && p[1] > lo:
				lo = p[1]
			case p[1] > mid && p[1] < hi:
				hi = p[1]
			}
		}
	}
	y = (lo + hi) / 2
	return y, !math.IsNaN(y) && lo < y && y < hi
}
