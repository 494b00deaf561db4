package seed

import (
	"math"
	"math/rand/v2"
	"slices"
)

// uv is a point of a block in its own parameters: u runs from the block's
// west side (0) to its east side (1), v from south (0) to north (1). Cuts
// are made in uv, so neighbouring parcels share the very same numbers and,
// once mapped, the very same coordinates.
type uv struct{ u, v float64 }

// leaf is one parcel of a block before it is mapped to the plane.
type leaf struct {
	ring           []uv // outer ring, counter-clockwise, open (first point not repeated)
	hole           []uv // a retained plot inside, clockwise, open; nil for none
	u0, v0, u1, v1 float64
	rect           bool // ring is exactly the bounding rectangle (T-vertices aside)
	tiny           bool // a small plot carved from a corner of a larger parcel
	class          landClass
}

// Subdivision sizes, in metres.
const (
	minSide      = 12.0 // narrowest ordinary parcel
	minTinySide  = 4.0  // narrowest carved plot
	chamferShare = 0.3  // chance that a block corner is cut off (切角)
	carveShare   = 0.045
	holeShare    = 0.025
)

// rectRing returns the counter-clockwise ring of a uv rectangle.
func rectRing(u0, v0, u1, v1 float64) []uv {
	return []uv{{u0, v0}, {u1, v0}, {u1, v1}, {u0, v1}}
}

// splitNode is a rectangle of the block still to be cut.
type splitNode struct {
	u0, v0, u1, v1 float64
	target         float64 // wanted parcel area, m²
	class          landClass
}

// subdivide cuts a block of w × h metres (mean widths along u and v) into
// parcels of the sizes its land use calls for. Rectangles are halved or
// have a parcel-sized strip sliced off across their longer side until
// they are small enough; now and then a part switches to another use and
// size, which gives a school among houses or shops on a corner.
func subdivide(r *rand.Rand, w, h float64, c landClass, rho float64, tpl *templates) []leaf {
	var leaves []leaf
	stack := []splitNode{{0, 0, 1, 1, tpl.targetArea(r, c), c}}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		wm, hm := (n.u1-n.u0)*w, (n.v1-n.v0)*h
		if wm*hm <= n.target*1.5 || (wm < 2*minSide && hm < 2*minSide) {
			leaves = append(leaves, leaf{
				ring: rectRing(n.u0, n.v0, n.u1, n.v1),
				u0:   n.u0, v0: n.v0, u1: n.u1, v1: n.v1,
				rect: true, class: n.class,
			})
			continue
		}
		long, short := wm, hm
		if hm > wm {
			long, short = hm, wm
		}
		f := uniform(r, 0.38, 0.62)
		if chance(r, 0.5) {
			if strip := n.target / short; strip >= short/3 && strip < long-minSide {
				f = strip / long
				if chance(r, 0.5) {
					f = 1 - f
				}
			}
		}
		f = math.Max(minSide/long, math.Min(1-minSide/long, f))
		a, b := n, n
		if wm >= hm {
			cut := n.u0 + f*(n.u1-n.u0)
			a.u1, b.u0 = cut, cut
		} else {
			cut := n.v0 + f*(n.v1-n.v0)
			a.v1, b.v0 = cut, cut
		}
		for _, child := range []*splitNode{&a, &b} {
			if chance(r, 0.12) {
				child.class = mixClass(r, rho)
				child.target = tpl.targetArea(r, child.class)
			}
		}
		stack = append(stack, b, a)
	}
	return leaves
}

// carveTiny cuts, from a few parcels, a small plot out of one corner (a
// substation, a kiosk, a single house), leaving an L-shaped parcel. The
// plot takes a corner on the street when there is one.
func carveTiny(r *rand.Rand, leaves []leaf, w, h float64) []leaf {
	n := len(leaves)
	for k := 0; k < n; k++ {
		l := &leaves[k]
		wm, hm := (l.u1-l.u0)*w, (l.v1-l.v0)*h
		if !l.rect || wm*hm < 2500 || !chance(r, carveShare) {
			continue
		}
		area := logUniform(r, 20, 1200)
		du := math.Sqrt(area * uniform(r, 0.6, 1.6))
		dv := area / du
		if du < minTinySide || dv < minTinySide || du > 0.45*wm || dv > 0.45*hm {
			continue
		}
		corners := l.ring // SW, SE, NE, NW
		var onStreet []int
		for i, c := range corners {
			if c.u == 0 || c.u == 1 || c.v == 0 || c.v == 1 {
				onStreet = append(onStreet, i)
			}
		}
		ci := r.IntN(4)
		if len(onStreet) > 0 {
			ci = onStreet[r.IntN(len(onStreet))]
		}
		c := corners[ci]
		su, sv := 1.0, 1.0
		if c.u == l.u1 {
			su = -1
		}
		if c.v == l.v1 {
			sv = -1
		}
		inner := uv{c.u + su*du/w, c.v + sv*dv/h}
		// In a counter-clockwise rectangle the edge into SW and NE is
		// vertical, the edge into SE and NW horizontal.
		var p1, p2 uv
		if ci == 0 || ci == 2 {
			p1, p2 = uv{c.u, inner.v}, uv{inner.u, c.v}
		} else {
			p1, p2 = uv{inner.u, c.v}, uv{c.u, inner.v}
		}
		ring := make([]uv, 0, 6)
		ring = append(ring, corners[:ci]...)
		ring = append(ring, p1, inner, p2)
		ring = append(ring, corners[ci+1:]...)
		tu0, tu1 := math.Min(c.u, inner.u), math.Max(c.u, inner.u)
		tv0, tv1 := math.Min(c.v, inner.v), math.Max(c.v, inner.v)
		tiny := leaf{
			ring: rectRing(tu0, tv0, tu1, tv1),
			u0:   tu0, v0: tv0, u1: tu1, v1: tv1,
			rect: true, tiny: true, class: tinyClass(r),
		}
		l.ring, l.rect = ring, false
		leaves = append(leaves, tiny)
	}
	return leaves
}

