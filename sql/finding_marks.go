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
	// OtherRegion is the other supply's region of an overlap ("" else).
	OtherRegion string
}

// FindingMarks reads every open finding with a point on its supply's land.
func (s *Store) FindingMarks(ctx context.Context) ([]FindingMark, error) {
	return findingMarks(ctx, s.pool, nil, nil)
}

// findingMarks reads the marks of the open findings among findings or of
// supplies (their land or numbers changed), or of all when both are nil.
func findingMarks(ctx context.Context, q querier, findings, supplies []int64) ([]FindingMark, error) {
	all := findings == nil && supplies == nil
	if !all && len(findings) == 0 && len(supplies) == 0 {
		return nil, nil
	}
	rows, err := q.Query(ctx, qFindingMarks, all, findings, supplies)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []FindingMark
	for rows.Next() {
		var m FindingMark
		if err := rows.Scan(&m.ID, &m.Kind, &m.Grade, &m.Status, &m.SupplyID, &m.ENumber, &m.Point[0], &m.Point[1], &m.Region, &m.OtherRegion); err != nil {
			return nil, translate(err)
		}
		out = append(out, m)
	}
	return out, translate(rows.Err())
}

// qFindingMarks places each open finding on a point of its supply's land
// (for an overlap, inside the shared area); the ids are hashed as in
// qOverlapAreas.
const qFindingMarks = `SELECT f.id, f.kind, f.grade, f.status, f.supply_id, s.e_number, ST_X(pt), ST_Y(pt), s.region_code, f.other_region_code
FROM finding f JOIN supply s ON s.id = f.supply_id,
LATERAL (SELECT CASE WHEN f.geom IS NOT NULL AND NOT ST_IsEmpty(f.geom) THEN ST_PointOnSurface(f.geom)
	ELSE (SELECT ST_PointOnSurface(ST_Collect(p.geom)) FROM parcel p WHERE p.supply_id = f.supply_id) END AS pt) x
WHERE f.status <> 'closed' AND pt IS NOT NULL AND ($1 OR f.id IN (SELECT unnest($2::bigint[])) OR f.supply_id IN (SELECT unnest($3::bigint[])))
ORDER BY f.id`
