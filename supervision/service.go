// Package supervision is landwatch's one way in: every use case of the
// land market's monitoring and supervision (监测与监管) — entering and
// changing supplies, their boundaries and events, imports, review, the
// findings' workflow, field verification, the overlap and idle-land scans —
// and the engine that keeps the in-memory index in step with PostGIS. The
// HTTP API and the command line are doors onto it; neither writes to the
// store itself.
//
// Every use case takes who acts as a land.Scope: the region a user may
// see and change follows from it, and the only unrestricted scope is a
// named system actor (land.SystemScope).
package supervision

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/tiles"
)

// Service runs landwatch's use cases over a store and its engine. Build it
// with Open; it is safe for concurrent use.
type Service struct {
	store       *sql.Store
	engine      *Engine
	rules       *Rules
	tiles       *tiles.Cache
	log         *slog.Logger
	holidaysDir string
	ids         identityWatch // what the doors may still believe of sessions and tokens
}

// Close closes the store's connections once no catch-up round runs. Stop
// Run first.
func (s *Service) Close() {
	s.engine.Wait()
	s.store.Close()
}

// Run loads the index and follows the change feed, and listens for
// sessions ended, tokens revoked and accounts changed on any instance,
// until ctx ends.
func (s *Service) Run(ctx context.Context) error {
	listenCtx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); s.followIdentities(listenCtx) }()
	defer wg.Wait()
	defer cancel() // should the engine stop on its own, the listener stops too
	return s.engine.Run(ctx)
}

// Start runs the engine in the background and returns once its index is
// loaded and following the change feed (or ctx ends: its error). stop ends
// the engine and returns what Run returned (each call the same); it does
// not close the service.
func (s *Service) Start(ctx context.Context) (stop func() error, err error) {
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- s.Run(runCtx) }()
	// Stopping twice (an explicit stop, then a deferred one) is harmless.
	stop = sync.OnceValue(func() error { cancel(); return <-done })
	if err := s.WaitReady(ctx); err != nil {
		_ = stop()
		return nil, err
	}
	return stop, nil
}

// WaitReady waits until the index is loaded and following the feed, or ctx
// ends (its error).
func (s *Service) WaitReady(ctx context.Context) error {
	for s.engine.Ready() != nil {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
	return nil
}

// Ready returns nil when the service can answer, or why not: the database
// unreachable (said without its address), the index loading or behind.
func (s *Service) Ready(ctx context.Context) error {
	if err := s.store.Ping(ctx); err != nil {
		s.log.Warn("health: database unreachable", "err", err) // the detail names hosts: logged, not shown
		return errors.New("database unreachable")
	}
	return s.engine.Ready()
}

// Engine is the spatial engine: the index and the layers kept beside it.
func (s *Service) Engine() *Engine { return s.engine }

// Tiles is the tile cache the engine invalidates as parcels change.
func (s *Service) Tiles() *tiles.Cache { return s.tiles }

// Rules are the rule values in force.
func (s *Service) Rules() *Rules { return s.rules }

// Store is the register, for the benchmarks' PostGIS anchors and the
// tests' checks against the database. Doors must not write through it.
func (s *Service) Store() *sql.Store { return s.store }

// ReloadHolidays reads the holidays folder again (an operator dropped next
// year's arrangement there and signalled) into the shared calendar, so
// that every computation counts with it at once. It returns the files read.
func (s *Service) ReloadHolidays() ([]string, error) {
	return loadHolidays(s.rules.Calendar, s.holidaysDir)
}

// checkAfterWrite checks the boundaries of the supplies a committed write
// changed and returns the overlaps found (DESIGN §4.3: a warning and a
// finding, never a refusal). A check that fails now must not turn the
// successful write into an error: it is logged, stays pending for the
// engine to run again, and the answer says so in a warning.
func (s *Service) checkAfterWrite(ctx context.Context, sc land.Scope, supplyIDs ...int64) ([]sql.SupplyOverlap, []string) {
	overlaps, err := s.engine.CheckSupplies(ctx, sc, supplyIDs...)
	if err == nil {
		return overlaps, nil
	}
	if ctx.Err() == nil {
		s.log.Warn("overlap check after a write failed; it stays pending", "supplies", supplyIDs, "err", err)
	}
	return []sql.SupplyOverlap{}, []string{"the overlap check could not run now; it will be run again and any overlap recorded as a finding"}
}
