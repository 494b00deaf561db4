package spatial

import (
	"github.com/paulmach/orb"
)

// Slab allocates the subjects of a batch loaded together, with their
// decoded boundaries and prepared shapes, in a few large blocks instead of
// about ten small objects a parcel. The garbage collector marks the live
// heap on every collection, and the index is most of it: a parcel that is
// a share of a few blocks costs it far less to mark than ten objects of
// its own, and a collection holds back requests for less time.
//
// A block lives as long as any subject carved from it, so a slab suits
// subjects that come and go together, such as the batches of a load; a
// subject replaced later by one of its own leaves its share of the block
// behind until the rest of the batch is replaced too, at most the register
// once more.
//
// A nil *Slab allocates each piece on its own, as the package's functions
// without a slab do. A Slab is not safe for concurrent use.
type Slab struct {
	subjects []Subject
	shapes   []Prepared
	polygons []orb.Polygon
	rings    []orb.Ring
	points   []orb.Point
	xy       []float64
	plane    []planeRing
	n        int // subjects the slab was sized for
	vertices int // vertices it was sized for
}

// NewSlab returns a slab sized for about n subjects of about vertices
// vertices in all; it grows by further blocks when they have more.
func NewSlab(n, vertices int) *Slab {
	return &Slab{n: max(n, 1), vertices: max(vertices, 1)}
}

// carve returns a slice of length 0 and capacity n cut from the end of
// block. When block has no room it starts a new one: of size, what the
// whole batch was expected to need, for its first; of a quarter of that
// for the ones a batch needs beyond it (more rings than parcels, say).
func carve[T any](block *[]T, n, size int) []T {
	if n == 0 {
		return []T{} // empty, as make gives, not nil
	}
	if cap(*block)-len(*block) < n {
		if cap(*block) > 0 {
			size /= 4
		}
		*block = make([]T, 0, max(n, size))
	}
	b := *block
	*block = b[:len(b)+n]
	return b[len(b) : len(b) : len(b)+n]
}

// giveBack returns to block what carved, the last slice cut from it, left
// unused.
func giveBack[T any](block *[]T, carved []T) {
	unused := cap(carved) - len(carved)
	b := *block
	if unused == 0 || len(b) == 0 || &carved[:cap(carved)][cap(carved)-1] != &b[len(b)-1] {
		return
	}
	*block = b[:len(b)-unused]
}

// Subject returns a copy of v kept in the slab.
func (s *Slab) Subject(v Subject) *Subject {
	if s == nil {
		return &v
	}
	sub := carve(&s.subjects, 1, s.n)[:1]
	sub[0] = v
	return &sub[0]
}

// DecodeWKB is the package's DecodeWKB with the boundary kept in the slab.
func (s *Slab) DecodeWKB(b []byte) (orb.MultiPolygon, error) { return decodeWKB(s, b) }

// Prepare is the package's Prepare with the shape kept in the slab.
func (s *Slab) Prepare(mp orb.MultiPolygon) *Prepared { return prepare(s, mp) }

func (s *Slab) shape() *Prepared {
	if s == nil {
		return &Prepared{}
	}
	return &carve(&s.shapes, 1, s.n)[:1][0]
}

func (s *Slab) multiPolygon(n int) orb.MultiPolygon {
	if s == nil {
		return make(orb.MultiPolygon, 0, n)
	}
	return carve(&s.polygons, n, s.n)
}

func (s *Slab) polygon(n int) orb.Polygon {
	if s == nil {
		return make(orb.Polygon, 0, n)
	}
	return carve(&s.rings, n, s.n)
}

func (s *Slab) ring(n int) orb.Ring {
	if s == nil {
		return make(orb.Ring, n)
	}
	return carve(&s.points, n, s.vertices)[:n]
}

// floats carves plane coordinates: a ring's closing vertex is not kept,
// so a batch needs about its vertices less one a subject.
func (s *Slab) floats(n int) []float64 {
	if s == nil {
		return make([]float64, 0, n)
	}
	return carve(&s.xy, n, 2*max(s.vertices-s.n, 1))
}

func (s *Slab) planeRings(n int) []planeRing {
	if s == nil {
		return make([]planeRing, 0, n)
	}
	return carve(&s.plane, n, s.n)
}

// trim gives back what p's plane vertices and rings left unused of what
// was carved for them: closing and repeated vertices, degenerate rings.
func (s *Slab) trim(p *Prepared) {
	if s == nil {
		return
	}
	giveBack(&s.xy, p.xy)
	giveBack(&s.plane, p.rings)
	p.xy = p.xy[:len(p.xy):len(p.xy)] // what was given back is no longer p's
	p.rings = p.rings[:len(p.rings):len(p.rings)]
}
