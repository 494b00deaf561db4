package spatial

import (
	"cmp"
	"slices"

	"github.com/paulmach/orb"
)

// edge is one non-degenerate segment of a MultiPolygon, with where it came
// from: polygon, ring, and the indexes of its end vertices in that ring.
type edge struct {
	a, b       orb.Point
	poly, ring int
	ia, ib     int // vertex indexes of a and b in the ring as given
	seq        int // position among the ring's non-degenerate edges
	count      int // number of non-degenerate edges of the ring
}

// contactKind says how two segments meet.
type contactKind int

const (
	apart   contactKind = iota // no common point
	touch                      // exactly one common point, an end of one of them
	cross                      // the interiors cross at one point
	overlap                    // collinear with a common stretch of positive length
)

// contact is a meeting of two edges found by the sweep.
type contact struct {
	kind contactKind
	at   orb.Point // where (approximate for a crossing)
	e, f edge
}

// ringEdges appends the non-degenerate edges of ring (closed or not:
// the closing edge is implied) to dst. Repeated consecutive vertices yield
// no edge, so they neither count as contacts nor break adjacency.
func ringEdges(dst []edge, ring orb.Ring, poly, ringIdx int) []edge {
	n := len(ring)
	if n > 1 && ring[0] == ring[n-1] {
		n-- // the closing vertex repeats the first
	}
	seq := 0
	for i := 0; i < n; i++ {
		j := (i + 1) % n
		if ring[i] == ring[j] {
			continue
		}
		ib := j
		if j == 0 && n < len(ring) {
			ib = n // report the closing vertex by its own index
		}
		dst = append(dst, edge{a: ring[i], b: ring[j], poly: poly, ring: ringIdx, ia: i, ib: ib, seq: seq})
		seq++
	}
	return dst
}

// findBadContact sweeps the edges of mp and returns the first contact that
// makes it invalid, or ok = false when there is none:
//   - in one ring, two edges that are not neighbours meeting at all (a ring
//     may neither cross nor touch itself), or neighbours folding back over
//     each other;
//   - in different rings (holes, shells, other polygons), a crossing or a
//     shared stretch; touching at a point is allowed.
//
// The sweep sorts the edges along the longer axis of mp's bounds and tests
// each only against edges whose extent on that axis overlaps it, so a ring
// of 20,000 short edges costs a sort and a few tests per edge, not n².
func findBadContact(mp orb.MultiPolygon) (contact, bool) {
	edges := multiPolygonEdges(mp)
	bound := mp.Bound()
	axis := 0
	if bound.Max[1]-bound.Min[1] > bound.Max[0]-bound.Min[0] {
		axis = 1
	}
	other := 1 - axis

	// Sort small keys rather than the edges themselves.
	type key struct {
		lo, hi float64
		k      int
	}
	order := make([]key, len(edges))
	for k, e := range edges {
		order[k] = key{min(e.a[axis], e.b[axis]), max(e.a[axis], e.b[axis]), k}
	}
	slices.SortFunc(order, func(x, y key) int { return cmp.Compare(x.lo, y.lo) })

	active := make([]key, 0, 64)
	for _, o := range order {
		kept := active[:0]
		for _, m := range active {
			if m.hi >= o.lo {
				kept = append(kept, m)
			}
		}
		active = kept
		e := edges[o.k]
		eMin, eMax := min(e.a[other], e.b[other]), max(e.a[other], e.b[other])
		for _, m := range active {
			f := edges[m.k]
			if max(f.a[other], f.b[other]) < eMin || min(f.a[other], f.b[other]) > eMax {
				continue
			}
			kind, at := segmentContact(e.a, e.b, f.a, f.b)
			if !forbidden(e, f, kind) {
				continue
			}
			if f.poly < e.poly || (f.poly == e.poly && (f.ring < e.ring || (f.ring == e.ring && f.seq < e.seq))) {
				e, f = f, e // report in reading order
			}
			return contact{kind: kind, at: at, e: e, f: f}, true
		}
		active = append(active, o)
	}
	return contact{}, false
}

// multiPolygonEdges returns the non-degenerate edges of all rings of mp.
func multiPolygonEdges(mp orb.MultiPolygon) []edge {
	n := 0
	for _, poly := range mp {
		for _, ring := range poly {
			n += len(ring)
		}
	}
	edges := make([]edge, 0, n)
	for i, poly := range mp {
		for j, ring := range poly {
			before := len(edges)
			edges = ringEdges(edges, ring, i, j)
			for k := before; k < len(edges); k++ {
				edges[k].count = len(edges) - before
			}
		}
	}
	return edges
}

// forbidden reports whether edges e and f meeting as kind makes a
// MultiPolygon invalid (the rules listed at findBadContact).
func forbidden(e, f edge, kind contactKind) bool {
	switch {
	case kind == apart:
		return false
	case e.poly == f.poly && e.ring == f.ring:
		return kind == overlap || !neighbours(e.seq, f.seq, e.count)
	default:
		return kind != touch
	}
}

// neighbours reports whether edges s and t of a ring of n edges follow
// each other (the last and the first are neighbours too).
func neighbours(s, t, n int) bool {
	d := s - t
	if d < 0 {
		d = -d
	}
	return d == 1 || d == n-1
}

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

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
