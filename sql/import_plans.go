package sql

import (
	"context"
	"reflect"
	"strconv"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// planRecord is a supply plan of an import that passed its checks.
type planRecord struct {
	land.PlanRecord
	warnings []string
}

func (r planRecord) count() int { return 1 }

func (r planRecord) key() string { return r.Plan.RegionCode + "-" + strconv.Itoa(r.Plan.Year) }

func (r planRecord) rejection(err error) []land.Rejection {
	field, reason := reasonOf(err)
	return []land.Rejection{{File: r.File, Line: r.Line, Record: r.key(), Field: field, Reason: reason}}
}

func (r planRecord) place() (string, int, string) { return r.File, r.Line, r.key() }
func (r planRecord) notes() []string              { return r.warnings }
func (r planRecord) withParcel() bool             { return false }

// preparePlanRecords checks each plan (its lag measured now, as an entry by
// hand), rejects those that fail or lie outside the scope, and returns the
// others; two rows of one region and year with other values are a
// conflict.
func (s *Store) preparePlanRecords(sc land.Scope, recs []land.PlanRecord, rep *ImportReport) []planRecord {
	in := make([]planRecord, len(recs))
	for i, r := range recs {
		in[i] = planRecord{PlanRecord: r}
	}
	return prepareRecords(sc, in, rep, func(r *planRecord) (string, error) {
		var err error
		r.warnings, err = s.rules.PreparePlan(&r.Plan)
		return r.Plan.RegionCode, err
	}, func(a, b planRecord) bool { return reflect.DeepEqual(a.Plan, b.Plan) }, "year", "region and year")
}

// upsertPlans writes a chunk of plans by region and year: a new one is
// created waiting for review; a known one gets a new version (and waits
// for review again) only when a field the file carries differs, keeping
// the lag of its first entry. A plan's review status is submitted unless
// the batch says otherwise (the demo city's plan has been through review;
// files and the API never set it).
func (s *Store) upsertPlans(ctx context.Context, tx pgx.Tx, actor string, chunk []planRecord, rep *ImportReport) error {
	for i := range chunk {
		p := &chunk[i].Plan
		var inserted bool
		status := p.ReviewStatus
		if status == "" {
			status = land.ReviewSubmitted
		}
		err := tx.QueryRow(ctx, qUpsertPlan, append(planArgs(p, actor), status)...).Scan(&p.ID, &inserted)
		switch {
		case land.ErrorCode(translate(err)) == land.CodeNotFound:
			rep.Unchanged++
		case err != nil:
			return translate(err)
		case inserted:
			rep.Created++
		default:
			rep.Updated++
		}
		rep.Accepted++
	}
	return nil
}

// planFromFile are the columns a file of plans carries.
const planFromFile = `doc_number, title, published_on, ` + planAreaColumns

const qUpsertPlan = `INSERT INTO supply_plan AS t (` + planColumns + `, review_status) VALUES (` + planValues + `, $20)
ON CONFLICT (region_code, year) DO UPDATE SET (` + planFromFile + `, updated_by) = (EXCLUDED.doc_number, EXCLUDED.title,
	EXCLUDED.published_on, EXCLUDED.commerce_ha, EXCLUDED.industry_ha, EXCLUDED.housing_ha, EXCLUDED.affordable_ha,
	EXCLUDED.shanty_ha, EXCLUDED.small_units_ha, EXCLUDED.other_housing_ha, EXCLUDED.public_ha, EXCLUDED.transport_ha,
	EXCLUDED.water_ha, EXCLUDED.special_ha, EXCLUDED.updated_by),
	review_status = EXCLUDED.review_status, version = t.version + 1, updated_at = now()
WHERE (t.doc_number, t.title, t.published_on, t.commerce_ha, t.industry_ha, t.housing_ha, t.affordable_ha, t.shanty_ha,
	t.small_units_ha, t.other_housing_ha, t.public_ha, t.transport_ha, t.water_ha, t.special_ha)
	IS DISTINCT FROM (EXCLUDED.doc_number, EXCLUDED.title, EXCLUDED.published_on, EXCLUDED.commerce_ha,
	EXCLUDED.industry_ha, EXCLUDED.housing_ha, EXCLUDED.affordable_ha, EXCLUDED.shanty_ha, EXCLUDED.small_units_ha,
	EXCLUDED.other_housing_ha, EXCLUDED.public_ha, EXCLUDED.transport_ha, EXCLUDED.water_ha, EXCLUDED.special_ha)
RETURNING t.id, (t.xmax = 0)`
