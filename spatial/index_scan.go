package spatial

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
)

// overlapParty reports whether s takes part in overlap checks: a live
// supply parcel or live reserve land.
func overlapParty(s *Subject) bool {
	return s.Live && (s.Kind == KindSupplyParcel || s.Kind == KindReserve) && s.searchable()
}

// overlapPair reports whether two parties can overlap in the sense of
// DESIGN §4.3: two supply parcels of different supplies, or a supply
// parcel and reserve land of a reserve the supply does not name (a supply
// made from a reserve covers its land by right).
func overlapPair(a, b *Subject) bool {
	switch {
	case a.Kind == KindSupplyParcel && b.Kind == KindSupplyParcel:
		return a.SupplyID != b.SupplyID || a.SupplyID == 0
	case a.Kind == KindReserve && b.Kind == KindReserve:
		return false
	}
	return a.Meta.Reserve == "" || a.Meta.Reserve != b.Meta.Reserve
}

// OverlapsOf checks shape against the live supply parcels and reserve land
// of the index under rule, skipping subjects for which exclude (when not
// nil) returns true — the parcels of the supply being written, say. Each
// overlap has A = 0 (the shape) and B the subject, sorted by B's kind and
// id.
func (ix *Index) OverlapsOf(shape *Prepared, exclude func(*Subject) bool, rule OverlapRule) []Overlap {
	return ix.Snapshot().OverlapsOf(shape, exclude, rule)
}

// OverlapsOf is Index.OverlapsOf on this snapshot.
func (s *Snapshot) OverlapsOf(shape *Prepared, exclude func(*Subject) bool, rule OverlapRule) []Overlap {
	if shape == nil || len(shape.Geom) == 0 {
		return nil
	}
	var o overlay
	var out []Overlap
	s.Search(shape.Bound, func(c *Subject) bool {
		if !overlapParty(c) || (exclude != nil && exclude(c)) {
			return true
		}
		if ov, ok := rule.check(&o, shape, c.Shape); ok {
			ov.B, ov.KindB, ov.SupplyB = c.ID, c.Kind, c.SupplyID
			out = append(out, ov)
		}
		return true
	})
	sortOverlaps(out)
	return out
}

// OverlapsOfSubject checks sub — typically a parcel just written — against
// the other live parties of this snapshot with which it can overlap
// (never itself, never a parcel of its own supply). Each overlap has A =
// sub, sorted by B's kind and id. A subject that is not a live supply
// parcel or reserve has none.
func (s *Snapshot) OverlapsOfSubject(sub *Subject, rule OverlapRule) []Overlap {
	if !overlapParty(sub) {
		return nil
	}
	out := s.OverlapsOf(sub.Shape, func(c *Subject) bool {
		return c.key() == sub.key() || !overlapPair(sub, c)
	}, rule)
	for i := range out {
		out[i].A, out[i].KindA, out[i].SupplyA = sub.ID, sub.Kind, sub.SupplyID
	}
	return out
}

// Everywhere is the box of the whole globe, for scans without limits.
func Everywhere() orb.Bound {
	return orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}
}

// ScanOverlaps finds every overlapping pair under rule among the live
// supply parcels and reserve land whose boxes meet in (Everywhere for the
// nation), each pair once with (KindA, A) before (KindB, B), sorted; pairs
// with a partner outside in are included. It reads one snapshot, spreads
// the work over workers goroutines (GOMAXPROCS when workers < 1) and calls
// progress, when not nil, from one goroutine at a time with the number of
// parcels done and the total. It returns ctx.Err() when ctx ends first.
func (ix *Index) ScanOverlaps(ctx context.Context, in orb.Bound, rule OverlapRule, workers int,
	progress func(done, total int)) ([]Overlap, error) {
	return ix.Snapshot().ScanOverlaps(ctx, in, rule, workers, progress)
}

// ScanOverlaps is Index.ScanOverlaps on this snapshot.
func (s *Snapshot) ScanOverlaps(ctx context.Context, in orb.Bound, rule OverlapRule, workers int,
	progress func(done, total int)) ([]Overlap, error) {
	// In the tree's order, which is the Hilbert curve's: a batch of
	// subjects is a neighbourhood, whose searches and shapes stay in the
	// caches of its core. Each pair is measured at the turn of its lower
	// party whatever the order, and the pairs are sorted at the end.
	var subjects []*Subject
	s.Search(in, func(c *Subject) bool {
		if overlapParty(c) {
			subjects = append(subjects, c)
		}
		return true
	})
	return measureAll(ctx, subjects, workers, 256, progress, func(o *overlay, a *Subject, found []Overlap) []Overlap {
		return s.overlapsAfter(o, a, in, rule, found)
	})
}

// measureAll calls measure for each of subjects, in batches spread over
// workers goroutines (GOMAXPROCS when workers < 1) each with an overlay of
// its own, and returns all they found, sorted. progress, when not nil, is
// called from one goroutine at a time with the number of subjects done and
// the total. It returns ctx.Err() when ctx ends first.
func measureAll(ctx context.Context, subjects []*Subject, workers, batch int, progress func(done, total int),
	measure func(o *overlay, a *Subject, found []Overlap) []Overlap) ([]Overlap, error) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, (len(subjects)+batch-1)/batch)
	var (
		next, done atomic.Int64
		mu         sync.Mutex // guards out and progress calls
		out        []Overlap
		wg         sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var o overlay
			var found []Overlap
			for ctx.Err() == nil {
				lo := int(next.Add(int64(batch))) - batch
				if lo >= len(subjects) {
					break
				}
				for _, a := range subjects[lo:min(lo+batch, len(subjects))] {
					found = measure(&o, a, found)
				}
				n := int(done.Add(int64(min(batch, len(subjects)-lo))))
				if progress != nil {
					mu.Lock()
					progress(n, len(subjects))
					mu.Unlock()
				}
			}
			mu.Lock()
			out = append(out, found...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sortOverlaps(out)
	return out, nil
}

// overlapsAfter appends to found the overlaps of a with the parties that
// come after it in (kind, id) order, and with those before it that lie
// outside in (their own turn never comes).
func (s *Snapshot) overlapsAfter(o *overlay, a *Subject, in orb.Bound, rule OverlapRule, found []Overlap) []Overlap {
	s.Search(a.Shape.Bound, func(b *Subject) bool {
		if !overlapParty(b) || !overlapPair(a, b) || b == a {
			return true
		}
		if b.key().less(a.key()) && b.Shape.Bound.Intersects(in) {
			return true
		}
		found = measurePair(o, a, b, rule, found)
		return true
	})
	return found
}

// measurePair appends the overlap of a and b under rule, if any, measured
// with the lower (kind, id) first, so that a pair measures the same
// whichever side asks.
func measurePair(o *overlay, a, b *Subject, rule OverlapRule, found []Overlap) []Overlap {
	first, second := a, b
	if b.key().less(a.key()) {
		first, second = b, a
	}
	if ov, ok := rule.check(o, first.Shape, second.Shape); ok {
		ov.A, ov.KindA, ov.SupplyA = first.ID, first.Kind, first.SupplyID
		ov.B, ov.KindB, ov.SupplyB = second.ID, second.Kind, second.SupplyID
		found = append(found, ov)
	}
	return found
}

// sortOverlaps orders overlaps by A's kind and id, then B's.
func sortOverlaps(out []Overlap) {
	slices.SortFunc(out, func(x, y Overlap) int {
		return cmp.Or(cmp.Compare(x.KindA, y.KindA), cmp.Compare(x.A, y.A),
			cmp.Compare(x.KindB, y.KindB), cmp.Compare(x.B, y.B))
	})
}
