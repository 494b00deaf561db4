// Package sqltest gives each test a fresh, migrated landwatch schema in the
// real PostGIS named by DATABASE_URL, dropped when the test ends.
package sqltest

import (
	"context"
	"io/fs"
	"os"
	"testing"

	"landwatch/land"
	"landwatch/reference"
	"landwatch/sql"
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

// Store returns a store on a fresh schema with the migrations applied and the
// administrative divisions loaded.
func Store(t testing.TB) *sql.Store {
	t.Helper()
	ctx := context.Background()
	s, err := sql.Open(ctx, URL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	regions, err := sql.LoadRegions(reference.FS)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SeedRegions(ctx, regions); err != nil {
		t.Fatal(err)
	}
	sub, err := fs.Sub(reference.FS, "holiday-cn")
	if err != nil {
		t.Fatal(err)
	}
	cal, err := land.LoadCalendar(sub)
	if err != nil {
		t.Fatal(err)
	}
	s.Configure(sql.Options{Regions: regions, Calendar: cal})
	return s
}
