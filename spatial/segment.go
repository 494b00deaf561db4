package spatial

import "github.com/paulmach/orb"

// contactKind says how two segments, or two rings, meet.
type contactKind int

const (
	apart   contactKind = iota // no common point
	touch                      // exactly one common point, an end of one of them
	cross                      // the interiors cross, or two rings cross at a shared point
	overlap                    // collinear with a common stretch of positive length
	loop                       // rings touching each other in a loop cut a polygon's interior
)

// segmentContact classifies how segments p1–p2 and q1–q2 (each of positive
// length) meet, exactly, and returns a point where they do.
func segmentContact(p1, p2, q1, q2 orb.Point) (contactKind, orb.Point) {
	s1, s2 := orient(q1, q2, p1), orient(q1, q2, p2)
	if s1 == 0 && s2 == 0 {
		return collinearContact(p1, p2, q1, q2)
	}
	if s1*s2 > 0 {
		return apart, orb.Point{}
	}
	s3, s4 := orient(p1, p2, q1), orient(p1, p2, q2)
	if s3*s4 > 0 {
		return apart, orb.Point{}
	}
	switch {
	case s1 == 0:
		return touch, p1
	case s2 == 0:
		return touch, p2
	case s3 == 0:
		return touch, q1
	case s4 == 0:
		return touch, q2
	}
	return cross, crossingPoint(p1, p2, q1, q2)
}

// collinearContact classifies two segments on one line by comparing their
// extents along the line's dominant axis.
func collinearContact(p1, p2, q1, q2 orb.Point) (contactKind, orb.Point) {
	axis := 0
	if abs(p2[1]-p1[1]) > abs(p2[0]-p1[0]) {
		axis = 1
	}
	if p1[axis] > p2[axis] {
		p1, p2 = p2, p1
	}
	if q1[axis] > q2[axis] {
		q1, q2 = q2, q1
	}
	lo, hi := p1, p2
	if q1[axis] > lo[axis] {
		lo = q1
	}
	if q2[axis] < hi[axis] {
		hi = q2
	}
	switch {
	case lo[axis] > hi[axis]:
		return apart, orb.Point{}
	case lo[axis] == hi[axis]:
		return touch, lo
	}
	return overlap, lo
}

// crossingPoint returns where two properly crossing segments cross (for
// messages; it need not be exact).
func crossingPoint(p1, p2, q1, q2 orb.Point) orb.Point {
	dx, dy := p2[0]-p1[0], p2[1]-p1[1]
	ex, ey := q2[0]-q1[0], q2[1]-q1[1]
	t := ((q1[0]-p1[0])*ey - (q1[1]-p1[1])*ex) / (dx*ey - dy*ex)
	return orb.Point{p1[0] + t*dx, p1[1] + t*dy}
}

// angleLess orders the directions from p towards u and v by angle,
// counter-clockwise from east, exactly.
func angleLess(p, u, v orb.Point) bool {
	hu, hv := lowerHalf(p, u), lowerHalf(p, v)
	if hu != hv {
		return !hu
	}
	return orient(p, u, v) > 0
}

// lowerHalf reports whether the direction from p to u points at an angle
// in [180°, 360°).
func lowerHalf(p, u orb.Point) bool {
	return u[1] < p[1] || (u[1] == p[1] && u[0] < p[0])
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
