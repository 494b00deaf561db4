package supervision

import (
	"cmp"
	"slices"
	"sync/atomic"

	"github.com/paulmach/orb"

	"landwatch/sql"
)

// layer is a set of things drawn on the map beside the index (overlap
// areas, finding marks), kept by finding id: published whole for readers,
// changed only by the round that catches up, which alone touches byID.
type layer[T any] struct {
	list  atomic.Pointer[[]T]
	byID  map[int64]T
	id    func(T) int64
	bound func(T) orb.Bound
	same  func(a, b T) bool
}

func (l *layer[T]) init(id func(T) int64, bound func(T) orb.Bound, same func(a, b T) bool) {
	l.id, l.bound, l.same = id, bound, same
}

// current returns the published list (nil before loading).
func (l *layer[T]) current() []T {
	if p := l.list.Load(); p != nil {
		return *p
	}
	return nil
}

// replace publishes all as the whole layer and tells forget the extents of
// what came, went or changed since the last load (nothing on the first).
func (l *layer[T]) replace(all []T, forget func(orb.Bound)) {
	was := l.byID
	l.byID = make(map[int64]T, len(all))
	for _, x := range all {
		l.byID[l.id(x)] = x
	}
	if was != nil {
		for id, x := range l.byID {
			l.notice(was, id, x, forget)
		}
		for id, x := range was {
			if _, ok := l.byID[id]; !ok {
				forget(l.bound(x))
			}
		}
	}
	out := slices.Clone(all)
	l.list.Store(&out)
}

// update puts fresh into the layer and drops those named that are not in
// fresh (closed or gone), publishes a new list when anything changed, and
// tells forget the extents of what came, went or changed.
func (l *layer[T]) update(named []int64, fresh []T, forget func(orb.Bound)) {
	changed := false
	seen := make(map[int64]bool, len(fresh))
	for _, x := range fresh {
		id := l.id(x)
		seen[id] = true
		if l.notice(l.byID, id, x, forget) {
			l.byID[id] = x
			changed = true
		}
	}
	for _, id := range named {
		if old, ok := l.byID[id]; ok && !seen[id] {
			forget(l.bound(old))
			delete(l.byID, id)
			changed = true
		}
	}
	if !changed {
		return
	}
	out := make([]T, 0, len(l.byID))
	for _, x := range l.byID {
		out = append(out, x)
	}
	slices.SortFunc(out, func(a, b T) int { return cmp.Compare(l.id(a), l.id(b)) })
	l.list.Store(&out)
}

// notice tells forget where x, and what it replaces in was, lie when they
// differ, and reports whether they do.
func (l *layer[T]) notice(was map[int64]T, id int64, x T, forget func(orb.Bound)) bool {
	old, had := was[id]
	if had && l.same(old, x) {
		return false
	}
	forget(l.bound(x))
	if had && l.bound(old) != l.bound(x) {
		forget(l.bound(old))
	}
	return true
}

func (e *Engine) initLayers() {
	e.overlapAreas.init(func(a sql.OverlapArea) int64 { return a.FindingID },
		func(a sql.OverlapArea) orb.Bound { return a.Bound }, sameArea)
	e.findingMarks.init(func(m sql.FindingMark) int64 { return m.ID },
		func(m sql.FindingMark) orb.Bound { return m.Point.Bound() },
		func(a, b sql.FindingMark) bool { return a == b })
}

func sameArea(a, b sql.OverlapArea) bool {
	return a.Bound == b.Bound && a.AreaM2 == b.AreaM2 && a.SupplyA == b.SupplyA && a.SupplyB == b.SupplyB &&
		a.NumberA == b.NumberA && a.NumberB == b.NumberB && a.RegionA == b.RegionA && a.RegionB == b.RegionB &&
		orb.Equal(a.Geom, b.Geom)
}
