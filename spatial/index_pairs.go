package spatial

import (
	"context"
)

// OverlapsInvolving returns the overlapping pairs under rule of the live
// supply parcels and reserve land of this snapshot that involve a subject
// of kind with one of ids: exactly the pairs of a ScanOverlaps of the whole
// snapshot that involve them, measured the same way (the lower (kind, id)
// first), each once, sorted. A caller that keeps the pairs of the whole
// snapshot drops those of changed subjects and adds these. It spreads the
// work over workers goroutines (GOMAXPROCS when workers < 1) and returns
// ctx.Err() when ctx ends first.
func (s *Snapshot) OverlapsInvolving(ctx context.Context, kind Kind, ids []int64, rule OverlapRule, workers int) ([]Overlap, error) {
	changed := make(map[subjectKey]bool, len(ids))
	subjects := make([]*Subject, 0, len(ids))
	for _, id := range ids {
		if sub, ok := s.Get(kind, id); ok && overlapParty(sub) && !changed[sub.key()] {
			changed[sub.key()] = true
			subjects = append(subjects, sub)
		}
	}
	return measureAll(ctx, subjects, workers, 64, nil, func(o *overlay, a *Subject, found []Overlap) []Overlap {
		return s.overlapsOfChanged(o, a, changed, rule, found)
	})
}

// overlapsOfChanged appends the overlaps of a with its neighbours; a pair
// of two changed subjects is measured at the turn of the lower one.
func (s *Snapshot) overlapsOfChanged(o *overlay, a *Subject, changed map[subjectKey]bool, rule OverlapRule, found []Overlap) []Overlap {
	s.Search(a.Shape.Bound, func(b *Subject) bool {
		if !overlapParty(b) || !overlapPair(a, b) || b == a {
			return true
		}
		if changed[b.key()] && b.key().less(a.key()) {
			return true
		}
		found = measurePair(o, a, b, rule, found)
		return true
	})
	return found
}
