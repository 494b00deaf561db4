package sql

import (
	"context"

	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
	"landwatch/spatial"
)

// Coverage returns, for every supply with parcels in the index, the share
// of its parcels' area covered by construction footprints observed after
// since(supply) — all footprints when since gives the zero day — computed
// with the exact union coverage of the spatial package. It returns nil when
// no footprint layer is loaded: no evidence is not evidence of nothing.
func (e *Engine) Coverage(since func(supplyID int64) land.Date) map[int64]float64 {
	snap := e.index.Snapshot()
	loaded := false
	snap.Search(spatial.Everywhere(), func(s *spatial.Subject) bool {
		loaded = s.Kind == spatial.KindFootprint
		return !loaded
	})
	if !loaded {
		return nil
	}
	covered, total := map[int64]float64{}, map[int64]float64{}
	snap.Search(spatial.Everywhere(), func(p *spatial.Subject) bool {
		if p.Kind != spatial.KindSupplyParcel {
			return true
		}
		after := since(p.SupplyID)
		var covers []*spatial.Prepared
		snap.Search(p.Shape.Bound, func(f *spatial.Subject) bool {
			if f.Kind == spatial.KindFootprint && (after.IsZero() || f.Meta.Observed.After(after)) {
				covers = append(covers, f.Shape)
			}
			return true
		})
		area := p.Shape.Area()
		total[p.SupplyID] += area
		if len(covers) > 0 {
			covered[p.SupplyID] += spatial.CoveredShare(p.Shape, covers) * area
		}
		return true
	})
	out := make(map[int64]float64, len(total))
	for id, t := range total {
		if t > 0 {
			out[id] = covered[id] / t
		}
	}
	return out
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
