// Package sqltest gives each test a fresh, migrated landwatch schema in the
// real PostGIS named by DATABASE_URL, dropped when the test ends.
package sqltest

import (
	"context"
	"log/slog"
	"net/url"
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

// AppURL returns a URL of the service's own login role, the one that may
// only add to the audit log (LANDWATCH_TEST_APP_URL, which scripts/test
// sets), working in the schema of ownerURL, a URL from URL. Without it the
// test fails rather than skips: the restricted role is part of what the
// tests prove.
func AppURL(t testing.TB, ownerURL string) string {
	t.Helper()
	app := os.Getenv("LANDWATCH_TEST_APP_URL")
	if app == "" {
		t.Fatal("LANDWATCH_TEST_APP_URL is not set: run the tests with scripts/test, which creates the service's login role")
	}
	owner, err := url.Parse(ownerURL)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(app)
	if err != nil {
		t.Fatalf("LANDWATCH_TEST_APP_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", owner.Query().Get("search_path"))
	u.RawQuery = q.Encode()
	return u.String()
}

// AsApp configures a service as `landwatch serve` runs with both URLs set:
// migrated by the owner on a fresh schema (its URL is the MigrateURL) and
// working as the service's own role (see AppURL). Give it to ServiceWith
// or RunningWith.
func AsApp(t testing.TB) func(*supervision.Config) {
	return func(c *supervision.Config) {
		t.Helper()
		c.MigrateURL = URL(t)
		c.DatabaseURL = AppURL(t, c.MigrateURL)
	}
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
// clock of the test's, other thresholds …). A DatabaseURL that configure
// sets (another service's URL: two instances on one register) is used
// instead of a fresh schema.
func ServiceWith(t testing.TB, configure func(*supervision.Config)) *supervision.Service {
	t.Helper()
	// The engine's notices would only clutter the test output.
	c := supervision.Config{TileCacheMB: tileCacheMB, Log: slog.New(slog.DiscardHandler)}
	if configure != nil {
		configure(&c)
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = URL(t)
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

// RunningWith is Running with a configuration that configure changed (see
// ServiceWith).
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
