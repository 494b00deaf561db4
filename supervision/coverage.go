package supervision

import (
	"landwatch/sql"

	"context"

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

// ScanIdle is sql.Store.ScanIdle with the footprint evidence of the index.
func (e *Engine) ScanIdle(ctx context.Context, sc land.Scope, rule land.IdleRule, asOf land.Date, record bool) (sql.IdleScanResult, error) {
	if err := e.CatchUp(ctx); err != nil {
		return sql.IdleScanResult{}, err
	}
	return e.store.ScanIdle(ctx, sc, rule, asOf, record, e.Coverage)
}
