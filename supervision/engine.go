package supervision

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"

	"landwatch/spatial"
	"landwatch/sql"
)

// Engine keeps an in-memory spatial index exactly in step with PostGIS: it
// loads every parcel at start, then follows the change feed (LISTEN/NOTIFY
// plus the change log), so that writes of this instance, of other instances
// and of plain SQL all reach the index. When the feed's connection drops it
// says so (Ready) until it has reconnected and caught up.
type Engine struct {
	store    *sql.Store
	log      *slog.Logger
	onChange func(old, new orb.Bound)
	onReload func()
	rule     spatial.OverlapRule

	index        *spatial.Index
	overlapAreas atomic.Pointer[[]sql.OverlapArea]
	findingMarks atomic.Pointer[[]sql.FindingMark]
	poke         chan struct{}

	catchMu sync.Mutex // one catch-up at a time; guards seq and gaps
	seq     int64
	gaps    map[int64]time.Time

	mu        sync.Mutex // guards the state below
	loaded    bool
	listening bool
	lastErr   error
}

// EngineOptions configure an Engine.
type EngineOptions struct {
	Log *slog.Logger
	// OnChange is told the old and new extent of every subject that
	// changed (an empty bound for none), after the index has it.
	OnChange func(old, new orb.Bound)
	// OnReload is told when the whole index was loaded anew.
	OnReload func()
	// Rule sets the overlap thresholds; the zero value means
	// spatial.DefaultOverlapRule.
	Rule spatial.OverlapRule
}

// NewEngine returns an engine over st; Run loads and follows.
func NewEngine(st *sql.Store, o EngineOptions) *Engine {
	e := &Engine{store: st, log: o.Log, onChange: o.OnChange, index: spatial.NewIndex(),
		poke: make(chan struct{}, 1), gaps: map[int64]time.Time{}, rule: o.Rule, onReload: o.OnReload}
	if e.rule == (spatial.OverlapRule{}) {
		e.rule = spatial.DefaultOverlapRule()
	}
	if e.log == nil {
		e.log = slog.Default()
	}
	return e
}

// Index returns the index. Before Run has loaded it, it is empty.
func (e *Engine) Index() *spatial.Index { return e.index }

// Ready returns nil when the index is loaded and following the feed, or the
// reason it may be behind.
func (e *Engine) Ready() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	switch {
	case !e.loaded && e.lastErr != nil:
		return fmt.Errorf("spatial index: loading failed, retrying: %v", e.lastErr)
	case !e.loaded:
		return errors.New("spatial index: loading")
	case !e.listening && e.lastErr != nil:
		return fmt.Errorf("spatial index: stale, the change feed is not connected (%v)", e.lastErr)
	case !e.listening:
		return errors.New("spatial index: connecting to the change feed")
	case e.lastErr != nil:
		return fmt.Errorf("spatial index: stale, catching up failed: %v", e.lastErr)
	}
	return nil
}

func (e *Engine) setState(f func()) {
	e.mu.Lock()
	f()
	e.mu.Unlock()
}

// Run loads the index and follows the change feed until ctx ends,
// reconnecting after failures. It returns nil when ctx ends.
func (e *Engine) Run(ctx context.Context) error {
	backoff := newBackoff()
	for {
		err := e.load(ctx)
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			return nil
		}
		e.log.Warn("spatial index: load failed; retrying", "err", err)
		e.setState(func() { e.lastErr = err })
		if !backoff.wait(ctx) {
			return nil
		}
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); e.follow(ctx) }()
	defer wg.Wait()
	backoff = newBackoff()
	for {
		first := true
		err := e.store.Listen(ctx, func() {
			if first {
				first = false
				backoff.reset()
				e.setState(func() { e.listening = true })
			}
			e.wake()
		})
		e.setState(func() {
			e.listening = false
			if err != nil {
				e.lastErr = err
			}
		})
		if ctx.Err() != nil {
			return nil
		}
		e.log.Warn("change feed: connection lost; reconnecting", "err", err)
		if !backoff.wait(ctx) {
			return nil
		}
	}
}

func (e *Engine) wake() {
	select {
	case e.poke <- struct{}{}:
	default:
	}
}

// follow catches up after every notice, retrying failures.
func (e *Engine) follow(ctx context.Context) {
	retry := time.NewTimer(time.Hour)
	retry.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-e.poke:
		case <-retry.C:
		}
		err := e.CatchUp(ctx)
		e.setState(func() { e.lastErr = err })
		if err != nil && ctx.Err() == nil {
			e.log.Warn("spatial index: catching up failed; retrying", "err", err)
			retry.Reset(time.Second)
		}
	}
}

