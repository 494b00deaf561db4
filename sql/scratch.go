package sql

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5"
)

// Scratch creates an empty schema named prefix_<random> in the database at
// dbURL and returns a URL whose connections work in it (search_path =
// schema, public, where PostGIS lives) and a function that drops it.
// Tests and benchmarks use it to work on a clean register without touching
// the real one.
func Scratch(ctx context.Context, dbURL, prefix string) (string, func(context.Context) error, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", nil, err
	}
	schema := prefix + "_" + hex.EncodeToString(b[:])
	u, err := SchemaURL(dbURL, schema)
	if err != nil {
		return "", nil, err
	}
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return "", nil, fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(ctx)
	ident := pgx.Identifier{schema}.Sanitize()
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+ident); err != nil {
		return "", nil, fmt.Errorf("create schema %s: %w", schema, err)
	}
	drop := func(ctx context.Context) error {
		c, err := pgx.Connect(ctx, dbURL)
		if err != nil {
			return err
		}
		defer c.Close(ctx)
		_, err = c.Exec(ctx, "DROP SCHEMA "+ident+" CASCADE")
		return err
	}
	return u, drop, nil
}

// SchemaURL is dbURL with its connections working in schema (search_path =
// schema, public, where PostGIS lives): how a benchmark comes back to a
// scratch schema it kept.
func SchemaURL(dbURL, schema string) (string, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return "", fmt.Errorf("DATABASE_URL: %w", err)
	}
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String(), nil
}
