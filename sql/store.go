package sql

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"landwatch/land"
)

// Store is the system of record. It is safe for concurrent use.
type Store struct {
	pool    *pgxpool.Pool
	rules   Rules
	regions *land.Regions

	verifyDistance, verifyAccuracy float64
	auditKey                       AuditKey
}

// Open connects to the PostGIS at url and checks that it answers.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, land.Wrap(land.CodeInvalid, err, "DATABASE_URL")
	}
	// No statement runs for ever and no transaction sits open holding
	// locks; a URL may say otherwise (options or the parameters themselves).
	for k, v := range map[string]string{"statement_timeout": "600000", "idle_in_transaction_session_timeout": "600000"} {
		if _, set := cfg.ConnConfig.RuntimeParams[k]; !set {
			cfg.ConnConfig.RuntimeParams[k] = v
		}
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to PostGIS: %w", err)
	}
	return &Store{pool: pool, rules: unconfigured{}}, nil
}

// Close closes every connection.
func (s *Store) Close() { s.pool.Close() }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }

// Pool exposes the connection pool to packages that stream from the database
// (the spatial index loader) and to tests.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// inTx runs fn in a transaction whose changes are attributed to sc in the
// history. When a user acts (and not for the consequences of an act
// already recorded, land.Scope.Following), the transaction also appends the user's act
// to the audit log (actEntry) before it commits, so that no change of a
// user's commits without its audit entry: an audit log that cannot be
// written fails the change. fn's error rolls everything back.
func (s *Store) inTx(ctx context.Context, sc land.Scope, fn func(tx pgx.Tx) error) error {
	tx, err := s.beginWrite(ctx, sc)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if err := fn(tx); err != nil {
		return translate(err)
	}
	return s.commitWrite(ctx, sc, tx)
}

// beginWrite begins a transaction of changes made in sc; commitWrite ends
// it. inTx is the two around a function.
func (s *Store) beginWrite(ctx context.Context, sc land.Scope) (pgx.Tx, error) {
	return s.beginAs(ctx, sc.Actor())
}

// commitWrite appends the acting user's audit entry, when a user acts, and
// commits tx.
func (s *Store) commitWrite(ctx context.Context, sc land.Scope, tx pgx.Tx) error {
	if sc.User() != nil && !sc.Follows() {
		if err := s.auditIn(ctx, tx, actEntry(sc)); err != nil {
			return translate(err)
		}
	}
	return translate(tx.Commit(ctx))
}

// inTxAs runs fn in a transaction attributed to actor, with no audit entry
// of its own: for the store's upkeep (pruning, fabric) and for the writes
// that record their own entry without a scope (signing in).
func (s *Store) inTxAs(ctx context.Context, actor string, fn func(tx pgx.Tx) error) error {
	tx, err := s.beginAs(ctx, actor)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if err := fn(tx); err != nil {
		return translate(err)
	}
	return translate(tx.Commit(ctx))
}

func (s *Store) beginAs(ctx context.Context, actor string) (pgx.Tx, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, translate(err)
	}
	if err := setActor(ctx, tx, actor); err != nil {
		tx.Rollback(ctx)
		return nil, err
	}
	return tx, nil
}

func setActor(ctx context.Context, tx pgx.Tx, actor string) error {
	if actor == "" {
		return land.Invalid("actor", "every change needs the name of who makes it")
	}
	_, err := tx.Exec(ctx, qSetActor, actor)
	return translate(err)
}

const qSetActor = `SELECT set_config('landwatch.actor', $1, true)`

// translate turns driver errors into land errors: no rows → not found,
// unique violation → conflict, check and foreign-key violations → invalid.
// Errors that already are land errors pass through.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var le *land.Error
	if errors.As(err, &le) {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return land.Wrap(land.CodeNotFound, err, "not found")
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return &land.Error{Code: land.CodeConflict, Field: columnOf(pe), Message: "already exists", Err: err}
		case "23514", "23502", "22P02", "22007", "22008":
			return &land.Error{Code: land.CodeInvalid, Field: columnOf(pe), Message: "rejected by the database", Err: err}
		case "23503":
			return &land.Error{Code: land.CodeInvalid, Field: columnOf(pe), Message: "refers to a record that does not exist", Err: err}
		}
	}
	return err
}

// columnOf names the column a constraint violation is about: the error's
// column, else the key in its detail ("Key (e_number)=(…) already exists.").
func columnOf(pe *pgconn.PgError) string {
	if pe.ColumnName != "" {
		return pe.ColumnName
	}
	if rest, ok := strings.CutPrefix(pe.Detail, "Key ("); ok {
		if col, _, ok := strings.Cut(rest, ")="); ok {
			return col
		}
	}
	return pe.ConstraintName
}
