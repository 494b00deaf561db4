// Package sql is landwatch's PostgreSQL/PostGIS store: the schema as numbered
// migrations embedded in the binary, the queries, and the translation of
// driver errors into land errors. It is the only package that speaks SQL.
package sql

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations in order.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and '_'", name)
		}
		b, err := migrationFiles.ReadFile("migrations/" + name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i := 1; i < len(ms); i++ {
		if ms[i].Version == ms[i-1].Version {
			return nil, fmt.Errorf("migrations %s and %s share a number", ms[i-1].Name, ms[i].Name)
		}
	}
	return ms, nil
}

// Migrate applies the migrations not yet recorded in schema_migration, each
// in its own transaction, under an advisory lock so that several instances
// starting together apply each migration once. It returns the names applied.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	ms, err := Migrations()
	if err != nil {
		return nil, err
	}
	if _, err := s.pool.Exec(ctx, qCreateMigrationTable); err != nil {
		return nil, fmt.Errorf("create schema_migration: %w", err)
	}
	var applied []string
	for _, m := range ms {
		done, err := s.applyMigration(ctx, m)
		if err != nil {
			return applied, fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if done {
			applied = append(applied, m.Name)
		}
	}
	return applied, nil
}

func (s *Store) applyMigration(ctx context.Context, m Migration) (bool, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, qMigrationLock); err != nil {
		return false, err
	}
	var exists bool
	if err := tx.QueryRow(ctx, qMigrationApplied, m.Version).Scan(&exists); err != nil {
		return false, err
	}
	if exists {
		return false, nil
	}
	if _, err := tx.Exec(ctx, m.SQL, pgx.QueryExecModeSimpleProtocol); err != nil {
		return false, err
	}
	if _, err := tx.Exec(ctx, qRecordMigration, m.Version, m.Name); err != nil {
		return false, err
	}
	return true, tx.Commit(ctx)
}

const (
	qCreateMigrationTable = `CREATE TABLE IF NOT EXISTS schema_migration (
	version    integer PRIMARY KEY,
	name       text NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now()
)`
	qMigrationLock    = `SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.landwatch_migrate'))`
	qMigrationApplied = `SELECT EXISTS (SELECT FROM schema_migration WHERE version = $1)`
	qRecordMigration  = `INSERT INTO schema_migration (version, name) VALUES ($1, $2)`
)