// chamfer cuts off some block corners (切角) a few metres along both
// streets: the corner parcel gets a short diagonal edge.
func chamfer(r *rand.Rand, leaves []leaf, w, h float64) {
	for _, c := range []uv{{0, 0}, {1, 0}, {1, 1}, {0, 1}} {
		if !chance(r, chamferShare) {
			continue
		}
		cut := uniform(r, 3, 7)
		for k := range leaves {
			l := &leaves[k]
			i := slices.Index(l.ring, c)
			if i < 0 {
				continue
			}
			if (l.u1-l.u0)*w < 4*cut || (l.v1-l.v0)*h < 4*cut {
				break
			}
			n := len(l.ring)
			prev, next := l.ring[(i+n-1)%n], l.ring[(i+1)%n]
			toward := func(p uv) uv {
				du, dv := (p.u-c.u)*w, (p.v-c.v)*h
				d := math.Hypot(du, dv)
				return uv{c.u + (p.u-c.u)*cut/d, c.v + (p.v-c.v)*cut/d}
			}
			ring := make([]uv, 0, n+1)
			ring = append(ring, l.ring[:i]...)
			ring = append(ring, toward(prev), toward(next))
			ring = append(ring, l.ring[i+1:]...)
			l.ring, l.rect = ring, false
			break
		}
	}
}

// insertTVertices makes neighbours share edges exactly: every vertex of a
// parcel that lies inside an edge of another parcel is added to that edge.
// Cuts are exact numbers in uv, so "lies on" is an exact comparison.
func insertTVertices(leaves []leaf) {
	byU := map[float64][]float64{}
	byV := map[float64][]float64{}
	for _, l := range leaves {
		for _, p := range l.ring {
			byU[p.u] = append(byU[p.u], p.v)
			byV[p.v] = append(byV[p.v], p.u)
		}
	}
	for k := range leaves {
		ring := leaves[k].ring
		out := make([]uv, 0, len(ring)+4)
		for i, a := range ring {
			b := ring[(i+1)%len(ring)]
			out = append(out, a)
			switch {
			case a.u == b.u:
				for _, v := range between1D(byU[a.u], a.v, b.v) {
					out = append(out, uv{a.u, v})
				}
			case a.v == b.v:
				for _, u := range between1D(byV[a.v], a.u, b.u) {
					out = append(out, uv{u, a.v})
				}
			}
		}
		leaves[k].ring = out
	}
}

// between1D returns the distinct values strictly between from and to,
// ordered from from towards to.
func between1D(values []float64, from, to float64) []float64 {
	lo, hi := math.Min(from, to), math.Max(from, to)
	var in []float64
	for _, x := range values {
		if x > lo && x < hi {
			in = append(in, x)
		}
	}
	if len(in) == 0 {
		return nil
	}
	slices.Sort(in)
	in = slices.Compact(in)
	if from > to {
		slices.Reverse(in)
	}
	return in
}

// addHoles leaves a small retained plot inside a few large parcels.
func addHoles(r *rand.Rand, leaves []leaf, w, h float64) {
	for k := range leaves {
		l := &leaves[k]
		wm, hm := (l.u1-l.u0)*w, (l.v1-l.v0)*h
		if !l.rect || l.tiny || wm*hm < 6000 || !chance(r, holeShare) {
			continue
		}
		hw := math.Min(uniform(r, 8, 30), 0.3*wm)
		hh := math.Min(uniform(r, 8, 30), 0.3*hm)
		margin := 6.0
		if hw < 4 || hh < 4 || wm < hw+2*margin || hm < hh+2*margin {
			continue
		}
		x := l.u0 + (margin+uniform(r, 0, wm-hw-2*margin))/w
		y := l.v0 + (margin+uniform(r, 0, hm-hh-2*margin))/h
		x1, y1 := x+hw/w, y+hh/h
		l.hole = []uv{{x, y}, {x, y1}, {x1, y1}, {x1, y}} // clockwise
	}
}

// separated reports whether the bounding rectangles of a and b are apart
// (not even touching), so that a and b can be parts of one MultiPolygon.
func separated(a, b leaf) bool {
	return a.u1 < b.u0 || b.u1 < a.u0 || a.v1 < b.v0 || b.v1 < a.v0
}
