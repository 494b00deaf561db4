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
		Warnings: []land.Warning{}, Overlaps: []SupplyOverlap{}, DryRun: dry}
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
	err := s.inTx(ctx, actor, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, qImportFootprints, wkbs, sources, days, actor)
		if err != nil {
			return translate(err)
		}
		n = int(tag.RowsAffected())
		return s.auditIn(ctx, tx, BulkEntry(sc, "import", "footprints", map[string]any{"footprints": n}))
	})
	return n, err
}

// footprintRows reads footprints as index subjects: all of them, or those
// with the given ids.
func (s *Store) FootprintSubjects(ctx context.Context, ids []int64) ([]*spatial.Subject, error) {
	return s.footprintSubjects(ctx, s.pool, ids)
}

func (s *Store) footprintSubjects(ctx context.Context, q querier, ids []int64) ([]*spatial.Subject, error) {
	rows, err := q.Query(ctx, qFootprints, ids)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []*spatial.Subject
	for rows.Next() {
		var id int64
		var wkb []byte
		var on pgtype.Date
		var source string
		if err := rows.Scan(&id, &wkb, &on, &source); err != nil {
			return nil, translate(err)
		}
		mp, err := spatial.DecodeWKB(wkb)
		if err != nil {
			return nil, err
		}
		out = append(out, &spatial.Subject{ID: id, Kind: spatial.KindFootprint, Live: true, Shape: spatial.Prepare(mp),
			Meta: spatial.Meta{ENumber: source, Observed: dateOf(on)}})
	}
	return out, translate(rows.Err())
}

const (
	qImportFootprints = `INSERT INTO footprint (geom, source, observed_on, imported_by)
SELECT ST_GeomFromEWKB(g), s, o, $4 FROM unnest($1::bytea[], $2::text[], $3::date[]) AS u(g, s, o)`
	qFootprints = `SELECT id, ST_AsBinary(geom), observed_on, source FROM footprint
WHERE $1::bigint[] IS NULL OR id = ANY($1) ORDER BY id`
)
