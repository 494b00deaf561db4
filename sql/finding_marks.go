package sql

import (
	"context"

	"github.com/paulmach/orb"
)

// FindingMark is an open finding placed on its supply's land, kept in
// memory for the map's findings layer.
type FindingMark struct {
	ID       int64
	Point    orb.Point
	Kind     string
	Grade    string
	Status   string
	SupplyID int64
	ENumber  string
	Region   string
}

// FindingMarksIn returns the open findings whose point lies in b.
func (e *Engine) FindingMarksIn(b orb.Bound) []FindingMark {
	all := e.findingMarks.Load()
	if all == nil {
		return nil
	}
	var out []FindingMark
	for _, m := range *all {
		if b.Contains(m.Point) {
			out = append(out, m)
		}
	}
	return out
}

// reloadFindingMarks reads the open findings with a point on their
// supply's parcels.
func (e *Engine) reloadFindingMarks(ctx context.Context) error {
	rows, err := e.store.pool.Query(ctx, qFindingMarks)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	var out []FindingMark
	for rows.Next() {
		var m FindingMark
		if err := rows.Scan(&m.ID, &m.Kind, &m.Grade, &m.Status, &m.SupplyID, &m.ENumber, &m.Point[0], &m.Point[1], &m.Region); err != nil {
			return translate(err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return translate(err)
	}
	old := e.findingMarks.Swap(&out)
	// As with overlap areas: forget the tiles where a mark came or went.
	if old != nil {
		was, now := map[int64]orb.Bound{}, map[int64]orb.Bound{}
		for _, m := range *old {
			was[m.ID] = m.Point.Bound()
		}
		for _, m := range out {
			now[m.ID] = m.Point.Bound()
		}
		e.forgetWhereChanged(was, now)
	}
	return nil
}

// qFindingMarks places each open finding on a point of its supply's land
// (for an overlap, inside the shared area).
const qFindingMarks = `SELECT f.id, f.kind, f.grade, f.status, f.supply_id, s.e_number, ST_X(pt), ST_Y(pt), s.region_code
FROM finding f JOIN supply s ON s.id = f.supply_id,
LATERAL (SELECT CASE WHEN f.geom IS NOT NULL AND NOT ST_IsEmpty(f.geom) THEN ST_PointOnSurface(f.geom)
	ELSE (SELECT ST_PointOnSurface(ST_Collect(p.geom)) FROM parcel p WHERE p.supply_id = f.supply_id) END AS pt) x
WHERE f.status <> 'closed' AND pt IS NOT NULL
ORDER BY f.id`
