package sql

import (
	"context"
	"reflect"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// reserveRecord is a reserve of an import that passed its checks.
type reserveRecord struct {
	land.ReserveRecord
	warnings []string
}

func (r reserveRecord) count() int { return 1 }

func (r reserveRecord) rejection(err error) []land.Rejection {
	field, reason := reasonOf(err)
	return []land.Rejection{{File: r.File, Line: r.Line, Record: r.Reserve.Number, Field: field, Reason: reason}}
}

func (r reserveRecord) place() (string, int, string) { return r.File, r.Line, r.Reserve.Number }
func (r reserveRecord) notes() []string              { return r.warnings }
func (r reserveRecord) withParcel() bool             { return false }

// prepareReserveRecords checks each reserve (its lag measured now, as an
// entry by hand), rejects those that fail or lie outside the scope, and
// returns the others.
func (s *Store) prepareReserveRecords(sc land.Scope, recs []land.ReserveRecord, rep *ImportReport) []reserveRecord {
	in := make([]reserveRecord, len(recs))
	for i, r := range recs {
		in[i] = reserveRecord{ReserveRecord: r}
	}
	return prepareRecords(sc, in, rep, func(r *reserveRecord) (string, error) {
		var err error
		r.warnings, err = s.rules.PrepareReserve(&r.Reserve)
		return r.Reserve.RegionCode, err
	}, func(a, b reserveRecord) bool { return reflect.DeepEqual(a.Reserve, b.Reserve) }, "number", "reserve number")
}

// upsertReserves writes a chunk of reserves by reserve number: a new one is
// created waiting for review; a known one gets a new version (and waits
// for review again) only when a field the file carries differs, keeping
// the lag of its first entry. Counts go into rep, the ids of the reserves
// created into created.
func (s *Store) upsertReserves(ctx context.Context, tx pgx.Tx, actor string, chunk []reserveRecord, rep *ImportReport, created map[int64]bool) error {
	for i := range chunk {
		r := &chunk[i].Reserve
		if err := s.ensureRegion(ctx, tx, &land.Supply{RegionCode: r.RegionCode}); err != nil {
			return err
		}
		var inserted bool
		err := tx.QueryRow(ctx, qUpsertReserve, reserveArgs(r, actor)...).Scan(&r.ID, &inserted)
		switch {
		case land.ErrorCode(translate(err)) == land.CodeNotFound:
			rep.Unchanged++
		case err != nil:
			return translate(err)
		case inserted:
			rep.Created++
			created[r.ID] = true
		default:
			rep.Updated++
		}
		rep.Accepted++
	}
	return nil
}

// reserveFromFile are the columns a file of reserves carries: what
// changes among them makes a new version on re-import.
const reserveFromFile = `number, region_code, location, area_ha, acquisition, former_holder, former_use,
	compensation_wan, taken_on, planned_use_original, planned_use_code`

const qUpsertReserve = `INSERT INTO reserve AS t (` + reserveColumns + `)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
ON CONFLICT (number) DO UPDATE SET (` + reserveFromFile + `, updated_by) = (EXCLUDED.number, EXCLUDED.region_code,
	EXCLUDED.location, EXCLUDED.area_ha, EXCLUDED.acquisition, EXCLUDED.former_holder, EXCLUDED.former_use,
	EXCLUDED.compensation_wan, EXCLUDED.taken_on, EXCLUDED.planned_use_original, EXCLUDED.planned_use_code,
	EXCLUDED.updated_by),
	review_status = 'submitted', version = t.version + 1, updated_at = now()
WHERE (t.region_code, t.location, t.area_ha, t.acquisition, t.former_holder, t.former_use, t.compensation_wan,
	t.taken_on, t.planned_use_original, t.planned_use_code) IS DISTINCT FROM (EXCLUDED.region_code, EXCLUDED.location,
	EXCLUDED.area_ha, EXCLUDED.acquisition, EXCLUDED.former_holder, EXCLUDED.former_use, EXCLUDED.compensation_wan,
	EXCLUDED.taken_on, EXCLUDED.planned_use_original, EXCLUDED.planned_use_code)
RETURNING t.id, (t.xmax = 0)`
