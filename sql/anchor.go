package sql

import (
	"context"
)

// The PostGIS way of doing what the engine does, for benchmarks that
// compare the two on the same data in the same run.

// PostGISOverlapScan finds every overlapping pair of parcels of different
// live supplies (DESIGN §4.3: reclaimed land overlaps nothing) with a
// self-join on the GiST index (ST_Intersects), measuring
// each candidate with ST_Area(ST_Intersection(…)) in the parcel's
// Gauss-Krüger zone, and keeps those at least minArea m² and minShare of
// the smaller parcel: how a PostGIS-only system answers the question.
func (s *Store) PostGISOverlapScan(ctx context.Context, minArea, minShare float64) ([]ParcelOverlap, error) {
	rows, err := s.pool.Query(ctx, qPostGISScan, minArea, minShare)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []ParcelOverlap
	for rows.Next() {
		var o ParcelOverlap
		if err := rows.Scan(&o.ParcelA, &o.ParcelB, &o.SupplyA, &o.SupplyB, &o.AreaM2); err != nil {
			return nil, translate(err)
		}
		out = append(out, o)
	}
	return out, translate(rows.Err())
}

// PostGISOverlapsOf checks one boundary (EWKB) against every parcel with
// the GiST index, as a PostGIS-only system checks a parcel being written.
func (s *Store) PostGISOverlapsOf(ctx context.Context, ewkb []byte, minArea, minShare float64) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, qPostGISOne, ewkb, minArea, minShare).Scan(&n)
	return n, translate(err)
}

const (
	qPostGISScan = `SELECT a, b, sa, sb, area FROM (
	SELECT a.id a, b.id b, a.supply_id sa, b.supply_id sb,
		ST_Area(ST_Transform(ST_Intersection(a.geom, b.geom), a.gk_epsg)) area,
		least(a.plane_area_m2, b.plane_area_m2) smaller
	FROM parcel a JOIN supply sa ON sa.id = a.supply_id AND sa.stage <> 'reclaimed'
	JOIN parcel b ON a.id < b.id AND a.supply_id <> b.supply_id AND ST_Intersects(a.geom, b.geom)
	JOIN supply sb ON sb.id = b.supply_id AND sb.stage <> 'reclaimed'
) c WHERE area >= $1 AND area >= $2 * smaller`
	qPostGISOne = `WITH n AS (SELECT ST_GeomFromEWKB($1) g)
SELECT count(*) FROM (
	SELECT ST_Area(ST_Transform(ST_Intersection(p.geom, n.g), p.gk_epsg)) area,
		least(p.plane_area_m2, ST_Area(ST_Transform(n.g, p.gk_epsg))) smaller
	FROM parcel p JOIN supply s ON s.id = p.supply_id AND s.stage <> 'reclaimed', n WHERE ST_Intersects(p.geom, n.g)
) c WHERE area >= $2 AND area >= $3 * smaller`
)

// PostGISTile encodes tile z/x/y with ST_AsMVT and ST_AsMVTGeom (extent
// 4096, buffer 64) carrying the same layers and attributes as landwatch's
// own tiles (tiles/attributes.go: the flags of today, reserve land, unsold
// lots, the overlaps' shared areas, the open findings' points, and from the
// zooms labels are drawn at a label point per parcel of a supply): how pg_tileserv, Martin and Tegola would
// serve them from the register. It draws every parcel as its shape, where
// landwatch counts those too small to see into cells.
func (s *Store) PostGISTile(ctx context.Context, z, x, y uint32) ([]byte, error) {
	var b []byte
	err := s.pool.QueryRow(ctx, qPostGISTile, dateArg(s.rules.Today()), int(z), int(x), int(y)).Scan(&b)
	return b, translate(err)
}

