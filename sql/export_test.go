package sql

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"
)

// IndexRowsThreeWays reads every supply parcel as LoadIndex does (its
// flags computed set-based) and as the change feed's rounds of few changes
// do (flags row by row), and the named parcels and the parcels of the
// named supplies as its rounds of many changes do (set-based, for those
// supplies only), in one snapshot, for the tests that hold the three to
// the same answer.
func (s *Store) IndexRowsThreeWays(ctx context.Context, parcels, supplies []int64) (load, perRow, changed []ParcelRow, err error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, nil, nil, err
	}
	defer tx.Rollback(ctx)
	for _, read := range []struct {
		q    string
		args []any
		out  *[]ParcelRow
	}{{qIndexLoadRows, nil, &load}, {qIndexRows, nil, &perRow}, {qChangedParcels, []any{parcels, supplies}, &changed}} {
		rows, err := tx.Query(ctx, read.q, append([]any{dateArg(s.rules.Today())}, read.args...)...)
		if err != nil {
			return nil, nil, nil, err
		}
		if err := eachParcelRow(rows, func(r ParcelRow) error { *read.out = append(*read.out, r); return nil }); err != nil {
			return nil, nil, nil, err
		}
	}
	return load, perRow, changed, nil
}

// ChangedParcelsPlan returns PostgreSQL's plan for the change feed's read
// of many named parcels and supplies, in a transaction given the room
// roomForIDs makes for them when room.
func (s *Store) ChangedParcelsPlan(ctx context.Context, parcels, supplies []int64, room bool) (string, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback(ctx)
	if room {
		if err := roomForIDs(ctx, tx, len(parcels)+len(supplies)); err != nil {
			return "", err
		}
	}
	rows, err := tx.Query(ctx, "EXPLAIN "+qChangedParcels, dateArg(s.rules.Today()), parcels, supplies)
	if err != nil {
		return "", err
	}
	plan, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return strings.Join(plan, "\n"), err
}
