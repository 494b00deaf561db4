package sql

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// PlanFilter selects supply plans for a list. Empty fields do not filter.
type PlanFilter struct {
	Region string // 6-digit code: plans of the region and everything below it
	Year   int
	Review string
	Late   bool  // entered later than the deadline
	After  int64 // cursor: the last id of the previous page
	Limit  int
}

// CreatePlan checks and writes a new supply plan, waiting for review; its
// lag from the day it was published is measured now. It fills p's id,
// version and derived fields and returns the warnings of the checks. A
// plan of the same region and year is CodeConflict; a plan outside the
// scope CodeForbidden.
func (s *Store) CreatePlan(ctx context.Context, sc land.Scope, p *land.Plan) ([]string, error) {
	warnings, err := s.rules.PreparePlan(p)
	if err != nil {
		return nil, err
	}
	if err := sc.Check(p.RegionCode); err != nil {
		return nil, err
	}
	err = s.inTx(ctx, sc, func(tx pgx.Tx) error {
		return translateConflict(tx.QueryRow(ctx, qInsertPlan, planArgs(p, sc.Actor())...).Scan(&p.ID), p)
	})
	if err != nil {
		return nil, err
	}
	got, err := s.GetPlan(ctx, sc, strconv.FormatInt(p.ID, 10))
	if err != nil {
		return nil, err
	}
	*p = *got
	return warnings, nil
}

// GetPlan returns a plan by id, or by region and year ("130626-2026"),
// with its progress. A plan outside the scope is CodeForbidden.
func (s *Store) GetPlan(ctx context.Context, sc land.Scope, key string) (*land.Plan, error) {
	p, err := s.getPlan(ctx, sc, s.pool, live, key, false)
	if err != nil {
		return nil, err
	}
	return p, s.planProgress(ctx, p)
}

// planProgress fills a plan's progress from the published (last approved)
// version of each supply of its region whose contract or decision date
// falls in its year: a correction waiting for review does not take a
// supply out of the count.
func (s *Store) planProgress(ctx context.Context, p *land.Plan) error {
	rows, err := s.pool.Query(ctx, qPlanSupplied, land.RegionPrefix(p.RegionCode), p.Year)
	if err != nil {
		return translate(err)
	}
	used, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (land.SuppliedUse, error) {
		var u land.SuppliedUse
		return u, row.Scan(&u.Code, &u.Original, &u.Count, &u.AreaHa)
	})
	if err != nil {
		return translate(err)
	}
	pr := land.ProgressOf(p.PlanAreas, used)
	p.Progress = &pr
	return nil
}

func (s *Store) getPlan(ctx context.Context, sc land.Scope, q querier, v view, key string, forUpdate bool) (*land.Plan, error) {
	query, args, err := planKey(key)
	if err != nil {
		return nil, err
	}
	query = v(query)
	if forUpdate {
		query += " FOR UPDATE OF p"
	}
	p, err := scanPlan(q.QueryRow(ctx, query, args...))
	if err != nil {
		if land.ErrorCode(translate(err)) == land.CodeNotFound {
			return nil, &land.Error{Code: land.CodeNotFound, Field: "id", Message: "no supply plan " + strconv.Quote(key)}
		}
		return nil, translate(err)
	}
	if err := sc.Check(p.RegionCode); err != nil {
		return nil, err
	}
	return p, nil
}

// planKey reads a plan's key: its id, or its region and year.
func planKey(key string) (string, []any, error) {
	if id, err := strconv.ParseInt(key, 10, 64); err == nil {
		return qPlanByID, []any{id}, nil
	}
	region, year, ok := strings.Cut(key, "-")
	y, err := strconv.Atoi(year)
	if !ok || err != nil || len(region) != 6 {
		return "", nil, land.Invalid("id", "a plan is named by its id or by region and year (130626-2026), not %q", key)
	}
	return qPlanByRegionYear, []any{region, y}, nil
}

func (s *Store) lockPlan(ctx context.Context, sc land.Scope, tx pgx.Tx, key string, ifVersion int) (*land.Plan, error) {
	cur, err := s.getPlan(ctx, sc, tx, live, key, true)
	if err != nil {
		return nil, err
	}
	return cur, checkVersion("plan", cur.Version, ifVersion)
}

// ListPlans returns one page of plans in id order (without progress), the
// total that match, and whether more pages follow.
func (s *Store) ListPlans(ctx context.Context, sc land.Scope, f PlanFilter) ([]land.Plan, int, bool, error) {
	return s.listPlans(ctx, sc, live, f)
}

