package spatial

import (
	"math/big"

	"github.com/paulmach/orb"
)

// The overlay computes the plane area of S0 ∩ (S1 ∪ … ∪ Sk) for prepared
// shapes in one zone by Green's theorem: the area of a region is the sum
// of (x₁y₂ − x₂y₁)/2 over its boundary, traversed with the region on the
// left, and that boundary is made of pieces of the operands' boundaries.
// The overlay
//
//  1. keeps the edges that can bound the result (for two operands, those
//     whose boxes meet the intersection of the operands' boxes);
//  2. finds every contact between edges of different operands — crossings,
//     vertices on edges, collinear stretches — with exact orientation
//     tests, and cuts the edges there;
//  3. walks each ring knowing, for every other operand, whether it is
//     inside: the status is anchored by an exact point-in-polygon test at
//     an input vertex and changes only at contacts, where it is decided
//     from the input edges alone (the side of the crossed edge, or the
//     sector between the other operand's edges around a shared point);
//  4. keeps a piece when the result lies on exactly one side of it, and
//     adds its term (reversed when the result lies on its right).
//
// Every decision is an exact predicate on input vertices; crossing points
// are rounded, but only to place the pieces, never to classify them, so a
// rounded crossing that lands on another edge cannot flip a decision. A
// stretch of boundary shared by several operands is counted once, by the
// operand with the lowest index, with the sides of every operand running
// along it: traversed the same way by two parcels (duplicates) it bounds
// their intersection once; in opposite directions (neighbours) it bounds
// nothing. A vertex shared by two parcels has identical plane coordinates
// in both, so shared edges are recognised exactly. Coordinates are taken
// relative to the centre of the region of interest, which keeps the terms
// small and the sum precise.
//
// Inputs are expected to be valid polygons (Validate); invalid ones give
// a plausible area, never a panic.

// overlay is the scratch state of one overlay computation; reset reuses
// its slices for the next.
type overlay struct {
	shapes []*Prepared  // operand 0 is the subject, the others the cover
	pair   [2]*Prepared // backing for shapes in two-operand overlays
	org    orb.Point    // origin of the frame (x east, y north, metres)
	keep   []planeBox   // per operand, the box its edges must meet to matter

	edges   []ovEdge   // the edges kept
	order   []int32    // edges by their boxes' minimum x, for the sweep
	splits  []ovSplit  // contacts on edges, by edge once sorted
	spare   []ovSplit  // scratch for sorting splits
	splitAt []int      // splits of edge i are splits[splitAt[i]:splitAt[i+1]]
	fill    []int      // scratch for sorting splits
	spans   []ovSpan   // collinear stretches shared with other operands' edges
	pieces  []ovPiece  // the edges cut at their contacts
	status  []int8     // per piece and operand: is the piece inside it
	cur     []int8     // the statuses while walking a ring
	group   []int32    // scratch: the other edges of one touch
	exact   []*big.Rat // crossing parameters computed exactly, when needed
}

// ovEdge is one edge of an operand in the overlay's frame.
type ovEdge struct {
	a, b      orb.Point
	box       planeBox
	shape     int32 // operand index
	ring      int32 // ring index within the operand
	k         int32 // edge index within the ring
	dom       int8  // the axis (0 x, 1 y) along which the edge is longer
	firstSpan int32 // index of its first ovSpan, −1 for none
}

// ovSplit is a contact of an edge with an edge of another operand: a
// touch at an exact input vertex (one's vertex on the other, or the ends
// of a shared stretch), or a proper crossing, whose point is rounded.
type ovSplit struct {
	edge  int32 // the edge cut
	other int32 // the edge it meets
	cross bool  // a proper crossing of the two interiors
	exact int32 // for a crossing, its slot in overlay.exact
	key   float64
	at    orb.Point
	t, dt float64 // for a crossing, its parameter along the edge and error bound
}

