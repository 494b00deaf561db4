package sql

import (
	"context"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"landwatch/auth"
)

// Failed sign-ins are counted here rather than in each process, so that
// guesses spread over the instances behind a balancer add up (DESIGN §12).

// SignInLockedUntil returns the latest time until which one of the keys is
// locked out (the epoch when none is).
func (s *Store) SignInLockedUntil(ctx context.Context, keys []string) (time.Time, error) {
	var until time.Time
	err := s.pool.QueryRow(ctx, `SELECT coalesce(max(locked_until), 'epoch') FROM sign_in_failure WHERE key = ANY($1)`, keys).Scan(&until)
	return until, translate(err)
}

// CountSignInFailures records one failure of each key at now, together:
// fail turns what a key had into what it has. Counts that no longer
// mattered before stale are swept on the way.
func (s *Store) CountSignInFailures(ctx context.Context, keys []string, now, stale time.Time, fail func(key string, a auth.Attempts) auth.Attempts) error {
	// In one order, so that two instances counting the same keys wait for
	// each other instead of deadlocking.
	keys = slices.Sorted(slices.Values(keys))
	return s.inTxAs(ctx, "sign-in", func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM sign_in_failure WHERE greatest(first_at, locked_until) < $1`, stale); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO sign_in_failure (key) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, keys); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT key, first_at, failures, locked_until FROM sign_in_failure WHERE key = ANY($1) ORDER BY key FOR UPDATE`, keys)
		if err != nil {
			return err
		}
		var (
			names         []string
			first, locked []time.Time
			failures      []int32
		)
		for rows.Next() {
			var k string
			var a auth.Attempts
			if err := rows.Scan(&k, &a.First, &a.Failures, &a.LockedUntil); err != nil {
				return err
			}
			a = fail(k, a)
			names, first, failures, locked = append(names, k), append(first, a.First), append(failures, int32(a.Failures)), append(locked, a.LockedUntil)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE sign_in_failure f SET first_at = n.first_at, failures = n.failures, locked_until = n.locked_until
FROM unnest($1::text[], $2::timestamptz[], $3::int[], $4::timestamptz[]) AS n (key, first_at, failures, locked_until)
WHERE f.key = n.key`, names, first, failures, locked)
		return err
	})
}

// ClearSignInFailures forgets the counts of the keys.
func (s *Store) ClearSignInFailures(ctx context.Context, keys []string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM sign_in_failure WHERE key = ANY($1)`, keys)
	return translate(err)
}
