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
	base       int // index of the ring's first edge in the edge list
}

// contact is a meeting of two edges that makes a geometry invalid.
type contact struct {
	kind contactKind
	at   orb.Point // where (approximate for a crossing of interiors)
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
	base, seq := len(dst), 0
	for i := 0; i < n; i++ {
		j := (i + 1) % n
		if ring[i] == ring[j] {
			continue
		}
		ib := j
		if j == 0 && n < len(ring) {
			ib = n // report the closing vertex by its own index
		}
		dst = append(dst, edge{a: ring[i], b: ring[j], poly: poly, ring: ringIdx, ia: i, ib: ib, seq: seq, base: base})
		seq++
	}
	for k := base; k < len(dst); k++ {
		dst[k].count = seq
	}
	return dst
}

// multiPolygonEdges returns the non-degenerate edges of all rings of mp,
// ring after ring.
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
			edges = ringEdges(edges, ring, i, j)
		}
	}
	return edges
}

// findBadContact looks for a place where mp's rings meet in a way that
// makes it invalid, and returns the first it finds, or ok = false:
//   - in one ring, two edges that are not neighbours meeting at all (a ring
//     may neither cross nor touch itself), or neighbours folding back over
//     each other;
//   - two rings (holes, shells, other polygons) crossing, whether between
//     vertices or at a shared point, or sharing a stretch of boundary;
//     touching at a point without crossing is allowed;
//   - rings of one polygon touching each other in a loop (a hole touching
//     its outer ring twice, three holes touching in a ring …), which cuts
//     the polygon's interior in pieces.
//
// The sweep sorts the edges along the longer axis of mp's bounds and tests
// each only against edges whose extent on that axis overlaps it, so a ring
// of 20,000 short edges costs a sort and a few tests per edge, not n².
func findBadContact(mp orb.MultiPolygon) (contact, bool) {
	s := contactScan{edges: multiPolygonEdges(mp)}
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
	order := make([]key, len(s.edges))
	for k, e := range s.edges {
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
		e := s.edges[o.k]
		eMin, eMax := min(e.a[other], e.b[other]), max(e.a[other], e.b[other])
		for _, m := range active {
			f := s.edges[m.k]
			if max(f.a[other], f.b[other]) < eMin || min(f.a[other], f.b[other]) > eMax {
				continue
			}
			if c, bad := s.judge(o.k, m.k); bad {
				return c, true
			}
		}
		active = append(active, o)
	}
	return s.touchLoop()
}

// contactScan judges pairs of edges and remembers where rings of one
// polygon touch, for the loop check at the end.
type contactScan struct {
	edges   []edge
	touches []ringTouch
}

// judge decides whether edges i and j meet in a forbidden way.
func (s *contactScan) judge(i, j int) (contact, bool) {
	e, f := s.edges[i], s.edges[j]
	if f.poly < e.poly || (f.poly == e.poly && (f.ring < e.ring || (f.ring == e.ring && f.seq < e.seq))) {
		e, f = f, e // report in reading order
	}
	kind, at := segmentContact(e.a, e.b, f.a, f.b)
	c := contact{kind: kind, at: at, e: e, f: f}
	switch {
	case kind == apart:
		return c, false
	case e.poly == f.poly && e.ring == f.ring:
		return c, kind == overlap || !neighbours(e.seq, f.seq, e.count)
	case kind != touch:
		return c, true
	}
	// Two rings touch at a point: allowed, unless they cross there or
	// leave it along a common edge.
	a1, a2 := s.around(e, at)
	b1, b2 := s.around(f, at)
	if c.kind = ringsAt(at, a1, a2, b1, b2); c.kind != touch {
		return c, true
	}
	if e.poly == f.poly {
		s.touches = append(s.touches, ringTouch{e: e, f: f, at: at})
	}
	return c, false
}

// around returns the vertices next to p along e's ring, when p lies on e:
// its neighbours in the ring when p is an end of e, e's ends otherwise.
func (s *contactScan) around(e edge, p orb.Point) (orb.Point, orb.Point) {
	switch p {
	case e.a:
		prev := s.edges[e.base+(e.seq+e.count-1)%e.count]
		return prev.a, e.b
	case e.b:
		next := s.edges[e.base+(e.seq+1)%e.count]
		return e.a, next.b
	}
	return e.a, e.b
}

// ringsAt tells how two rings passing through p, one towards a1 and a2,
// the other towards b1 and b2, meet there: overlap when they leave p in a
// common direction, cross when b1 and b2 lie on different sides of the
// first ring's path, touch otherwise.
func ringsAt(p, a1, a2, b1, b2 orb.Point) contactKind {
	type dir struct {
		q     orb.Point
		ringB bool
	}
	dirs := [4]dir{{a1, false}, {a2, false}, {b1, true}, {b2, true}}
	for _, a := range dirs[:2] {
		for _, b := range dirs[2:] {
			if !angleLess(p, a.q, b.q) && !angleLess(p, b.q, a.q) {
				return overlap
			}
		}
	}
	slices.SortFunc(dirs[:], func(x, y dir) int {
		if angleLess(p, x.q, y.q) {
			return -1
		}
		return 1
	})
	if dirs[0].ringB != dirs[1].ringB && dirs[1].ringB != dirs[2].ringB && dirs[2].ringB != dirs[3].ringB {
		return cross
	}
	return touch
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
