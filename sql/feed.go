package sql

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Change is one entry of the change feed: a parcel inserted, updated or
// deleted (ParcelID set), or a supply whose indexed attributes changed.
type Change struct {
	Seq      int64
	ParcelID *int64
	SupplyID int64
	Op       string
}

// LastChange returns the newest sequence number of the change feed (0 when
// it is empty).
func (s *Store) LastChange(ctx context.Context) (int64, error) {
	var seq int64
	err := s.pool.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM change_log`).Scan(&seq)
	return seq, translate(err)
}

// ChangesSince returns up to limit changes after seq, and those numbered
// in gaps (missing before: their transactions may have committed since),
// oldest first.
func (s *Store) ChangesSince(ctx context.Context, seq int64, gaps []int64, limit int) ([]Change, error) {
	rows, err := s.pool.Query(ctx, qChangesSince, seq, gaps, limit)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.Seq, &c.ParcelID, &c.SupplyID, &c.Op); err != nil {
			return nil, translate(err)
		}
		out = append(out, c)
	}
	return out, translate(rows.Err())
}

// Listen holds one connection listening to the change feed's channel and
// calls wake after each notice, and once when listening has begun (so the
// caller can catch up with what happened before). It returns when ctx ends
// (nil) or the connection fails (the error): the caller reconnects.
func (s *Store) Listen(ctx context.Context, wake func()) error {
	pooled, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	// A listening connection must not go back to the pool.
	conn := pooled.Hijack()
	defer conn.Close(context.Background())
	var schema string
	if err := conn.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{"landwatch_" + schema}.Sanitize()); err != nil {
		return err
	}
	wake()
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		wake()
	}
}

const qChangesSince = `SELECT seq, parcel_id, supply_id, op FROM change_log WHERE seq > $1 OR seq = ANY($2) ORDER BY seq LIMIT $3`
