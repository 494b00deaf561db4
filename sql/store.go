package sql

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"landwatch/land"
)

// Store is the system of record. It is safe for concurrent use.
type Store struct {
	pool    *pgxpool.Pool
	door    *pgxpool.Pool // sign-in, sessions, tokens and health: never queued behind the work
	rules   Rules
	regions *land.Regions

	verifyDistance, verifyAccuracy float64
	auditKey                       AuditKey
}

// Limits size the connection pools and bound how long a statement may wait
// for a lock, so that one held lock answers its own requests with "busy,
// try again" instead of stalling every other.
type Limits struct {
	// Pool is the size of the main pool; 0 means DefaultPoolSize.
	Pool int
	// DoorPool is the size of the small pool of sign-in, sessions and
	// health; 0 means 3.
	DoorPool int
	// LockTimeout is how long a statement waits for a lock before it is
	// refused (SQLSTATE 55P03); 0 means 5 s.
	LockTimeout time.Duration
}

// DefaultPoolSize is the main pool's size when no setting says: enough for
// the cores' work and for requests waiting on the database, never fewer
// than 8.
func DefaultPoolSize() int { return max(8, 4*runtime.NumCPU()) }

// Open connects to the PostGIS at url with the default limits and checks
// that it answers.
func Open(ctx context.Context, url string) (*Store, error) { return OpenWith(ctx, url, Limits{}) }

// OpenWith connects to the PostGIS at url with the pools and lock timeout
// of l and checks that it answers.
func OpenWith(ctx context.Context, url string, l Limits) (*Store, error) {
	if l.Pool <= 0 {
		l.Pool = DefaultPoolSize()
	}
	if l.DoorPool <= 0 {
		l.DoorPool = 3
	}
	if l.LockTimeout <= 0 {
		l.LockTimeout = 5 * time.Second
	}
	pool, err := openPool(ctx, url, l.Pool, l.LockTimeout)
	if err != nil {
		return nil, err
	}
	door, err := openPool(ctx, url, l.DoorPool, l.LockTimeout)
	if err != nil {
		pool.Close()
		return nil, err
	}
	return &Store{pool: pool, door: door, rules: unconfigured{}}, nil
}

func openPool(ctx context.Context, url string, size int, lockTimeout time.Duration) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, land.Wrap(land.CodeInvalid, err, "DATABASE_URL")
	}
	cfg.MaxConns = int32(size)
	// No statement runs for ever, waits long for a lock, or sits in an
	// open transaction holding locks; a URL may say otherwise (options or
	// the parameters themselves). Requests bound their statements more
	// tightly through their contexts' deadlines. JIT compilation is off:
	// the queries of a request run in milliseconds, and the planner's costs
	// for the index's wide rows made it compile for seconds under load.
	for k, v := range map[string]string{"statement_timeout": "600000", "idle_in_transaction_session_timeout": "600000",
		"lock_timeout": strconv.FormatInt(lockTimeout.Milliseconds(), 10), "jit": "off"} {
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
	return pool, nil
}

// Close closes every connection.
func (s *Store) Close() {
	s.pool.Close()
	s.door.Close()
}

// Ping checks that the database answers, through the small pool, so that
// a main pool busy or stalled behind a lock does not read as an outage.
func (s *Store) Ping(ctx context.Context) error { return s.door.Ping(ctx) }

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
	return commitOutcome(tx.Commit(ctx))
}

// inTxAs runs fn in a transaction attributed to actor, with no audit entry
// of its own: for the store's upkeep (pruning, fabric) and for the writes
// that record their own entry without a scope (signing in).
func (s *Store) inTxAs(ctx context.Context, actor string, fn func(tx pgx.Tx) error) error {
	return inTxOn(ctx, s.pool, actor, fn)
}

// inTxOn is inTxAs on the pool given (the door's, for signing in). A commit
// whose answer was lost with the connection is CodeUnavailable with
// land.ErrOutcomeUnknown: it may have been made.
func inTxOn(ctx context.Context, pool *pgxpool.Pool, actor string, fn func(tx pgx.Tx) error) error {
	tx, err := beginOn(ctx, pool, actor)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if err := fn(tx); err != nil {
		return translate(err)
	}
	return commitOutcome(tx.Commit(ctx))
}

func (s *Store) beginAs(ctx context.Context, actor string) (pgx.Tx, error) {
	return beginOn(ctx, s.pool, actor)
}

func beginOn(ctx context.Context, pool *pgxpool.Pool, actor string) (pgx.Tx, error) {
	tx, err := pool.Begin(ctx)
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
// unique violation → conflict, check and foreign-key violations → invalid,
// an outage or contention (see unavailable) → CodeUnavailable. Errors that
// already are land errors pass through.
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
	if why := unavailable(err); why != "" {
		return land.Wrap(land.CodeUnavailable, err, "%s", why)
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

// Classify is translate for an error that reached the HTTP door as the
// driver gave it: an outage is answered as one, not as a fault of ours.
func Classify(err error) error { return translate(err) }

// commitOutcome translates a commit's error. The server refusing the
// commit (a conflict, a serialization failure) is a known outcome: nothing
// was made. A connection lost or terminated while committing leaves it
// unknown.
func commitOutcome(err error) error {
	if err == nil || errors.Is(err, context.Canceled) {
		return translate(err)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && !strings.HasPrefix(pe.Code, "08") && !strings.HasPrefix(pe.Code, "57P") {
		return translate(err)
	}
	if unavailable(err) == "" {
		return translate(err)
	}
	return &land.Error{Code: land.CodeUnavailable, Message: land.ErrOutcomeUnknown.Error(), Err: errors.Join(land.ErrOutcomeUnknown, err)}
}

// unavailable says why err means the database is out or too busy to answer
// now (a retry shortly may succeed), or "" when it does not: the one place
// the driver's outage and contention errors are classified.
func unavailable(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "55P03":
			return "the record is locked by other work: try again shortly"
		case pe.Code == "57014":
			return "the database took too long: try again shortly"
		case pe.Code == "40001", pe.Code == "40P01":
			return "the write clashed with another: try again"
		case strings.HasPrefix(pe.Code, "57P"), strings.HasPrefix(pe.Code, "08"), strings.HasPrefix(pe.Code, "53"):
			return "the database is unavailable: try again shortly"
		}
		return ""
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &ce), errors.As(err, &ne), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), pgconn.SafeToRetry(err):
		return "the database is unavailable: try again shortly"
	case errors.Is(err, context.DeadlineExceeded), pgconn.Timeout(err):
		return "the database took too long: try again shortly"
	}
	// pgx's and the pool's own words for a connection already gone.
	if msg := err.Error(); strings.Contains(msg, "conn closed") || strings.Contains(msg, "closed pool") {
		return "the database is unavailable: try again shortly"
	}
	return ""
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
