package supervision

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

const (
	// statusEvery is how often the follower measures how far behind it is.
	statusEvery = 5 * time.Second
	// positionEvery is how often an engine with nothing to read tells the
	// other readers it is still there.
	positionEvery = time.Minute
	// behindAfter is how long a notice may wait for its round before the
	// engine says it is behind.
	behindAfter = 2 * time.Second
	// owedAfter is how long an overlap check may stay owed before the
	// engine says so: a big import's checks take a while, a failing check
	// stays.
	owedAfter = 30 * time.Second
)

// Status says how the engine stands.
type Status struct {
	Loaded    bool
	Listening bool
	// Behind is how many committed transactions the index has not applied
	// yet, and BehindSince when the oldest of them wrote (zero when none).
	Behind      int
	BehindSince time.Time
	// PendingChecks is how many overlap checks writes left owed, and
	// PendingSince when the oldest was left (zero when none).
	PendingChecks int
	PendingSince  time.Time
	// Err is the last failure to load, follow or check, if it persists.
	Err error
}

// Status measures how the engine stands, asking the database how far
// behind the index is and how many checks are owed.
func (e *Engine) Status(ctx context.Context) (Status, error) {
	e.mu.Lock()
	st := Status{Loaded: e.loaded, Listening: e.listening, Err: e.lastErr}
	e.mu.Unlock()
	var err error
	if snapshot := e.feedSnapshot(); snapshot != "" {
		if st.Behind, st.BehindSince, err = e.store.FeedLag(ctx, snapshot); err != nil {
			return st, err
		}
	}
	if st.PendingChecks, st.PendingSince, err = e.store.PendingChecks(ctx); err != nil {
		return st, err
	}
	return st, nil
}

// measure refreshes the status Ready reports, and tells the other readers
// where this engine is when it has not for a while.
func (e *Engine) measure(ctx context.Context) {
	st, err := e.Status(ctx)
	if err != nil {
		return // the next tick measures again; Ready keeps the last figures
	}
	e.setState(func() { e.status = st })
	e.recordPosition(ctx, false)
}

// Ready returns nil when the index is loaded, following the feed and up to
// date, and no overlap check has stayed owed; else the reason, with how
// far behind it is.
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
	case e.checkErr != nil:
		return fmt.Errorf("overlap checks: owed by writes and failing, retried every second: %v", e.checkErr)
	}
	var why []string
	if !e.wokenAt.IsZero() && time.Since(e.wokenAt) > behindAfter {
		w := fmt.Sprintf("spatial index: behind, changes committed %s ago not applied yet", time.Since(e.wokenAt).Round(time.Second))
		if e.status.Behind > 0 {
			w += fmt.Sprintf(" (%d transactions)", e.status.Behind)
		}
		why = append(why, w)
	}
	if n := e.status.PendingChecks; n > 0 && time.Since(e.status.PendingSince) > owedAfter {
		why = append(why, fmt.Sprintf("overlap checks: %d owed, the oldest since %s", n, e.status.PendingSince.Format(time.RFC3339)))
	}
	if len(why) > 0 {
		return errors.New(strings.Join(why, "; "))
	}
	return nil
}

// recordedPosition is where this engine last told the other readers it is.
type recordedPosition struct {
	xmin string
	at   time.Time
}

// recordPosition tells the other readers of the feed where this engine
// is, when that moved or a while has passed (or always when forced). A
// failure is only logged: the pruner then ignores this engine after the
// retention, and the engine loads anew if it fell behind what was pruned.
func (e *Engine) recordPosition(ctx context.Context, force bool) {
	e.positionMu.Lock()
	defer e.positionMu.Unlock()
	snapshot := e.feedSnapshot()
	xmin, _, _ := strings.Cut(string(snapshot), ":")
	if snapshot == "" || (!force && xmin == e.recorded.xmin && time.Since(e.recorded.at) < positionEvery) {
		return
	}
	if err := e.store.RecordFeedReader(ctx, e.instance, snapshot); err != nil {
		e.log.Warn("change feed: recording the reader's position failed", "err", err)
		return
	}
	e.recorded = recordedPosition{xmin: xmin, at: time.Now()}
}

// PruneFeed deletes the changes that every engine seen within the
// retention has read, and those older than the retention. It returns how
// many went.
func (e *Engine) PruneFeed(ctx context.Context) (int, error) {
	return e.store.PruneFeed(ctx, e.retention)
}

// prune runs PruneFeed every so often until ctx ends.
func (e *Engine) prune(ctx context.Context) {
	t := time.NewTicker(e.pruneOf)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n, err := e.PruneFeed(ctx); err != nil && ctx.Err() == nil {
				e.log.Warn("change feed: pruning failed", "err", err)
			} else if n > 0 {
				e.log.Info("change feed pruned", "changes", n)
			}
		}
	}
}
