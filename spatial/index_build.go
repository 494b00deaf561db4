package spatial

import (
	"cmp"
	"slices"

	"github.com/tidwall/rtree"
)

// Builder loads an index in bulk at start-up: it collects subjects, then
// builds the R-tree in one pass in Hilbert-curve order of the subjects'
// centres, which packs neighbours into the same nodes and is several times
// faster than inserting in database order. It holds only pointers to the
// subjects, and lets go of them once built, so the subjects are never kept
// twice. A Builder is not safe for concurrent use.
type Builder struct {
	subjects []*Subject
}

// NewBuilder returns a Builder with room for about n subjects.
func NewBuilder(n int) *Builder {
	return &Builder{subjects: make([]*Subject, 0, n)}
}

// Add collects subjects; a later subject replaces an earlier one of the
// same kind and id, and nil subjects are ignored. It panics on a subject of
// an unknown kind, which is a programming error.
func (b *Builder) Add(subjects ...*Subject) {
	for _, s := range subjects {
		if s != nil {
			if !s.Kind.Valid() {
				panic("spatial: Builder.Add of a subject of unknown kind " + s.Kind.String())
			}
			b.subjects = append(b.subjects, s)
		}
	}
}

// Len returns the number of subjects added so far.
func (b *Builder) Len() int { return len(b.subjects) }

// Build returns a new index holding the subjects added, and empties the
// builder.
func (b *Builder) Build() *Index {
	ix := &Index{}
	ix.snap.Store(b.snapshot(1))
	return ix
}

// Replace swaps the whole content of ix for the subjects collected by b,
// and empties b. Readers keep reading the old state until the new one is
// complete; writers wait for the build. Writes the subjects in b do not
// reflect are lost: replay the change feed from the point b was read.
func (ix *Index) Replace(b *Builder) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.snap.Store(b.snapshot(ix.snap.Load().version + 1))
}

// snapshot builds a snapshot of the collected subjects with the given
// version, and empties b.
func (b *Builder) snapshot(version uint64) *Snapshot {
	s := &Snapshot{tree: &rtree.RTreeG[*Subject]{}, version: version}
	for _, sub := range b.subjects {
		if old := s.ids[sub.Kind].get(sub.ID); old == nil {
			s.count++
		}
		s.ids[sub.Kind] = s.ids[sub.Kind].with(sub, true)
	}
	// Keep the winners of replacements that have a shape, in curve order.
	kept := b.subjects[:0]
	for _, sub := range b.subjects {
		if s.ids[sub.Kind].get(sub.ID) == sub && sub.searchable() {
			kept = append(kept, sub)
		}
	}
	b.subjects = nil
	sortByHilbert(kept)
	for _, sub := range kept {
		s.tree.Insert(sub.Shape.Bound.Min, sub.Shape.Bound.Max, sub)
	}
	return s
}

// sortByHilbert orders subjects along a Hilbert curve through the centres
// of their boxes, on a 2¹⁶ × 2¹⁶ grid over the box of them all.
func sortByHilbert(subjects []*Subject) {
	if len(subjects) < 2 {
		return
	}
	all := subjects[0].Shape.Bound
	for _, s := range subjects[1:] {
		all = all.Union(s.Shape.Bound)
	}
	const side = 1 << 16
	w, h := all.Max[0]-all.Min[0], all.Max[1]-all.Min[1]
	cell := func(v, lo, span float64) uint32 {
		if span <= 0 {
			return 0
		}
		return uint32(min(max((v-lo)/span*side, 0), side-1))
	}
	type keyed struct {
		d   uint64
		sub *Subject
	}
	ks := make([]keyed, len(subjects))
	for i, s := range subjects {
		c := s.Shape.Bound.Center()
		ks[i] = keyed{hilbert(side, cell(c[0], all.Min[0], w), cell(c[1], all.Min[1], h)), s}
	}
	slices.SortFunc(ks, func(a, b keyed) int { return cmp.Compare(a.d, b.d) })
	for i := range ks {
		subjects[i] = ks[i].sub
	}
}

// hilbert returns the distance along the Hilbert curve filling an n × n
// grid (n a power of two) of the cell (x, y).
func hilbert(n, x, y uint32) uint64 {
	var d uint64
	for s := n / 2; s > 0; s /= 2 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		d += uint64(s) * uint64(s) * uint64((3*rx)^ry)
		// Rotate the quadrant so that the curve inside it runs the same way.
		if ry == 0 {
			if rx == 1 {
				x, y = n-1-x, n-1-y
			}
			x, y = y, x
		}
	}
	return d
}
