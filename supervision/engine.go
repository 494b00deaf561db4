package supervision

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"

	"landwatch/spatial"
	"landwatch/sql"
)

// Engine keeps an in-memory spatial index exactly in step with PostGIS: it
// loads every parcel at start, then follows the change feed (LISTEN/NOTIFY
// plus the change log, read by transaction visibility), so that writes of
// this instance, of other instances and of plain SQL all reach the index.
// Beside the index it keeps the open overlaps' shared areas, the open
// findings' marks and the overlapping pairs of live parcels, and it settles
// the overlap checks that boundary writes leave owed. Readers never wait:
// each read takes the state published last, while catching up builds the
// next. When the feed's connection drops it says so (Ready) until it has
// reconnected and caught up.
type Engine struct {
	store     *sql.Store
	log       *slog.Logger
	onChange  func(old, new orb.Bound)
	onReload  func()
	rule      spatial.OverlapRule
	instance  string
	retention time.Duration
	pruneOf   time.Duration

	// Published for readers, each swapped whole.
	index        *spatial.Index
	overlapAreas layer[sql.OverlapArea]
	findingMarks layer[sql.FindingMark]
	pairs        atomic.Pointer[pairSet]
	snapshot     atomic.Pointer[sql.FeedSnapshot] // what the published state reflects; nil before loading

	poke chan struct{}
	// Catching up runs one round at a time; callers that come during a
	// round share the next one (flight).
	flightMu     sync.Mutex
	running      bool
	queued       *flight
	leaders      sync.WaitGroup // the goroutines running rounds
	reloadNeeded bool           // owned by the round that runs

	positionMu sync.Mutex // guards recorded
	recorded   recordedPosition

	mu        sync.Mutex // guards the state below
	loaded    bool
	listening bool
	lastErr   error
	checkErr  error           // the last failure to settle owed overlap checks, if it persists
	life      context.Context // Run's, while it runs
	wokenAt   time.Time       // the oldest notice no round has answered yet
	status    Status          // last measured
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
	// Instance names this engine among the readers of the change feed;
	// empty means the host name and a random suffix.
	Instance string
	// Retention is how long a change is kept for a reader that has not
	// read it, and how long a silent reader holds changes back; zero means
	// an hour.
	Retention time.Duration
	// PruneEvery is how often Run prunes the change log; zero means five
	// minutes.
	PruneEvery time.Duration
}

// NewEngine returns an engine over st; Run loads and follows.
func NewEngine(st *sql.Store, o EngineOptions) *Engine {
	e := &Engine{store: st, log: o.Log, onChange: o.OnChange, index: spatial.NewIndex(),
		poke: make(chan struct{}, 1), rule: o.Rule, onReload: o.OnReload, instance: o.Instance,
		retention: o.Retention, pruneOf: o.PruneEvery}
	if e.rule == (spatial.OverlapRule{}) {
		e.rule = spatial.DefaultOverlapRule()
	}
	if e.log == nil {
		e.log = slog.Default()
	}
	if e.instance == "" {
		e.instance = instanceName()
	}
	if e.retention <= 0 {
		e.retention = time.Hour
	}
	if e.pruneOf <= 0 {
		e.pruneOf = 5 * time.Minute
	}
	e.pairs.Store(&pairSet{})
	e.initLayers()
	return e
}

// instanceName is the host name with a random suffix, so that two
// instances on one host (or a restarted one) are told apart.
func instanceName() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return host + "-" + hex.EncodeToString(b[:])
}

// Index returns the index. Before Run has loaded it, it is empty.
func (e *Engine) Index() *spatial.Index { return e.index }

// lifetime is the context catch-up rounds run in: Run's while it runs,
// else the caller's without its cancellation.
func (e *Engine) lifetime(ctx context.Context) context.Context {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.life != nil {
		return e.life
	}
	return context.WithoutCancel(ctx)
}

// Wait returns when no catch-up round runs any more (Run has ended, or no
// round was started outside it): the store may then close.
func (e *Engine) Wait() { e.leaders.Wait() }

func (e *Engine) setState(f func()) {
	e.mu.Lock()
	f()
	e.mu.Unlock()
}

// Run loads the index and follows the change feed until ctx ends,
// reconnecting after failures, settling owed overlap checks and pruning the
// change log. It returns nil when ctx ends.
func (e *Engine) Run(ctx context.Context) error {
	e.setState(func() { e.life = ctx })
	defer e.leaders.Wait() // no round outlives Run: the store may close next
	defer e.setState(func() { e.life = nil })
	backoff := newBackoff()
	for {
		err := e.CatchUp(ctx)
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
	wg.Add(2)
	go func() { defer wg.Done(); e.follow(ctx) }()
	go func() { defer wg.Done(); e.prune(ctx) }()
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
	e.setState(func() {
		if e.wokenAt.IsZero() {
			e.wokenAt = time.Now()
		}
	})
	select {
	case e.poke <- struct{}{}:
	default:
	}
}

// follow catches up after every notice, then settles the overlap checks
// the changes left owed, retrying failures; between notices it measures
// how far behind it is and tells the other readers where it is.
func (e *Engine) follow(ctx context.Context) {
	retry := time.NewTimer(time.Hour)
	retry.Stop()
	tick := time.NewTicker(statusEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-e.poke:
		case <-retry.C:
		case <-tick.C:
			e.measure(ctx)
		}
		err := e.CatchUp(ctx)
		var checkErr error
		if err == nil {
			checkErr = e.settleOwedChecks(ctx)
		}
		e.setState(func() { e.lastErr, e.checkErr = err, checkErr })
		if ctx.Err() != nil {
			continue
		}
		if err != nil {
			e.log.Warn("change feed: catching up failed; retrying", "err", err)
			retry.Reset(time.Second)
		} else if checkErr != nil {
			// The writes stand; their checks stay owed and are tried again.
			e.log.Warn("overlap checks owed by writes failed; retrying", "err", checkErr)
			retry.Reset(time.Second)
		}
	}
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
