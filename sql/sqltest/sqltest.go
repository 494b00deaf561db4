// Package sqltest gives each test a fresh, migrated landwatch schema in the
// real PostGIS named by DATABASE_URL, dropped when the test ends.
package sqltest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"landwatch/reference"
	"landwatch/sql"
)

// URL creates an empty schema for t and returns a DATABASE_URL whose
// connections use it (search_path = schema, public). The schema is dropped
// when t ends. Without DATABASE_URL the test fails: landwatch tests always
// run against a real PostGIS (scripts/test sets one up).
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("DATABASE_URL")
	if base == "" {
		t.Fatal("DATABASE_URL is not set: run the tests with scripts/test, which starts a local PostGIS")
	}
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	schema := "test_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to DATABASE_URL: %v", err)
	}
	defer conn.Close(ctx)
	ident := pgx.Identifier{schema}.Sanitize()
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+ident); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "DROP SCHEMA "+ident+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String()
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
	s.Configure(sql.Options{Regions: regions})
	return s
}

// Schema returns the schema name in a URL made by URL.
func Schema(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		return ""
	}
	sp, _, _ := strings.Cut(u.Query().Get("search_path"), ",")
	return sp
}
