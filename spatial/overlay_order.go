package spatial

import (
	"cmp"
	"math"
	"math/big"
	"slices"

	"github.com/paulmach/orb"
)

// sortSplits orders the contacts of each edge by their true position
// along it, exactly: touches are input vertices and compare by coordinate;
// a crossing compares with a vertex by the side of the crossed edge the
// vertex lies on; two crossings compare in floating point when their
// error bounds allow, in rational arithmetic otherwise. Contacts at the
// same true position compare equal.
func (o *overlay) sortSplits() {
	slices.SortStableFunc(o.splits, o.compareSplits)
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
	return o.crossVsCross(e, x.other, y.other)
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

// crossVsCross orders the crossings of e with edges g and h by their
// parameters t = N/D along e.
func (o *overlay) crossVsCross(e *ovEdge, g, h int32) int {
	if g == h {
		return 0
	}
	tg, errG := crossingParam(e, &o.edges[g])
	th, errH := crossingParam(e, &o.edges[h])
	if math.Abs(tg-th) > errG+errH {
		return cmp.Compare(tg, th)
	}
	return exactCrossingCompare(e, &o.edges[g], &o.edges[h])
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

// exactCrossingCompare compares the parameters along e of its crossings
// with f and g in rational arithmetic.
func exactCrossingCompare(e, f, g *ovEdge) int {
	nf, df := exactCrossingParam(e, f)
	ng, dg := exactCrossingParam(e, g)
	// nf/df − ng/dg has the sign of (nf·dg − ng·df)·df·dg.
	l := new(big.Rat).Mul(nf, dg)
	r := new(big.Rat).Mul(ng, df)
	c := l.Cmp(r)
	if df.Sign()*dg.Sign() < 0 {
		c = -c
	}
	return c
}

// exactCrossingParam returns the numerator and denominator of the
// crossing parameter of f along e, exactly.
func exactCrossingParam(e, f *ovEdge) (n, d *big.Rat) {
	r := func(x float64) *big.Rat { return new(big.Rat).SetFloat64(x) }
	sub := func(x, y float64) *big.Rat { return new(big.Rat).Sub(r(x), r(y)) }
	cross := func(ax, ay, bx, by *big.Rat) *big.Rat {
		return new(big.Rat).Sub(new(big.Rat).Mul(ax, by), new(big.Rat).Mul(ay, bx))
	}
	ex, ey := sub(e.b[0], e.a[0]), sub(e.b[1], e.a[1])
	fx, fy := sub(f.b[0], f.a[0]), sub(f.b[1], f.a[1])
	ax, ay := sub(f.a[0], e.a[0]), sub(f.a[1], e.a[1])
	return cross(ax, ay, fx, fy), cross(ex, ey, fx, fy)
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
