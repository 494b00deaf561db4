package sql

import (
	"context"
	"encoding/json"

	"github.com/paulmach/orb"

	"landwatch/spatial"
)

// The overlaps collection: its features are the overlapping pairs the
// engine keeps in memory, not rows. The registration declares their
// properties; the service makes the page, and the store draws the shared
// area of each pair on it.

var overlapFeatures = &FeatureCollection{
	ID: "overlaps", Title: "重叠 Overlaps",
	Description: "The overlapping pairs of live parcels (supply parcels and reserve land) as the index measures them now, each with the area they share. " +
		"A pair with a side in another region says only that the ground is supplied elsewhere. A feature's id is the pair's stable key; " +
		"bbox selects by the extent the two parcels share; the pairs take no filter and no datetime.",
	Computed: true, PartGeom: "shared",
	Properties: []Queryable{
		{Name: "a_parcel_id", Type: "integer"}, {Name: "a_supply_id", Type: "integer"}, {Name: "a_e_number", Type: "string"},
		{Name: "a_region_code", Type: "string"}, {Name: "a_reserve", Type: "string"},
		{Name: "b_parcel_id", Type: "integer"}, {Name: "b_supply_id", Type: "integer"}, {Name: "b_e_number", Type: "string"},
		{Name: "b_region_code", Type: "string"}, {Name: "b_reserve", Type: "string"},
		{Name: "area_m2", Type: "number"}, {Name: "share_a", Type: "number"}, {Name: "share_b", Type: "number"},
		{Name: "elsewhere", Type: "boolean"},
		{Name: GeometryName, Type: GeometryName},
	},
}

// PairParts names the two parcels of an overlapping pair, each a supply's
// parcel or reserve land.
type PairParts struct {
	A, B               int64
	ReserveA, ReserveB bool
}

// SharedAreas returns the GeoJSON of the area each pair's parcels share,
// in crs (null where a parcel is gone since the index measured the pair).
func (s *Store) SharedAreas(ctx context.Context, pairs []PairParts, crs CRS) ([]json.RawMessage, error) {
	a, b := make([]int64, len(pairs)), make([]int64, len(pairs))
	ra, rb := make([]bool, len(pairs)), make([]bool, len(pairs))
	for i, p := range pairs {
		a[i], b[i], ra[i], rb[i] = p.A, p.B, p.ReserveA, p.ReserveB
	}
	rows, err := s.pool.Query(ctx, qSharedAreas, a, ra, b, rb, crs.Flip, crs.SRID, digits(crs))
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := make([]json.RawMessage, len(pairs))
	for rows.Next() {
		var n int
		var g *string
		if err := rows.Scan(&n, &g); err != nil {
			return nil, translate(err)
		}
		if out[n-1] = json.RawMessage("null"); g != nil {
			out[n-1] = json.RawMessage(*g)
		}
	}
	return out, translate(rows.Err())
}

const qSharedAreas = `
WITH p AS (SELECT * FROM unnest($1::bigint[], $2::bool[], $3::bigint[], $4::bool[]) WITH ORDINALITY AS p (a, ra, b, rb, n)),
g AS (SELECT p.n, ST_Multi(ST_CollectionExtract(ST_Intersection(
	CASE WHEN p.ra THEN (SELECT geom FROM reserve_parcel WHERE id = p.a) ELSE (SELECT geom FROM parcel WHERE id = p.a) END,
	CASE WHEN p.rb THEN (SELECT geom FROM reserve_parcel WHERE id = p.b) ELSE (SELECT geom FROM parcel WHERE id = p.b) END), 3)) AS geom
	FROM p)
SELECT n, ST_AsGeoJSON(CASE WHEN $5 THEN ST_FlipCoordinates(ST_Transform(geom, $6::int)) ELSE ST_Transform(geom, $6::int) END, $7::int, 0)
FROM g ORDER BY n`

// LonLatBound is box, given in crs, as a bound of longitude and latitude:
// a Gauss-Krüger box is the bound of its corners.
func LonLatBound(box [4]float64, crs CRS) orb.Bound {
	b := orb.Bound{Min: orb.Point{180, 90}, Max: orb.Point{-180, -90}}
	for _, c := range []orb.Point{{box[0], box[1]}, {box[2], box[1]}, {box[2], box[3]}, {box[0], box[3]}} {
		b = b.Extend(crs.LonLat(c))
	}
	return b
}

// LonLat is the CGCS2000 longitude and latitude of p, given in c.
func (c CRS) LonLat(p orb.Point) orb.Point {
	if c.Flip {
		p = orb.Point{p[1], p[0]} // latitude or northing first
	}
	zone, prefixed, gk := spatial.ZoneOfEPSG(c.SRID)
	if !gk {
		return p
	}
	easting := p[0]
	if prefixed {
		easting -= float64(zone.Number) * 1e6
	}
	lon, lat := spatial.ToGeographic(zone.CentralMeridian(), p[1], easting)
	return orb.Point{lon, lat}
}
