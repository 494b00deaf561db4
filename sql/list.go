package sql

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// SupplyFilter selects supplies for a list. Empty fields do not filter.
type SupplyFilter struct {
	Region   string // 6-digit code: the region and everything below it
	Method   string // a code, or codes separated by commas (any of them)
	LandUse  string // GB/T 21010-2017 code or its prefix (07 → 0701, 0702)
	Stage    land.Stage
	From, To land.Date // contract date range, inclusive
	BBox     *[4]float64
	Text     string // free text over project name, holder, location and e-supervision number
	// Overdue "start" keeps supplies whose agreed start has passed with no
	// start recorded (逾期未开工), the inspectors' work list.
	Overdue string
	// Review keeps supplies in one review state: submitted, approved or
	// returned (a clerk's list of records to fix).
	Review string
	// SubmittedBy keeps the supplies an account submitted for review, in
	// whatever state the review left them (a clerk's own work).
	SubmittedBy string
	// RegionExact keeps the records of Region itself, not of the regions
	// below it (a city's own records beside its counties').
	RegionExact bool
	// Late keeps the supplies entered later than the deadline after their
	// contract date (DESIGN §4.1).
	Late bool
	// Collective keeps the supplies of collective construction land
	// (集体建设用地) when true, those of state land when false; nil keeps
	// both.
	Collective *bool
	// Housing keeps the housing supplies of one class of the statistics'
	// housing group (land.HousingClasses), told by their land use as
	// written.
	Housing string
	After   int64 // cursor: the last id of the previous page
	Limit   int
}

// ListSupplies returns one page of supplies in id order (without parcels or
// events), the total number that match, and whether more pages follow.
func (s *Store) ListSupplies(ctx context.Context, sc land.Scope, f SupplyFilter) ([]land.Supply, int, bool, error) {
	region, err := regionArg(sc, f.Region)
	if err != nil {
		return nil, 0, false, err
	}
	if f.RegionExact && region != nil {
		region = &f.Region // a full code is a prefix only of itself
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	args, err := s.supplyArgs(ctx, f, region)
	if err != nil {
		return nil, 0, false, err
	}
	if f.Overdue == "start" {
		// Overdue as of the rules' day, not the database session's.
		args[11] = dateArg(s.rules.Today())
	}
	return keysetPage(ctx, s, qCountSupplies, qListSupplies, args, f.After, f.Limit, scanSupply)
}

// keysetPage reads one page of a filtered list: the total that count finds
// with args, and up to limit rows of list (args, then the cursor and
// limit + 1) scanned by scan; more tells whether another page follows.
func keysetPage[T any](ctx context.Context, s *Store, count, list string, args []any, after int64, limit int,
	scan func(pgx.Row) (*T, error)) (out []T, total int, more bool, err error) {
	if err := s.pool.QueryRow(ctx, count, args...).Scan(&total); err != nil {
		return nil, 0, false, translate(err)
	}
	rows, err := s.pool.Query(ctx, list, append(args, after, limit+1)...)
	if err != nil {
		return nil, 0, false, translate(err)
	}
	defer rows.Close()
	out = []T{}
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, 0, false, translate(err)
		}
		out = append(out, *x)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, false, translate(err)
	}
	if more = len(out) > limit; more {
		out = out[:limit]
	}
	return out, total, more, nil
}

// supplyArgs are f.args with $17, the land uses as written of f.Housing's
// class, read from the register.
func (s *Store) supplyArgs(ctx context.Context, f SupplyFilter, region *string) ([]any, error) {
	args := f.args(region)
	if f.Housing != "" {
		originals, err := s.housingClassOriginals(ctx, f.Housing)
		if err != nil {
			return nil, err
		}
		args[16] = originals
	}
	return args, nil
}

// args are the parameters $1–$17 of supplyFilter for f, with the region
// predicate's argument (regionArg) in place of f.Region; $12, the day the
// overdue list is as of, and $17, the land uses of a housing class
// (supplyArgs), are left for the caller to set.
func (f SupplyFilter) args(region *string) []any {
	args := []any{
		region, nullable(f.Method), nullable(f.LandUse), nullable(string(f.Stage)),
		dateArg(f.From), dateArg(f.To), nil, nil, nil, nil, nullable(likePattern(f.Text)), nil,
		nullable(f.Review), nullable(f.SubmittedBy), f.Late, f.Collective, nil,
	}
	if f.BBox != nil {
		args[6], args[7], args[8], args[9] = f.BBox[0], f.BBox[1], f.BBox[2], f.BBox[3]
	}
	return args
}

func likePattern(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(text) + "%"
}

const supplyFilter = `
WHERE ($1::text IS NULL OR s.region_code LIKE $1 || '%')
  AND ($2::text IS NULL OR s.method = ANY(string_to_array($2, ',')))
  AND ($3::text IS NULL OR s.land_use_code LIKE $3 || '%')
  AND ($4::text IS NULL OR s.stage = $4)
  AND ($5::date IS NULL OR s.contract_date >= $5)
  AND ($6::date IS NULL OR s.contract_date <= $6)
  AND ($7::float8 IS NULL OR EXISTS (
	SELECT FROM parcel p WHERE p.supply_id = s.id
	  AND p.geom && ST_MakeEnvelope($7, $8::float8, $9::float8, $10::float8, 4490)
	  AND ST_Intersects(p.geom, ST_MakeEnvelope($7, $8::float8, $9::float8, $10::float8, 4490))))
  AND ($11::text IS NULL OR s.project_name ILIKE $11 OR s.holder ILIKE $11 OR s.location ILIKE $11 OR s.e_number ILIKE $11)
  AND ($12::date IS NULL OR (s.agreed_start < $12 AND s.stage IN ('supplied', 'delivered')
	AND NOT EXISTS (SELECT FROM event e WHERE e.supply_id = s.id AND e.kind = 'construction_start' AND NOT e.withdrawn)))
  AND ($13::text IS NULL OR s.review_status = $13)
  AND ($14::text IS NULL OR s.submitted_by = $14)
  AND (NOT $15::bool OR s.late)
  AND ($16::bool IS NULL OR s.collective = $16)
  AND ($17::text[] IS NULL OR (s.land_use_code LIKE '` + land.HousingCode + `%' AND s.land_use_original = ANY($17)))`

// supplyPage follows supplyFilter in a list: the cursor and the page size
// are the parameters after the filter's.
const supplyPage = `
  AND s.id > $18 ORDER BY s.id LIMIT $19`

const (
	qCountSupplies = `SELECT count(*) FROM supply s` + supplyFilter
	qListSupplies  = `SELECT ` + supplySelect + ` FROM supply s` + supplyFilter + supplyPage
)

// CountSupplies returns the number of supplies in the register.
func (s *Store) CountSupplies(ctx context.Context) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM supply`).Scan(&n)
	return n, translate(err)
}
