package sql

import (
	"context"
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
	"landwatch/spatial"
)

// ImportBoundaries writes administrative boundaries (already checked),
// each replacing the boundary of its code, in one transaction with its
// audit entry, and returns how many.
func (s *Store) ImportBoundaries(ctx context.Context, sc land.Scope, bs []land.Boundary) (int, error) {
	codes, names := make([]string, len(bs)), make([]string, len(bs))
	wkbs := make([][]byte, len(bs))
	for i, b := range bs {
		w, err := spatial.EncodeEWKB(b.Geometry)
		if err != nil {
			return 0, land.Wrap(land.CodeInvalid, err, "geometry")
		}
		codes[i], names[i], wkbs[i] = b.Code, b.Name, w
	}
	var n int
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, qImportBoundaries, codes, names, wkbs, sc.Actor())
		if err != nil {
			return translate(err)
		}
		n = int(tag.RowsAffected())
		return s.auditIn(ctx, tx, BulkEntry(sc, "import", "boundaries", map[string]any{"boundaries": n, "codes": codes}))
	})
	return n, err
}

// BoundaryRow is a stored boundary: its code, name and geometry as WKB.
type BoundaryRow struct {
	Code, Name string
	WKB        []byte
}

// Boundaries reads every county and prefecture boundary (townships are
// drawn, not checked against).
func (s *Store) Boundaries(ctx context.Context) ([]BoundaryRow, error) {
	rows, err := s.pool.Query(ctx, qBoundaries)
	if err != nil {
		return nil, translate(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[BoundaryRow])
	return out, translate(err)
}

// BoundaryFeature is a boundary as the map draws it.
type BoundaryFeature struct {
	Type       string          `json:"type"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties map[string]any  `json:"properties"`
}

// BoundariesIn returns the boundaries meeting the box, simplified to
// tolerance degrees, as GeoJSON features with their code, name and level
// ("county" for 6 digits, "township" for 9).
func (s *Store) BoundariesIn(ctx context.Context, west, south, east, north, tolerance float64) ([]BoundaryFeature, error) {
	rows, err := s.pool.Query(ctx, qBoundariesIn, west, south, east, north, tolerance)
	if err != nil {
		return nil, translate(err)
	}
	out := []BoundaryFeature{}
	for rows.Next() {
		var code, name, geom string
		if err := rows.Scan(&code, &name, &geom); err != nil {
			return nil, translate(err)
		}
		level := "county"
		if len(code) == 9 {
			level = "township"
		}
		out = append(out, BoundaryFeature{Type: "Feature", Geometry: json.RawMessage(geom),
			Properties: map[string]any{"code": code, "name": name, "level": level}})
	}
	return out, translate(rows.Err())
}

const (
	qImportBoundaries = `INSERT INTO region_boundary (code, name, geom, imported_by)
	SELECT c, n, ST_Multi(ST_GeomFromEWKB(g)), $4 FROM unnest($1::text[], $2::text[], $3::bytea[]) AS b(c, n, g)
	ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, geom = EXCLUDED.geom, imported_at = now(), imported_by = EXCLUDED.imported_by`
	qBoundaries   = `SELECT code, name, ST_AsBinary(geom) FROM region_boundary WHERE length(code) = 6 ORDER BY code`
	qBoundariesIn = `SELECT code, name, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, $5), 6) FROM region_boundary
	WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4490) ORDER BY code`
)