const qPostGISTile = `WITH env AS (SELECT ST_TileEnvelope($2, $3, $4) AS e,
		ST_Transform(ST_TileEnvelope($2, $3, $4, margin => 64.0 / 4096), 4490) AS q)
SELECT (SELECT coalesce(ST_AsMVT(t, 'parcels', 4096, 'geom', 'id'), '') FROM (
	SELECT p.id, p.supply_id, NULL::text AS reserve, s.stage,
		concat_ws(',', CASE WHEN ` + flagOverdueDelivery + ` THEN 'overdue_delivery' END,
			CASE WHEN ` + flagOverdueStart + ` THEN 'overdue_start' END,
			CASE WHEN ` + flagOverdueCompletion + ` THEN 'overdue_completion' END,
			CASE WHEN ` + flagSuspectedIdle + ` THEN 'suspected_idle' END,
			CASE WHEN ` + flagOverlap + ` THEN 'overlap' END,
			CASE WHEN ` + flagLateEntry + ` THEN 'late_entry' END,
			CASE WHEN ` + flagMortgaged + ` THEN 'mortgaged' END) AS flags,
		NULL::text AS land_use,
		CASE WHEN s.collective THEN 1 END AS collective,
		NULL::text AS lot, NULL::bigint AS announcement_id,
		ST_AsMVTGeom(ST_Transform(p.geom, 3857), env.e, 4096, 64, true) AS geom
	FROM parcel p JOIN supply s ON s.id = p.supply_id, env
	WHERE p.geom && env.q
	UNION ALL
	SELECT NULL, NULL, r.number, 'reserved', CASE WHEN r.late THEN 'late_entry' ELSE '' END,
		coalesce(nullif(r.planned_use_code, ''), p.land_use), NULL, NULL, NULL,
		ST_AsMVTGeom(ST_Transform(p.geom, 3857), env.e, 4096, 64, true)
	FROM reserve_parcel p JOIN reserve r ON r.id = p.reserve_id, env
	WHERE p.geom && env.q
	UNION ALL
	SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, o.lot_number, o.announcement_id,
		ST_AsMVTGeom(ST_Transform(o.geom, 3857), env.e, 4096, 64, true)
	FROM lot_outline o, env
	WHERE o.status = 'unsold' AND o.geom && env.q
	ORDER BY 1
) t WHERE t.geom IS NOT NULL)
|| (SELECT coalesce(ST_AsMVT(t, 'overlaps', 4096, 'geom', 'id'), '') FROM (
	SELECT f.id, f.supply_id AS a, f.other_supply_id AS b, ST_AsMVTGeom(ST_Transform(f.geom, 3857), env.e, 4096, 64, true) AS geom
	FROM finding f, env
	WHERE f.kind = 'overlap' AND f.status <> 'closed' AND f.geom && env.q
	ORDER BY f.id
) t WHERE t.geom IS NOT NULL)
|| (SELECT coalesce(ST_AsMVT(t, 'findings', 4096, 'geom', 'id'), '') FROM (
	SELECT f.id, f.kind, ST_AsMVTGeom(ST_Transform(pt, 3857), env.e, 4096, 0, true) AS geom
	FROM finding f, env, LATERAL (SELECT CASE WHEN f.geom IS NOT NULL AND NOT ST_IsEmpty(f.geom) THEN ST_PointOnSurface(f.geom)
		ELSE (SELECT ST_PointOnSurface(ST_Collect(p.geom)) FROM parcel p WHERE p.supply_id = f.supply_id) END AS pt) x
	WHERE f.status <> 'closed' AND pt && env.q
		-- the candidates first, by the GiST indexes, as a tile server would
		AND (f.geom && env.q OR f.supply_id IN (SELECT p.supply_id FROM parcel p WHERE p.geom && env.q))
	ORDER BY f.id
) t WHERE t.geom IS NOT NULL)
|| (SELECT coalesce(ST_AsMVT(t, 'labels', 4096, 'geom', 'id'), '') FROM (
	SELECT p.id, s.e_number, CASE WHEN $2 >= 17 THEN nullif(left(s.project_name, 24), '') END AS project,
		ST_AsMVTGeom(ST_Transform(ST_PointOnSurface(p.geom), 3857), env.e, 4096, 0, true) AS geom
	FROM parcel p JOIN supply s ON s.id = p.supply_id, env
	WHERE $2 >= 16 AND p.geom && env.q
	ORDER BY p.id
) t WHERE t.geom IS NOT NULL)`
