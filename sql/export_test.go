package sql

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// IndexRowsTwoWays reads every supply parcel as LoadIndex does (its flags
// computed set-based) and as the change feed does (flags row by row), in
// one snapshot, for the tests that hold the two to the same answer.
func (s *Store) IndexRowsTwoWays(ctx context.Context) (load, perRow []ParcelRow, err error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback(ctx)
	for q, out := range map[string]*[]ParcelRow{qIndexLoadRows: &load, qIndexRows: &perRow} {
		rows, err := tx.Query(ctx, q, dateArg(s.rules.Today()))
		if err != nil {
			return nil, nil, err
		}
		if err := eachParcelRow(rows, func(r ParcelRow) error { *out = append(*out, r); return nil }); err != nil {
			return nil, nil, err
		}
	}
	return load, perRow, nil
}