func (s *Store) listPlans(ctx context.Context, sc land.Scope, v view, f PlanFilter) ([]land.Plan, int, bool, error) {
	region, err := regionArg(sc, f.Region)
	if err != nil {
		return nil, 0, false, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	args := []any{region, nullableInt(f.Year), nullable(f.Review), f.Late}
	return keysetPage(ctx, s, v(qCountPlans), v(qListPlans), args, f.After, f.Limit, scanPlan)
}

// UpdatePlan revises a plan (apply changes the loaded record) at version
// ifVersion. The revised plan waits for review again; its lag stays that
// of its first entry. Another plan's region and year is CodeConflict.
func (s *Store) UpdatePlan(ctx context.Context, sc land.Scope, key string, ifVersion int, apply func(*land.Plan) error) (*land.Plan, []string, error) {
	id, warnings, err := reviseRecord(ctx, s, sc, revision[land.Plan]{
		what:    "plan",
		lock:    func(tx pgx.Tx) (*land.Plan, error) { return s.lockPlan(ctx, sc, tx, key, ifVersion) },
		id:      func(p *land.Plan) int64 { return p.ID },
		prepare: s.rules.PreparePlan,
		region:  func(p *land.Plan) string { return p.RegionCode },
		keep:    func(first, p *land.Plan) { p.LagWorkdays, p.Late = first.LagWorkdays, first.Late },
		write: func(tx pgx.Tx, p *land.Plan, id int64) error {
			_, err := tx.Exec(ctx, qUpdatePlan, append(planArgs(p, sc.Actor()), id)...)
			return translateConflict(err, p)
		},
	}, apply)
	if err != nil {
		return nil, nil, err
	}
	p, err := s.GetPlan(ctx, sc, strconv.FormatInt(id, 10))
	return p, warnings, err
}

// ReviewPlan records a reviewer's decision on a submitted plan, as
// ReviewSupply does for a supply.
func (s *Store) ReviewPlan(ctx context.Context, sc land.Scope, key string, ifVersion int, rv land.Review) (*land.Plan, error) {
	return reviewRecord(ctx, s, sc, "supply_plan", rv,
		func(tx pgx.Tx) (*land.Plan, error) { return s.lockPlan(ctx, sc, tx, key, ifVersion) },
		func(p *land.Plan) (int64, land.RecordState) { return p.ID, p.RecordState }, s.GetPlan)
}

// PlanHistory returns every version of a plan, oldest first.
func (s *Store) PlanHistory(ctx context.Context, sc land.Scope, key string, _ bool) ([]Version, error) {
	p, err := s.getPlan(ctx, sc, s.pool, live, key, false)
	if err != nil {
		return nil, err
	}
	return s.recordHistory(ctx, "plan", p.ID, key, false)
}

// translateConflict says which plan a second plan of a region and year
// meets.
func translateConflict(err error, p *land.Plan) error {
	if land.ErrorCode(translate(err)) == land.CodeConflict {
		return &land.Error{Code: land.CodeConflict, Field: "year",
			Message: "region " + p.RegionCode + " has a plan of " + strconv.Itoa(p.Year) + " already: revise it (PATCH)"}
	}
	return translate(err)
}

func nullableInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func planArgs(p *land.Plan, actor string) []any {
	args := []any{p.RegionCode, p.Year, p.DocNumber, p.Title, dateArg(p.PublishedOn)}
	for _, f := range p.Fields() {
		args = append(args, *f)
	}
	return append(args, p.LagWorkdays, p.Late, actor)
}

func scanPlan(row pgx.Row) (*land.Plan, error) {
	var p land.Plan
	var published pgtype.Date
	dest := []any{&p.ID, &p.RegionCode, &p.Year, &p.DocNumber, &p.Title, &published}
	for _, f := range p.Fields() {
		dest = append(dest, f)
	}
	dest = append(dest, &p.LagWorkdays, &p.Late, &p.ReviewStatus, &p.ReviewReason, &p.ReviewedBy, &p.SubmittedBy,
		&p.Version, &p.CreatedAt, &p.UpdatedAt, &p.UpdatedBy)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	p.PublishedOn = dateOf(published)
	p.TotalHa = p.Total()
	return &p, nil
}

const (
	planAreaColumns = `commerce_ha, industry_ha, housing_ha, affordable_ha, shanty_ha, small_units_ha,
	other_housing_ha, public_ha, transport_ha, water_ha, special_ha`
	planColumns = `region_code, year, doc_number, title, published_on, ` + planAreaColumns + `, lag_workdays, late, updated_by`
	planValues  = `$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19`
	planSelect  = `p.id, p.region_code, p.year, p.doc_number, p.title, p.published_on, p.commerce_ha, p.industry_ha,
	p.housing_ha, p.affordable_ha, p.shanty_ha, p.small_units_ha, p.other_housing_ha, p.public_ha, p.transport_ha,
	p.water_ha, p.special_ha, p.lag_workdays, p.late, p.review_status, p.review_reason, p.reviewed_by, p.submitted_by,
	p.version, p.created_at, p.updated_at, p.updated_by`
	qInsertPlan = `INSERT INTO supply_plan (` + planColumns + `) VALUES (` + planValues + `) RETURNING id`
	qUpdatePlan = `UPDATE supply_plan SET (` + planColumns + `) = (` + planValues + `),
	review_status = 'submitted', version = version + 1, updated_at = now()
WHERE id = $20`
	qPlanByID         = `SELECT ` + planSelect + ` FROM supply_plan p WHERE p.id = $1`
	qPlanByRegionYear = `SELECT ` + planSelect + ` FROM supply_plan p WHERE p.region_code = $1 AND p.year = $2`
	planFilter        = `
WHERE ($1::text IS NULL OR p.region_code LIKE $1 || '%')
  AND ($2::integer IS NULL OR p.year = $2)
  AND ($3::text IS NULL OR p.review_status = $3)
  AND (NOT $4 OR p.late)`
	qCountPlans = `SELECT count(*) FROM supply_plan p` + planFilter
	qListPlans  = `SELECT ` + planSelect + ` FROM supply_plan p` + planFilter + ` AND p.id > $5 ORDER BY p.id LIMIT $6`
	// The supplies of a plan: approved (as published), in the region's
	// subtree, contracted or decided in the plan's year.
	qPlanSupplied = `SELECT s.land_use_code, s.land_use_original, count(*)::integer, sum(s.area_ha)
FROM published_supply s
WHERE s.region_code LIKE $1 || '%' AND s.contract_date >= make_date($2, 1, 1) AND s.contract_date < make_date($2 + 1, 1, 1)
GROUP BY s.land_use_code, s.land_use_original`
)
