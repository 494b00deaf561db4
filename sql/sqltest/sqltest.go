// Package sqltest gives each test a fresh, migrated landwatch schema in the
// real PostGIS named by DATABASE_URL, dropped when the test ends.
package sqltest

import (
	"context"
	"log/slog"
	"os"
	"testing"
	"time"

	"landwatch/sql"
	"landwatch/supervision"
)

// URL creates an empty schema for t and returns a DATABASE_URL whose
// connections use it. The schema is dropped when t ends. Without
// DATABASE_URL the test fails: landwatch tests always run against a real
// PostGIS (scripts/test sets one up).
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("DATABASE_URL")
	if base == "" {
		t.Fatal("DATABASE_URL is not set: run the tests with scripts/test, which starts a local PostGIS")
	}
	u, drop, err := sql.Scratch(context.Background(), base, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := drop(context.Background()); err != nil {
			t.Errorf("drop test schema: %v", err)
		}
	})
	return u
}

// Service returns a service built by the one assembly (supervision.Open)
// on a fresh schema: migrated, with the administrative divisions and the
// embedded calendar loaded, and a tile cache, as `landwatch serve` has
// one: without it every tile is drawn afresh and what the cache does
// (hits, not-modified answers, edits dropping the tiles they touch) goes
// untested. Its engine is not running; Run starts it.
func Service(t testing.TB) *supervision.Service {
	t.Helper()
	return ServiceWith(t, nil)
}

// ServiceWith is Service with a configuration that configure changed (a
// clock of the test's, other thresholds …).
func ServiceWith(t testing.TB, configure func(*supervision.Config)) *supervision.Service {
	t.Helper()
	// The engine's notices would only clutter the test output.
	c := supervision.Config{DatabaseURL: URL(t), TileCacheMB: tileCacheMB, Log: slog.New(slog.DiscardHandler)}
	if configure != nil {
		configure(&c)
	}
	svc, err := supervision.Open(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(svc.Close)
	return svc
}

// tileCacheMB is ample for the few tiles a test draws.
const tileCacheMB = 16

// Running returns a service on a fresh schema whose engine runs until the
// test ends and has loaded the index.
func Running(t testing.TB) *supervision.Service {
	t.Helper()
	return RunningWith(t, nil)
}

// RunningWith is Running with a configuration that configure changed.
func RunningWith(t testing.TB, configure func(*supervision.Config)) *supervision.Service {
	t.Helper()
	svc := ServiceWith(t, configure)
	// The engine lives as long as the test; it must be ready within 30 s.
	ctx, cancel := context.WithCancel(context.Background())
	late := time.AfterFunc(30*time.Second, cancel)
	stop, err := svc.Start(ctx)
	if err != nil || !late.Stop() {
		cancel()
		t.Fatalf("the index did not load within 30 s: %v", svc.Engine().Ready())
	}
	t.Cleanup(func() {
		defer cancel()
		if err := stop(); err != nil {
			t.Errorf("engine: %v", err)
		}
	})
	return svc
}

// Store returns the store of a fresh service (see Service).
func Store(t testing.TB) *sql.Store {
	t.Helper()
	return Service(t).Store()
}