func (e *Engine) load(ctx context.Context) error {
	start := time.Now()
	b, snap, err := e.store.LoadIndex(ctx)
	if err != nil {
		return err
	}
	if err := e.reloadOverlapAreas(ctx); err != nil {
		return err
	}
	if err := e.reloadFindingMarks(ctx); err != nil {
		return err
	}
	e.catchMu.Lock()
	e.index.Replace(b)
	e.seq = snap.Seq
	now := time.Now()
	for _, g := range snap.Gaps {
		e.gaps[g] = now
	}
	e.catchMu.Unlock()
	if e.onReload != nil {
		e.onReload()
	}
	e.setState(func() { e.loaded, e.lastErr = true, nil })
	e.log.Info("spatial index loaded", "subjects", e.index.Len(), "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// gapLifetime is how long a missing feed number is looked for again: a
// transaction running longer than this is taken for rolled back.
const gapLifetime = time.Hour

// CatchUp applies every change logged since the last one seen. landwatch's
// own writes call it after they commit, so a response never shows an index
// older than the write it answers.
func (e *Engine) CatchUp(ctx context.Context) error {
	e.catchMu.Lock()
	defer e.catchMu.Unlock()
	for {
		gaps := make([]int64, 0, len(e.gaps))
		now := time.Now()
		for g, since := range e.gaps {
			if now.Sub(since) > gapLifetime {
				delete(e.gaps, g)
				continue
			}
			gaps = append(gaps, g)
		}
		changes, err := e.store.ChangesSince(ctx, e.seq, gaps, 5000)
		if err != nil {
			return err
		}
		if len(changes) == 0 {
			return nil
		}
		if err := e.apply(ctx, changes); err != nil {
			return err
		}
		for _, c := range changes {
			if c.Op == "finding" {
				if err := e.reloadOverlapAreas(ctx); err != nil {
					return err
				}
				if err := e.reloadFindingMarks(ctx); err != nil {
					return err
				}
				break
			}
		}
		for _, c := range changes {
			delete(e.gaps, c.Seq)
			if c.Seq > e.seq {
				for g := max(e.seq+1, c.Seq-sql.GapWindow); g < c.Seq; g++ {
					e.gaps[g] = now
				}
				e.seq = c.Seq
			}
		}
	}
}

// apply reads the current state of what changes name and puts it in the
// index, deleting parcels that are gone.
func (e *Engine) apply(ctx context.Context, changes []sql.Change) error {
	var parcelIDs, supplyIDs, footprintIDs []int64
	for _, c := range changes {
		if c.Op == "footprint" {
			footprintIDs = append(footprintIDs, *c.ParcelID)
		} else if c.ParcelID != nil {
			parcelIDs = append(parcelIDs, *c.ParcelID)
		} else {
			supplyIDs = append(supplyIDs, c.SupplyID)
		}
	}
	subjects, err := e.store.SubjectsOfChanges(ctx, parcelIDs, supplyIDs)
	if err != nil {
		return err
	}
	found := make(map[int64]bool, len(subjects))
	for _, s := range subjects {
		found[s.ID] = true
	}
	var gone []int64
	for _, id := range parcelIDs {
		if !found[id] {
			gone = append(gone, id)
		}
	}
	ix := e.index
	var bounds [][2]orb.Bound
	if e.onChange != nil {
		for _, s := range subjects {
			var old orb.Bound
			if prev, ok := ix.Get(spatial.KindSupplyParcel, s.ID); ok {
				old = prev.Shape.Bound
			}
			bounds = append(bounds, [2]orb.Bound{old, s.Shape.Bound})
		}
		for _, id := range gone {
			if prev, ok := ix.Get(spatial.KindSupplyParcel, id); ok {
				bounds = append(bounds, [2]orb.Bound{prev.Shape.Bound, {}})
			}
		}
	}
	ix.Put(subjects...)
	ix.Delete(spatial.KindSupplyParcel, gone...)
	for _, b := range bounds {
		e.onChange(b[0], b[1])
	}
	return e.applyFootprints(ctx, footprintIDs)
}

// applyFootprints puts the named footprints in the index as they are now,
// deleting those that are gone.
func (e *Engine) applyFootprints(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	fps, err := e.store.FootprintSubjects(ctx, ids)
	if err != nil {
		return err
	}
	found := map[int64]bool{}
	for _, f := range fps {
		found[f.ID] = true
	}
	var gone []int64
	for _, id := range ids {
		if !found[id] {
			gone = append(gone, id)
		}
	}
	e.index.Put(fps...)
	e.index.Delete(spatial.KindFootprint, gone...)
	return nil
}

// backoff waits longer after each failure, up to five seconds.
type backoff struct{ d time.Duration }

func newBackoff() *backoff { return &backoff{d: 100 * time.Millisecond} }

func (b *backoff) reset() { b.d = 100 * time.Millisecond }

func (b *backoff) wait(ctx context.Context) bool {
	t := time.NewTimer(b.d)
	defer t.Stop()
	b.d = min(b.d*2, 5*time.Second)
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
