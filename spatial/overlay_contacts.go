package spatial

import (
	"cmp"
	"slices"

	"github.com/paulmach/orb"
)

// findContacts compares every two edges of different operands whose boxes
// meet — found by sweeping the edges in order of their boxes' minimum x —
// and records where they touch, cross or share a stretch.
func (o *overlay) findContacts() {
	o.order = o.order[:0]
	for i := range o.edges {
		o.order = append(o.order, int32(i))
	}
	slices.SortFunc(o.order, func(i, j int32) int {
		return cmp.Compare(o.edges[i].box.minX, o.edges[j].box.minX)
	})
	for ii, i := range o.order {
		e := &o.edges[i]
		for _, j := range o.order[ii+1:] {
			f := &o.edges[j]
			if f.box.minX > e.box.maxX {
				break
			}
			if f.shape == e.shape || f.box.minY > e.box.maxY || f.box.maxY < e.box.minY {
				continue
			}
			o.contact(i, j)
		}
	}
}

// contact records how edges i and j meet, deciding with exact orientation
// tests: a shared stretch becomes a span on both and touches at its ends;
// a vertex of one on the other is a touch of both there; a proper crossing
// is a crossing of both at the (rounded) crossing point.
func (o *overlay) contact(i, j int32) {
	e, f := &o.edges[i], &o.edges[j]
	s1, s2 := orient(f.a, f.b, e.a), orient(f.a, f.b, e.b)
	if s1 == 0 && s2 == 0 {
		o.collinear(i, j)
		return
	}
	if s1*s2 > 0 {
		return
	}
	s3, s4 := orient(e.a, e.b, f.a), orient(e.a, e.b, f.b)
	if s3*s4 > 0 {
		return
	}
	var seen [4]orb.Point
	touched := 0
	for _, t := range [...]struct {
		side int
		p    orb.Point
	}{{s1, e.a}, {s2, e.b}, {s3, f.a}, {s4, f.b}} {
		if t.side == 0 && (touched == 0 || seen[0] != t.p) && (touched < 2 || seen[1] != t.p) {
			o.touch(i, j, t.p)
			seen[touched] = t.p
			touched++
		}
	}
	if touched == 0 {
		x := crossing(e, f)
		te, dte := crossingParam(e, f)
		tf, dtf := crossingParam(f, e)
		slot := int32(len(o.exact))
		o.exact = append(o.exact, nil, nil)
		o.splits = append(o.splits,
			ovSplit{edge: i, other: j, cross: true, exact: slot, key: e.along(x), at: x, t: te, dt: dte},
			ovSplit{edge: j, other: i, cross: true, exact: slot + 1, key: f.along(x), at: x, t: tf, dt: dtf})
	}
}

// collinear handles two edges on one line: when they share a stretch of
// positive length, each gets a span for it and touches at its ends; when
// they share one point, both touch there.
func (o *overlay) collinear(i, j int32) {
	e, f := &o.edges[i], &o.edges[j]
	lo, hi := e.a, e.b
	if fa, fb := e.along(f.a), e.along(f.b); fa < fb {
		if fa > 0 {
			lo = f.a
		}
		if fb < e.length() {
			hi = f.b
		}
	} else {
		if fb > 0 {
			lo = f.b
		}
		if fa < e.length() {
			hi = f.a
		}
	}
	switch l, h := e.along(lo), e.along(hi); {
	case l > h:
		return
	case l == h:
		o.touch(i, j, lo)
		return
	}
	same := (e.b[0]-e.a[0])*(f.b[0]-f.a[0])+(e.b[1]-e.a[1])*(f.b[1]-f.a[1]) > 0
	o.touch(i, j, lo)
	o.touch(i, j, hi)
	for _, k := range [...]int32{i, j} {
		g := &o.edges[k]
		other := f.shape
		if k == j {
			other = e.shape
		}
		l, h := g.along(lo), g.along(hi)
		if l > h {
			l, h = h, l
		}
		o.spans = append(o.spans, ovSpan{lo: l, hi: h, other: other, same: same, next: g.firstSpan})
		g.firstSpan = int32(len(o.spans) - 1)
	}
}

// touch records that edges i and j meet at p, an input vertex lying on
// both.
func (o *overlay) touch(i, j int32, p orb.Point) {
	e, f := &o.edges[i], &o.edges[j]
	o.splits = append(o.splits,
		ovSplit{edge: i, other: j, key: e.along(p), at: p},
		ovSplit{edge: j, other: i, key: f.along(p), at: p})
}

// crossing returns the point where two properly crossing edges cross,
// rounded, and kept within both edges' boxes.
func crossing(e, f *ovEdge) orb.Point {
	dx, dy := e.b[0]-e.a[0], e.b[1]-e.a[1]
	ex, ey := f.b[0]-f.a[0], f.b[1]-f.a[1]
	t := ((f.a[0]-e.a[0])*ey - (f.a[1]-e.a[1])*ex) / (dx*ey - dy*ex)
	t = min(max(t, 0), 1)
	p := orb.Point{e.a[0] + t*dx, e.a[1] + t*dy}
	box := e.box.intersection(f.box)
	p[0] = min(max(p[0], box.minX), box.maxX)
	p[1] = min(max(p[1], box.minY), box.maxY)
	return p
}

// spanSides returns, for the stretch of edge i around position mid, on
// which sides operand shape lies because one of its edges runs along it:
// left when an edge of it runs the same way, right when one runs the
// opposite way. found is false when no edge of shape runs along it.
func (o *overlay) spanSides(i int32, mid float64, shape int32) (left, right, found bool) {
	for s := o.edges[i].firstSpan; s >= 0; s = o.spans[s].next {
		sp := &o.spans[s]
		if sp.other != shape || mid <= sp.lo || mid >= sp.hi {
			continue
		}
		found = true
		if sp.same {
			left = true
		} else {
			right = true
		}
	}
	return left, right, found
}

// ownedElsewhere reports whether the stretch of edge i around position mid
// also lies on an edge of an operand with a lower index, which counts it.
func (o *overlay) ownedElsewhere(i int32, mid float64) bool {
	own := o.edges[i].shape
	for s := o.edges[i].firstSpan; s >= 0; s = o.spans[s].next {
		sp := &o.spans[s]
		if sp.other < own && mid > sp.lo && mid < sp.hi {
			return true
		}
	}
	return false
}
