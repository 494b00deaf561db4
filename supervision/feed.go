package supervision

import (
	"context"
	"errors"
	"time"

	"github.com/paulmach/orb"

	"landwatch/spatial"
	"landwatch/sql"
)

// flight is one round of catching up, shared by every caller that asked
// for it before it began.
type flight struct {
	done chan struct{}
	err  error
}

// CatchUp applies every change committed before it was called: landwatch's
// own writes call it after they commit, so a response never shows an index
// older than the write it answers. Callers that come while a round runs
// share the next round; readers never wait for it. Before the index is
// loaded, the round loads it. It returns the round's error, or ctx.Err()
// when ctx ends first (the round goes on).
func (e *Engine) CatchUp(ctx context.Context) error {
	e.flightMu.Lock()
	f := e.queued
	if f == nil {
		f = &flight{done: make(chan struct{})}
		e.queued = f
	}
	lead := !e.running
	e.running = true
	e.flightMu.Unlock()
	if lead {
		// A caller that leaves must not cancel a round others wait for:
		// rounds live as long as the engine runs (Run waits for them).
		e.leaders.Add(1)
		go func() {
			defer e.leaders.Done()
			e.lead(e.lifetime(ctx))
		}()
	}
	select {
	case <-f.done:
		return f.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// lead runs queued rounds until none is left.
func (e *Engine) lead(ctx context.Context) {
	for {
		e.flightMu.Lock()
		f := e.queued
		e.queued = nil
		if f == nil {
			e.running = false
			e.flightMu.Unlock()
			return
		}
		e.flightMu.Unlock()
		began := time.Now()
		f.err = e.round(ctx)
		if f.err == nil {
			e.setState(func() {
				if !e.wokenAt.IsZero() && !e.wokenAt.After(began) {
					e.wokenAt = time.Time{}
				}
			})
		}
		close(f.done)
	}
}

// round loads the engine's state, or applies the changes since the
// snapshot it reflects. Where the feed cannot tell what changed (changes
// pruned before they were read), it loads anew rather than guess.
func (e *Engine) round(ctx context.Context) error {
	prev := e.snapshot.Load()
	if prev == nil || e.reloadNeeded {
		return e.load(ctx)
	}
	b, err := e.store.ReadChanges(ctx, *prev)
	if errors.Is(err, sql.ErrFeedPruned) {
		e.log.Warn("change feed: changes not read were pruned; loading anew")
		return e.load(ctx)
	}
	if err != nil {
		return err
	}
	if !b.Empty() {
		if err := e.apply(ctx, b); err != nil {
			// The index may hold part of the batch: only a load is sure.
			e.reloadNeeded = true
			return err
		}
	}
	e.snapshot.Store(&b.Snapshot)
	e.recordPosition(ctx, false)
	return nil
}

// load reads everything anew and publishes it.
func (e *Engine) load(ctx context.Context) error {
	start := time.Now()
	var b *spatial.Builder
	var prep *preparer
	l, err := e.store.LoadIndex(ctx, func(n int) {
		b = spatial.NewBuilder(n)
		prep = newPreparer(ctx, func(ss []*spatial.Subject) { b.Add(ss...) })
	}, func(r sql.ParcelRow) error { return prep.push(r) })
	if prep != nil {
		if werr := prep.wait(); err == nil {
			err = werr
		}
	}
	if err != nil {
		return err
	}
	fps, err := footprintSubjects(l.Footprints)
	if err != nil {
		return err
	}
	b.Add(fps...)
	// Until the pairs of the new index are known, readers keep the old
	// pairs, which name their parties as they were.
	e.index.Replace(b)
	snap := e.index.Snapshot()
	pairs, err := snap.ScanOverlaps(ctx, spatial.Everywhere(), e.rule, 0, nil)
	if err != nil {
		e.reloadNeeded = true
		return err
	}
	e.pairs.Store(newPairSet(snap, pairs))
	e.overlapAreas.replace(l.OverlapAreas, e.forget)
	e.findingMarks.replace(l.FindingMarks, e.forget)
	e.snapshot.Store(&l.Snapshot)
	e.reloadNeeded = false
	e.recordPosition(ctx, true)
	if e.onReload != nil {
		e.onReload()
	}
	e.setState(func() { e.loaded, e.lastErr = true, nil })
	e.log.Info("spatial index loaded", "subjects", e.index.Len(), "pairs", len(pairs), "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// apply puts a batch of changes into the index, the pairs, the areas and
// the marks, and tells OnChange where things changed.
func (e *Engine) apply(ctx context.Context, b *sql.ChangeBatch) error {
	parcels, err := prepareAll(ctx, b.Parcels)
	if err != nil {
		return err
	}
	reserves, err := prepareAll(ctx, b.Reserves)
	if err != nil {
		return err
	}
	lots, err := prepareAll(ctx, b.Lots)
	if err != nil {
		return err
	}
	footprints, err := footprintSubjects(b.Footprints)
	if err != nil {
		return err
	}
	cur := e.index.Snapshot()
	var moved [][2]orb.Bound
	// the parcels and reserve land whose pairs may have changed
	reshaped := map[spatial.Kind][]int64{}
	for _, s := range append(parcels, reserves...) {
		old, _ := cur.Get(s.Kind, s.ID)
		if old == nil || !samePartyOf(old, s) {
			reshaped[s.Kind] = append(reshaped[s.Kind], s.ID)
		}
		moved = append(moved, extents(old, s))
	}
	for _, s := range append(footprints, lots...) {
		old, _ := cur.Get(s.Kind, s.ID)
		moved = append(moved, extents(old, s))
	}
	for kind, gone := range map[spatial.Kind][]int64{spatial.KindSupplyParcel: b.GoneParcels, spatial.KindReserve: b.GoneReserves,
		spatial.KindFootprint: b.GoneFootprints, spatial.KindLot: b.GoneLots} {
		for _, id := range gone {
			if old, ok := cur.Get(kind, id); ok {
				moved = append(moved, extents(old, nil))
			}
		}
	}
	reshaped[spatial.KindSupplyParcel] = append(reshaped[spatial.KindSupplyParcel], b.GoneParcels...)
	reshaped[spatial.KindReserve] = append(reshaped[spatial.KindReserve], b.GoneReserves...)
	e.index.Put(parcels...)
	e.index.Put(reserves...)
	e.index.Put(footprints...)
	e.index.Put(lots...)
	e.index.Delete(spatial.KindSupplyParcel, b.GoneParcels...)
	e.index.Delete(spatial.KindReserve, b.GoneReserves...)
	e.index.Delete(spatial.KindFootprint, b.GoneFootprints...)
	e.index.Delete(spatial.KindLot, b.GoneLots...)
	if err := e.updatePairs(ctx, reshaped); err != nil {
		return err
	}
	e.overlapAreas.update(b.Findings, b.OverlapAreas, e.forget)
	e.findingMarks.update(b.Findings, b.FindingMarks, e.forget)
	if e.onChange != nil {
		for _, m := range moved {
			e.onChange(m[0], m[1])
		}
	}
	return nil
}

// extents returns the old and new extent of a subject (an empty bound for
// none).
func extents(old, cur *spatial.Subject) [2]orb.Bound {
	var b [2]orb.Bound
	if old != nil && old.Shape != nil {
		b[0] = old.Shape.Bound
	}
	if cur != nil && cur.Shape != nil {
		b[1] = cur.Shape.Bound
	}
	return b
}

// forget tells OnChange an extent whose drawing changed beside the index.
func (e *Engine) forget(b orb.Bound) {
	if e.onChange != nil {
		e.onChange(b, b)
	}
}
