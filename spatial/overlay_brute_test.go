package spatial

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// This file holds the test-only reference for overlay areas: an exact
// method that shares nothing with the overlay. It cuts the plane into
// vertical slabs at every vertex and every crossing of two edges; inside a
// slab no two edges cross, so the length of the result along a vertical
// line is a linear function of x, and the slab's area is its width times
// that length at the slab's middle. Quadratic in the number of edges, and
// fine for test shapes.

// planeEdge is an edge of a test shape in plane coordinates.
type planeEdge struct{ a, b orb.Point }

// planeEdgesOf returns the edges of the plane rings of p relative to org.
func planeEdgesOf(p *Prepared, org orb.Point) []planeEdge {
	var out []planeEdge
	rel := func(v orb.Point) orb.Point { return orb.Point{v[0] - org[0], v[1] - org[1]} }
	for ri := range p.rings {
		r := &p.rings[ri]
		n := int(r.n)
		for k := 0; k < n; k++ {
			out = append(out, planeEdge{rel(p.vertex(r, k)), rel(p.vertex(r, (k+1)%n))})
		}
	}
	return out
}

// bruteArea returns the plane area of subject ∩ (cover₁ ∪ … ∪ coverₖ), all
// in one zone, by slabs.
func bruteArea(subject *Prepared, cover ...*Prepared) float64 {
	org := orb.Point{subject.box.minX, subject.box.minY}
	shapes := [][]planeEdge{planeEdgesOf(subject, org)}
	width := subject.box.maxX - subject.box.minX
	for _, c := range cover {
		// Edges beside the subject's x-range cut no slab that matters.
		var kept []planeEdge
		for _, e := range planeEdgesOf(c, org) {
			if max(e.a[0], e.b[0]) >= 0 && min(e.a[0], e.b[0]) <= width {
				kept = append(kept, e)
			}
		}
		shapes = append(shapes, kept)
	}
	var all []planeEdge
	for _, s := range shapes {
		all = append(all, s...)
	}
	var xs []float64
	for i, e := range all {
		xs = append(xs, e.a[0])
		for _, f := range all[i+1:] {
			if x, ok := properCrossingX(e, f); ok {
				xs = append(xs, x)
			}
		}
	}
	slices.Sort(xs)
	xs = slices.Compact(xs)
	var area float64
	for i := 0; i+1 < len(xs); i++ {
		w := xs[i+1] - xs[i]
		if w <= 0 || xs[i+1] < 0 || xs[i] > width {
			continue
		}
		xm := xs[i] + w/2
		sub := slabIntervals(shapes[0], xm)
		var union [][2]float64
		for _, s := range shapes[1:] {
			union = append(union, slabIntervals(s, xm)...)
		}
		area += w * intersectLength(sub, mergeIntervals(union))
	}
	return area
}

// properCrossingX returns the x where two segments cross at a point
// interior to both.
func properCrossingX(e, f planeEdge) (float64, bool) {
	dx, dy := e.b[0]-e.a[0], e.b[1]-e.a[1]
	ex, ey := f.b[0]-f.a[0], f.b[1]-f.a[1]
	den := dx*ey - dy*ex
	if den == 0 {
		return 0, false
	}
	t := ((f.a[0]-e.a[0])*ey - (f.a[1]-e.a[1])*ex) / den
	u := ((f.a[0]-e.a[0])*dy - (f.a[1]-e.a[1])*dx) / den
	if t <= 0 || t >= 1 || u <= 0 || u >= 1 {
		return 0, false
	}
	return e.a[0] + t*dx, true
}

// slabIntervals returns the stretches of the vertical line at x inside the
// shape with the given edges (even-odd rule), sorted.
func slabIntervals(edges []planeEdge, x float64) [][2]float64 {
	var ys []float64
	for _, e := range edges {
		if (e.a[0] < x) != (e.b[0] < x) {
			t := (x - e.a[0]) / (e.b[0] - e.a[0])
			ys = append(ys, e.a[1]+t*(e.b[1]-e.a[1]))
		}
	}
	slices.Sort(ys)
	var out [][2]float64
	for i := 0; i+1 < len(ys); i += 2 {
		out = append(out, [2]float64{ys[i], ys[i+1]})
	}
	return out
}

// mergeIntervals returns the union of intervals as sorted disjoint ones.
func mergeIntervals(iv [][2]float64) [][2]float64 {
	slices.SortFunc(iv, func(a, b [2]float64) int {
		switch {
		case a[0] < b[0]:
			return -1
		case a[0] > b[0]:
			return 1
		}
		return 0
	})
	var out [][2]float64
	for _, v := range iv {
		if n := len(out); n > 0 && v[0] <= out[n-1][1] {
			out[n-1][1] = math.Max(out[n-1][1], v[1])
			continue
		}
		out = append(out, v)
	}
	return out
}

// intersectLength returns the total length of the intersection of two
// sorted lists of disjoint intervals.
func intersectLength(a, b [][2]float64) float64 {
	var total float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		lo, hi := math.Max(a[i][0], b[j][0]), math.Min(a[i][1], b[j][1])
		if hi > lo {
			total += hi - lo
		}
		if a[i][1] < b[j][1] {
			i++
		} else {
			j++
		}
	}
	return total
}
