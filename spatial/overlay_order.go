package spatial

import (
	"cmp"
	"math"
	"math/big"
	"slices"

	"github.com/paulmach/orb"
)

// sortSplits orders the contacts of each edge by their true position
// along it, and notes where each edge's contacts start (splitAt). It is
// exact: touches are input vertices and compare by coordinate;
// a crossing compares with a vertex by the side of the crossed edge the
// vertex lies on; two crossings compare in floating point when their
// error bounds allow, in rational arithmetic otherwise. Contacts at the
// same true position compare equal.
func (o *overlay) sortSplits() {
	// Bucket by edge (counting sort), then settle each edge's few contacts.
	start := o.splitAt[:0]
	for range len(o.edges) + 1 {
		start = append(start, 0)
	}
	for i := range o.splits {
		start[o.splits[i].edge+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	sorted := slices.Grow(o.spare[:0], len(o.splits))[:len(o.splits)]
	fill := append(o.fill[:0], start[:len(start)-1]...)
	for _, s := range o.splits {
		sorted[fill[s.edge]] = s
		fill[s.edge]++
	}
	o.splits, o.spare, o.splitAt, o.fill = sorted, o.splits, start, fill
	for e := 0; e+1 < len(start); e++ {
		group := o.splits[start[e]:start[e+1]]
		if len(group) > 16 {
			slices.SortFunc(group, o.compareSplits)
			continue
		}
		for i := 1; i < len(group); i++ {
			for j := i; j > 0 && o.compareSplits(group[j-1], group[j]) > 0; j-- {
				group[j-1], group[j] = group[j], group[j-1]
			}
		}
	}
}

// compareSplits orders two contacts: by edge, then by true position.
func (o *overlay) compareSplits(x, y ovSplit) int {
	if c := cmp.Compare(x.edge, y.edge); c != 0 {
		return c
	}
	e := &o.edges[x.edge]
	switch {
	case !x.cross && !y.cross:
		return e.comparePoints(x.at, y.at)
	case x.cross && !y.cross:
		return o.crossVsPoint(e, x.other, y.at)
	case !x.cross && y.cross:
		return -o.crossVsPoint(e, y.other, x.at)
	}
	return o.crossVsCross(&x, &y)
}

// comparePoints orders two points lying exactly on e by their position
// along it. Distinct points on one line differ on its dominant axis, so
// comparing that coordinate is exact.
func (e *ovEdge) comparePoints(p, q orb.Point) int {
	c := cmp.Compare(p[e.dom], q[e.dom])
	if e.b[e.dom] < e.a[e.dom] {
		return -c
	}
	return c
}

// crossVsPoint orders the crossing of e with edge g against the point p
// lying exactly on e: the crossing comes first when p lies on the same
// side of g as e's end.
func (o *overlay) crossVsPoint(e *ovEdge, g int32, p orb.Point) int {
	f := &o.edges[g]
	sp := orient(f.a, f.b, p)
	switch {
	case sp == 0:
		return 0
	case sp == orient(f.a, f.b, e.b):
		return -1
	}
	return 1
}

// crossingErr is a bound on the relative rounding error of the terms of
// a crossing parameter, generous for the few operations involved.
const crossingErr = 16 * 0x1p-53

// crossVsCross orders two crossings on e by their parameters along it.
// Only the order of contacts with one operand steers that operand's
// status, so crossings with two different operands are ordered by their
// rounded parameters; with two operands, every crossing on an edge is with
// the same one and the order is exact.
func (o *overlay) crossVsCross(x, y *ovSplit) int {
	if x.other == y.other {
		return 0
	}
	if math.Abs(x.t-y.t) > x.dt+y.dt || o.edges[x.other].shape != o.edges[y.other].shape {
		return cmp.Compare(x.t, y.t)
	}
	return o.exactParam(x).Cmp(o.exactParam(y))
}

// crossingParam returns the parameter along e (0 at its start, 1 at its
// end) of its crossing with f, and a bound on its rounding error.
func crossingParam(e, f *ovEdge) (t, err float64) {
	ex, ey := e.b[0]-e.a[0], e.b[1]-e.a[1]
	fx, fy := f.b[0]-f.a[0], f.b[1]-f.a[1]
	ax, ay := f.a[0]-e.a[0], f.a[1]-e.a[1]
	n1, n2 := ax*fy, ay*fx
	d1, d2 := ex*fy, ey*fx
	n, d := n1-n2, d1-d2
	if d == 0 {
		return 0, math.Inf(1)
	}
	t = n / d
	err = crossingErr * ((math.Abs(n1)+math.Abs(n2))/math.Abs(d) + math.Abs(t)*(math.Abs(d1)+math.Abs(d2))/math.Abs(d) + math.Abs(t))
	return t, err
}

// exactParam returns the parameter of crossing s along its edge as an
// exact rational, computing it the first time.
func (o *overlay) exactParam(s *ovSplit) *big.Rat {
	if r := o.exact[s.exact]; r != nil {
		return r
	}
	e, f := &o.edges[s.edge], &o.edges[s.other]
	r := func(x float64) *big.Rat { return new(big.Rat).SetFloat64(x) }
	sub := func(x, y float64) *big.Rat { return new(big.Rat).Sub(r(x), r(y)) }
	cross := func(ax, ay, bx, by *big.Rat) *big.Rat {
		return new(big.Rat).Sub(new(big.Rat).Mul(ax, by), new(big.Rat).Mul(ay, bx))
	}
	ex, ey := sub(e.b[0], e.a[0]), sub(e.b[1], e.a[1])
	fx, fy := sub(f.b[0], f.a[0]), sub(f.b[1], f.a[1])
	ax, ay := sub(f.a[0], e.a[0]), sub(f.a[1], e.a[1])
	t := new(big.Rat).Quo(cross(ax, ay, fx, fy), cross(ex, ey, fx, fy))
	o.exact[s.exact] = t
	return t
}

// crossStatus says whether e is inside the operand of edge g just after
// crossing it properly: the operand lies to the left of its edges.
func (o *overlay) crossStatus(e *ovEdge, g int32) int8 {
	f := &o.edges[g]
	if orient(f.a, f.b, e.b) > 0 {
		return statusIn
	}
	return statusOut
}

// sectorStatus says whether the direction from x towards d leaves x into
// the operand whose edges gs all pass through x, exactly: x and d are input
// vertices. The edges around x split the plane into sectors; the operand
// lies to the left of each edge, so the sector just clockwise of an
// incoming edge (seen from x) is inside it, the sector just
// counter-clockwise of an outgoing edge too. The direction lies in the
// sector clockwise of the first edge met turning counter-clockwise from
// it. A direction along one of the edges runs on the boundary (statusOn).
func (o *overlay) sectorStatus(x, d orb.Point, gs []int32) int8 {
	best := orb.Point{}
	bestHalf, bestIn, found := 0, false, false
	consider := func(u orb.Point, incoming bool) bool {
		s := orient(x, d, u)
		if s == 0 && sameDirection(x, d, u) {
			return false
		}
		half := 0
		if s <= 0 {
			half = 1
		}
		if !found || half < bestHalf || (half == bestHalf && orient(x, u, best) > 0) {
			best, bestHalf, bestIn, found = u, half, incoming, true
		}
		return true
	}
	for _, g := range gs {
		f := &o.edges[g]
		if x != f.b && !consider(f.b, false) {
			return statusOn
		}
		if x != f.a && !consider(f.a, true) {
			return statusOn
		}
	}
	switch {
	case !found:
		return statusUnknown
	case bestIn:
		return statusIn
	}
	return statusOut
}

// sameDirection reports whether u, collinear with x and d, lies on the
// same side of x as d. The signs of rounded differences are exact.
func sameDirection(x, d, u orb.Point) bool {
	axis := 0
	if math.Abs(d[1]-x[1]) > math.Abs(d[0]-x[0]) {
		axis = 1
	}
	return (d[axis] > x[axis]) == (u[axis] > x[axis]) && u[axis] != x[axis]
}
