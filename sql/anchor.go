package sql

import (
	"context"
)

// The PostGIS way of doing what the engine does, for benchmarks that
// compare the two on the same data in the same run.

// PostGISOverlapScan finds every overlapping pair of parcels of different
// supplies with a self-join on the GiST index (ST_Intersects), measuring
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
	FROM parcel a JOIN parcel b ON a.id < b.id AND a.supply_id <> b.supply_id AND ST_Intersects(a.geom, b.geom)
) c WHERE area >= $1 AND area >= $2 * smaller`
	qPostGISOne = `WITH n AS (SELECT ST_GeomFromEWKB($1) g)
SELECT count(*) FROM (
	SELECT ST_Area(ST_Transform(ST_Intersection(p.geom, n.g), p.gk_epsg)) area,
		least(p.plane_area_m2, ST_Area(ST_Transform(n.g, p.gk_epsg))) smaller
	FROM parcel p, n WHERE ST_Intersects(p.geom, n.g)
) c WHERE area >= $2 AND area >= $3 * smaller`
)

// PostGISTile encodes tile z/x/y of the parcels with ST_AsMVT and
// ST_AsMVTGeom (extent 4096, buffer 64), with the same attributes as
// landwatch's own tiles: how pg_tileserv, Martin and Tegola serve them.
func (s *Store) PostGISTile(ctx context.Context, z, x, y uint32) ([]byte, error) {
	var b []byte
	err := s.pool.QueryRow(ctx, qPostGISTile, int(z), int(x), int(y)).Scan(&b)
	return b, translate(err)
}

const qPostGISTile = `WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS e,
		ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096), 4490) AS q)
SELECT coalesce(ST_AsMVT(t, 'parcels', 4096, 'geom', 'id'), '') FROM (
	SELECT p.id, p.supply_id, s.e_number, s.stage, s.land_use_code AS land_use, s.method,
		extract(year FROM s.contract_date)::int AS contract_year,
		ST_AsMVTGeom(ST_Transform(p.geom, 3857), env.e, 4096, 64, true) AS geom
	FROM parcel p JOIN supply s ON s.id = p.supply_id, env
	WHERE p.geom && env.q
	ORDER BY p.id
) t WHERE t.geom IS NOT NULL`
