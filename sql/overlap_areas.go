package sql

import (
	"context"

	"github.com/paulmach/orb"

	"landwatch/spatial"
)

// OverlapArea is the shared ground of an open overlap finding, kept in
// memory for the map's overlaps layer.
type OverlapArea struct {
	FindingID        int64
	Geom             orb.MultiPolygon
	Bound            orb.Bound
	AreaM2           float64
	SupplyA, SupplyB int64
	NumberA, NumberB string
	RegionA, RegionB string
}

// OverlapAreasIn returns the open overlaps whose extent touches b.
func (e *Engine) OverlapAreasIn(b orb.Bound) []OverlapArea {
	all := e.overlapAreas.Load()
	if all == nil {
		return nil
	}
	var out []OverlapArea
	for _, a := range *all {
		if a.Bound.Intersects(b) {
			out = append(out, a)
		}
	}
	return out
}

// reloadOverlapAreas reads the open overlap findings' shared areas.
func (e *Engine) reloadOverlapAreas(ctx context.Context) error {
	rows, err := e.store.pool.Query(ctx, qOverlapAreas)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	var out []OverlapArea
	for rows.Next() {
		var a OverlapArea
		var wkb []byte
		var b *int64
		var nb, rb *string
		if err := rows.Scan(&a.FindingID, &wkb, &a.AreaM2, &a.SupplyA, &b, &a.NumberA, &nb, &a.RegionA, &rb); err != nil {
			return translate(err)
		}
		if b != nil {
			a.SupplyB = *b
		}
		if nb != nil {
			a.NumberB, a.RegionB = *nb, *rb
		}
		if a.Geom, err = spatial.DecodeWKB(wkb); err != nil {
			return err
		}
		a.Bound = a.Geom.Bound()
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return translate(err)
	}
	old := e.overlapAreas.Swap(&out)
	// Tiles drawn before the reload lack the shared ground that appeared
	// (or still show what went): forget them, wherever an area came or went.
	if old != nil {
		was, now := map[int64]orb.Bound{}, map[int64]orb.Bound{}
		for _, a := range *old {
			was[a.FindingID] = a.Bound
		}
		for _, a := range out {
			now[a.FindingID] = a.Bound
		}
		e.forgetWhereChanged(was, now)
	}
	return nil
}

const qOverlapAreas = `SELECT f.id, ST_AsBinary(f.geom), coalesce((f.figures->>'area_m2')::float8, 0),
	f.supply_id, f.other_supply_id, sa.e_number, sb.e_number, sa.region_code, sb.region_code
FROM finding f JOIN supply sa ON sa.id = f.supply_id LEFT JOIN supply sb ON sb.id = f.other_supply_id
WHERE f.kind = 'overlap' AND f.status <> 'closed' AND f.geom IS NOT NULL AND NOT ST_IsEmpty(f.geom)
ORDER BY f.id`

// forgetWhereChanged tells OnChange the extents of what came, went or moved
// between two loads of a layer kept beside the index (by id), so that the
// tiles drawn from the old load are forgotten.
func (e *Engine) forgetWhereChanged(was, now map[int64]orb.Bound) {
	if e.onChange == nil {
		return
	}
	for id, b := range now {
		if old, ok := was[id]; !ok || old != b {
			e.onChange(b, b)
		}
	}
	for id, b := range was {
		if cur, ok := now[id]; !ok || cur != b {
			e.onChange(b, b)
		}
	}
}
