package sql

import (
	"context"
	"landwatch/land"
	"time"

	"github.com/jackc/pgx/v5"
)

// SettledChecks is the outcome of one settled batch of overlap checks.
type SettledChecks struct {
	Claimed  int     // pending checks settled
	Supplies []int64 // the supplies checked
	// Overlaps are those the check found, FindingIDs their findings in the
	// same order; New of them were opened, Closed findings closed.
	Overlaps    []ParcelOverlap
	FindingIDs  []int64
	New, Closed int
}

// SettleChecks settles owed overlap checks in one transaction: it claims
// the pending checks whose writes are visible in snapshot — those of
// supplies when given (which are checked even when nothing is owed), else
// up to limit of any, skipping those another transaction holds (a check of
// named supplies waits for them instead); calls
// check with the parcels of the supplies concerned; records the overlaps it
// returns as findings under rule; closes the supplies' overlap findings
// that no longer hold; and deletes the claims. When anything fails the
// checks stay owed.
//
// With catchUp, snapshot is the transaction's own, taken as it begins, and
// catchUp is started then, beside the claim: it must bring the index to a
// snapshot at least as recent (any round that begins after it does) before
// check is called. A bulk import's 100,000 claims took 0.4 s, which the
// round that brings its parcels into the index now covers.
func (s *Store) SettleChecks(ctx context.Context, sc land.Scope, rule string, snapshot FeedSnapshot, supplies []int64, limit int,
	catchUp func(context.Context) error, check func(parcelIDs []int64) []ParcelOverlap) (SettledChecks, error) {
	var res SettledChecks
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		res = SettledChecks{}
		if err := roomForIDs(ctx, tx, len(supplies)); err != nil {
			return err
		}
		caughtUp := func() error { return nil }
		if catchUp != nil {
			if err := tx.QueryRow(ctx, `SELECT pg_current_snapshot()::text`).Scan(&snapshot); err != nil {
				return translate(err)
			}
			done := make(chan error, 1)
			go func() { done <- catchUp(ctx) }()
			caughtUp = func() error { return <-done }
		}
		owed, n, err := claimChecks(ctx, tx, snapshot, supplies, limit)
		if err != nil {
			return err
		}
		res.Claimed = n
		res.Supplies = mergeIDs(supplies, owed)
		if len(res.Supplies) == 0 {
			return caughtUp()
		}
		parcels, err := idList(ctx, tx, qParcelIDsOf, res.Supplies)
		if err != nil {
			return err
		}
		if err := caughtUp(); err != nil {
			return err
		}
		res.Overlaps = check(parcels)
		if res.FindingIDs, res.New, err = recordOverlaps(ctx, tx, rule, res.Overlaps); err != nil {
			return err
		}
		res.Closed, err = closeOverlapsExcept(ctx, tx, res.Supplies, "", res.FindingIDs)
		return err
	})
	return res, err
}

// claimChecks deletes the claimed pending checks (the transaction's
// rollback restores them) and returns their supplies and how many.
func claimChecks(ctx context.Context, tx pgx.Tx, snapshot FeedSnapshot, supplies []int64, limit int) ([]int64, int, error) {
	query, only := qClaimAnyChecks, []int64(nil)
	if len(supplies) > 0 {
		query, only = qClaimNamedChecks, supplies
	}
	rows, err := tx.Query(ctx, query, string(snapshot), only, limit)
	if err != nil {
		return nil, 0, translate(err)
	}
	defer rows.Close()
	var owed []int64
	n := 0
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, 0, translate(err)
		}
		owed = append(owed, id)
		n++
	}
	return owed, n, translate(rows.Err())
}

// mergeIDs returns the distinct ids of a and b, in order.
func mergeIDs(a, b []int64) []int64 {
	seen := make(map[int64]bool, len(a)+len(b))
	var out []int64
	for _, ids := range [][]int64{a, b} {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// PendingChecks returns how many overlap checks are owed and since when
// the oldest (zero when none).
func (s *Store) PendingChecks(ctx context.Context) (int, time.Time, error) {
	var n int
	var oldest *time.Time
	if err := s.pool.QueryRow(ctx, `SELECT count(*)::int, min(at) FROM pending_check`).Scan(&n, &oldest); err != nil || oldest == nil {
		return n, time.Time{}, translate(err)
	}
	return n, *oldest, nil
}

// A supply's checks are claimed with the ones of its other parcels when the
// limit allows, so that it is checked once. The supplies are hashed (IN a
// subquery): = ANY of an import's 98,000 supplies compared every row with
// every id and took 28 s.
const claimChecksHead = `DELETE FROM pending_check WHERE ctid IN (
	SELECT ctid FROM pending_check
	WHERE pg_visible_in_snapshot(txid, $1::pg_snapshot) AND ($2::bigint[] IS NULL OR supply_id IN (SELECT unnest($2::bigint[])))
	ORDER BY supply_id, parcel_id LIMIT $3 FOR UPDATE`

// The engine's rounds leave to others what others hold. A check of named
// supplies waits for them instead: the round that holds one of its checks
// commits (the check is settled) or rolls back (the check is still owed and
// this claims it), so that when it returns, no check its supplies owed
// before it is left.
// Waiters cannot deadlock on one another: both lock in the same order, and
// the rounds never wait.
const (
	qClaimAnyChecks   = claimChecksHead + ` SKIP LOCKED) RETURNING supply_id`
	qClaimNamedChecks = claimChecksHead + `) RETURNING supply_id`
)
