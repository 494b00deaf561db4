package sql

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
	"landwatch/spatial"
)

// land.Footprint is one construction footprint of the evidence layer.

// ImportFootprintFile writes the footprints a file gave (unless dry) and
// reports them with the file's rejected features, in the shape of every
// import report.
func (s *Store) ImportFootprintFile(ctx context.Context, sc land.Scope, fps []land.Footprint, rejected []land.Rejection, dry bool) (*ImportReport, error) {
	// Footprints carry no region and are evidence for every county they lie in.
	if err := sc.CheckProvinceLevel("importing construction footprints"); err != nil {
		return nil, err
	}
	rep := &ImportReport{Accepted: len(fps), Created: len(fps), Rejected: append([]land.Rejection{}, rejected...),
		Warnings: []land.Warning{}, Overlaps: []SupplyOverlap{}, DryRun: dry, Tables: []land.TableColumns{}}
	if dry || len(fps) == 0 {
		return rep, nil
	}
	_, err := s.ImportFootprints(ctx, sc, fps)
	return rep, err
}

// ImportFootprints writes footprints (already checked) in one statement and
// returns how many.
func (s *Store) ImportFootprints(ctx context.Context, sc land.Scope, fps []land.Footprint) (int, error) {
	actor := sc.Actor()
	wkbs := make([][]byte, len(fps))
	sources := make([]string, len(fps))
	days := make([]*string, len(fps))
	for i, f := range fps {
		b, err := spatial.EncodeEWKB(f.Geometry)
		if err != nil {
			return 0, land.Wrap(land.CodeInvalid, err, "geometry")
		}
		wkbs[i], sources[i], days[i] = b, f.Source, dateText(f.ObservedOn)
	}
	var n int
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, qImportFootprints, wkbs, sources, days, actor)
		if err != nil {
			return translate(err)
		}
		n = int(tag.RowsAffected())
		return s.auditIn(ctx, tx, BulkEntry(sc, "import", "footprints", map[string]any{"footprints": n}))
	})
	return n, err
}

// FootprintRow is a construction footprint as the index carries it.
type FootprintRow struct {
	ID         int64
	WKB        []byte
	Source     string
	ObservedOn land.Date
}

// footprintRows reads footprints: all of them, or those with the given ids.
func footprintRows(ctx context.Context, q querier, ids []int64) ([]FootprintRow, error) {
	rows, err := q.Query(ctx, qFootprints, ids)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []FootprintRow
	for rows.Next() {
		var f FootprintRow
		var on pgtype.Date
		if err := rows.Scan(&f.ID, &f.WKB, &on, &f.Source); err != nil {
			return nil, translate(err)
		}
		f.WKB = append([]byte(nil), f.WKB...) // not the driver's buffer
		f.ObservedOn = dateOf(on)
		out = append(out, f)
	}
	return out, translate(rows.Err())
}

const (
	qImportFootprints = `INSERT INTO footprint (geom, source, observed_on, imported_by)
SELECT ST_GeomFromEWKB(g), s, o, $4 FROM unnest($1::bytea[], $2::text[], $3::date[]) AS u(g, s, o)`
	qFootprints = `SELECT id, ST_AsBinary(geom), observed_on, source FROM footprint
WHERE $1::bigint[] IS NULL OR id = ANY($1) ORDER BY id`
)
