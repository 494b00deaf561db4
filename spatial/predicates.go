package spatial

import (
	"math"

	"github.com/paulmach/orb"
)

// InteriorEpsilonM2 is the largest intersection area, in m², that still
// counts as mere contact: two parcels whose intersection is no larger share
// an edge or a point (or a rounding residue of one), not interior.
const InteriorEpsilonM2 = 1e-6

// IntersectionArea returns the plane area in m² of the intersection of a
// and b, computed in a's zone (b's vertices are projected there when b
// lies in another zone). Holes, multipart shapes, shared edges, vertices
// on edges, identical shapes and containment are all handled exactly; see
// overlay for the method. Empty shapes intersect nothing.
func IntersectionArea(a, b *Prepared) float64 {
	var o overlay
	return o.intersectionArea(a, b)
}

// intersectionArea is IntersectionArea with o's scratch space.
func (o *overlay) intersectionArea(a, b *Prepared) float64 {
	if a == nil || b == nil || len(a.rings) == 0 || len(b.rings) == 0 || !a.Bound.Intersects(b.Bound) {
		return 0
	}
	o.pair = [2]*Prepared{a, b.inZone(a.Zone)}
	if !o.reset(o.pair[:]) {
		return 0
	}
	return max(o.area(), 0)
}

// InteriorsIntersect reports whether the interiors of a and b share an
// area larger than InteriorEpsilonM2: parcels that only share edges or
// touch at points do not.
func InteriorsIntersect(a, b *Prepared) bool {
	return IntersectionArea(a, b) > InteriorEpsilonM2
}

// CoveredShare returns the share, from 0 to 1, of p's area covered by the
// union of the cover shapes (construction footprints, say): where covers
// overlap each other, the ground they share counts once. The area is
// computed in p's zone. It returns 0 for an empty p.
func CoveredShare(p *Prepared, cover []*Prepared) float64 {
	if p == nil || p.area <= 0 {
		return 0
	}
	shapes := []*Prepared{p}
	for _, c := range cover {
		if c != nil && len(c.rings) > 0 && p.Bound.Intersects(c.Bound) {
			shapes = append(shapes, c.inZone(p.Zone))
		}
	}
	var o overlay
	if !o.reset(shapes) {
		return 0
	}
	return min(max(o.area()/p.area, 0), 1)
}

// ContainsPoint reports whether the point at lon, lat (EPSG:4490 degrees)
// lies in p, its boundary included, testing in p's plane zone.
func ContainsPoint(p *Prepared, lon, lat float64) bool {
	if p == nil || len(p.rings) == 0 {
		return false
	}
	return p.locate(p.planePoint(lon, lat), orb.Point{}) != outside
}

// DistanceTo returns the plane distance in metres, in p's zone, from the
// point at lon, lat (EPSG:4490 degrees) to p: 0 when the point lies in p,
// +Inf when p is empty.
func DistanceTo(p *Prepared, lon, lat float64) float64 {
	if p == nil || len(p.rings) == 0 {
		return math.Inf(1)
	}
	q := p.planePoint(lon, lat)
	if p.locate(q, orb.Point{}) != outside {
		return 0
	}
	return p.distance(q)
}

// planePoint projects lon, lat into p's zone as (easting, northing).
func (p *Prepared) planePoint(lon, lat float64) orb.Point {
	n, e := ToPlane(p.Zone.CentralMeridian(), lon, lat)
	return orb.Point{e, n}
}