// ovSpan records that the stretch [lo, hi] of an edge (positions along its
// dominant axis) lies on an edge of operand other, running the same way
// or the opposite way.
type ovSpan struct {
	lo, hi float64
	other  int32
	same   bool
	next   int32 // next span of the same edge, −1 at the end
}

// ovPiece is a stretch of an edge between two contacts; its statuses are
// status[i*len(shapes) : (i+1)*len(shapes)].
type ovPiece struct {
	a, b orb.Point
	edge int32
}

// Statuses of a piece, or of the walk, relative to one operand.
const (
	statusUnknown int8 = iota
	statusIn
	statusOut
	statusOn // running along the operand's boundary: its spans tell the sides
)

// reset prepares o for the operands shapes, all in one zone, and returns
// false when the result is empty for lack of a common box.
func (o *overlay) reset(shapes []*Prepared) bool {
	o.shapes = shapes
	o.edges, o.order, o.splits, o.spans = o.edges[:0], o.order[:0], o.splits[:0], o.spans[:0]
	o.pieces, o.status, o.keep, o.exact = o.pieces[:0], o.status[:0], o.keep[:0], o.exact[:0]
	if len(shapes) < 2 || len(shapes[0].rings) == 0 {
		return false
	}
	cover := emptyBox()
	for _, s := range shapes[1:] {
		if s.box.intersects(shapes[0].box) {
			cover = cover.union(s.box)
		}
	}
	roi := shapes[0].box.intersection(cover)
	if roi.empty() {
		return false
	}
	o.org = orb.Point{(roi.minX + roi.maxX) / 2, (roi.minY + roi.maxY) / 2}
	// Every contact between two operands lies in both their boxes. With
	// two operands that is roi, so edges missing it touch nothing and bound
	// nothing. With more, covers may meet each other anywhere and their
	// contacts steer the statuses, so only the subject is pruned.
	for i, s := range shapes {
		keep := roi
		if len(shapes) > 2 {
			keep = cover
			if i > 0 {
				keep = s.box
			}
		}
		o.keep = append(o.keep, keep.shifted(o.org))
	}
	return true
}

// area runs the overlay on the operands given to reset.
func (o *overlay) area() float64 {
	for i, s := range o.shapes {
		o.gatherEdges(int32(i), s)
	}
	o.findContacts()
	o.sortSplits()
	o.walkRings()
	return o.sum()
}

// gatherEdges appends the edges of s that meet its keep box, ring after
// ring and in ring order, skipping whole rings and chunks that miss it.
func (o *overlay) gatherEdges(shape int32, s *Prepared) {
	keep := o.keep[shape]
	for ri := range s.rings {
		r := &s.rings[ri]
		if !r.box.shifted(o.org).intersects(keep) {
			continue
		}
		chunks := s.ringChunks(r)
		n := int(r.n)
		for k := 0; k < n; k++ {
			if chunks != nil && k%chunkEdges == 0 && !chunks[k/chunkEdges].shifted(o.org).intersects(keep) {
				k += chunkEdges - 1
				continue
			}
			a := s.vertex(r, k)
			b := s.vertex(r, (k+1)%n)
			a[0], a[1] = a[0]-o.org[0], a[1]-o.org[1]
			b[0], b[1] = b[0]-o.org[0], b[1]-o.org[1]
			box := planeBox{min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])}
			if !box.intersects(keep) {
				continue
			}
			var dom int8
			if abs(b[1]-a[1]) > abs(b[0]-a[0]) {
				dom = 1
			}
			o.edges = append(o.edges, ovEdge{a: a, b: b, box: box, shape: shape, ring: int32(ri),
				k: int32(k), dom: dom, firstSpan: -1})
		}
	}
}

// along returns the position of p along edge e: its distance from e's
// start on e's dominant axis.
func (e *ovEdge) along(p orb.Point) float64 {
	d := p[e.dom] - e.a[e.dom]
	if e.b[e.dom] < e.a[e.dom] {
		return -d
	}
	return d
}

// length returns the position of e's end along e.
func (e *ovEdge) length() float64 { return e.along(e.b) }
