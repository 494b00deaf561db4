package sql

import (
	"context"

	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
	"landwatch/spatial"
)

// Coverage returns, for every supply with parcels in the index, the share
// of its parcels' area covered by construction footprints observed after
// since(supply) — all footprints when since gives the zero day — or nil
// when no footprint layer is loaded (spatial.Snapshot.SupplyCoverage).
func (e *Engine) Coverage(since func(supplyID int64) land.Date) map[int64]float64 {
	return e.index.Snapshot().SupplyCoverage(func(id int64, f *spatial.Subject) bool {
		after := since(id)
		return after.IsZero() || f.Meta.Observed.After(after)
	})
}

// ScanIdle is Store.ScanIdle with the footprint evidence of the index.
func (e *Engine) ScanIdle(ctx context.Context, actor string, rule land.IdleRule, asOf land.Date, record bool) (IdleScanResult, error) {
	if err := e.CatchUp(ctx); err != nil {
		return IdleScanResult{}, err
	}
	starts, err := e.store.agreedStarts(ctx)
	if err != nil {
		return IdleScanResult{}, err
	}
	coverage := e.Coverage(func(id int64) land.Date { return starts[id] })
	return e.store.ScanIdle(ctx, actor, rule, asOf, record, coverage)
}

// agreedStarts maps each supply to its agreed start (约定开工时间).
func (s *Store) agreedStarts(ctx context.Context) (map[int64]land.Date, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, agreed_start FROM supply WHERE agreed_start IS NOT NULL`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := map[int64]land.Date{}
	for rows.Next() {
		var id int64
		var d pgtype.Date
		if err := rows.Scan(&id, &d); err != nil {
			return nil, translate(err)
		}
		out[id] = dateOf(d)
	}
	return out, translate(rows.Err())
}
