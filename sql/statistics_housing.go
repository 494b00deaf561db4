package sql

import (
	"context"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// The housing group is served from the supplies, not from the cells of
// supply_statistics: a supply's sub-class is told by its land use as
// written, read by land.HousingClassOf in Go, and the cells are kept by
// SQL triggers that cannot call it (a second classifier in SQL would drift
// from the plans' one). The land uses as written are few beside the
// supplies, so the query reads them first, classifies them here, and sums
// the supplies joined to their classes in one pass.

// housingOriginals returns the land uses as written of the housing supplies
// (land.HousingCode) of the region prefix with a contract in from..to
// (zero: unbounded), the approved ones only when approved.
func (s *Store) housingOriginals(ctx context.Context, prefix *string, from, to land.Date, approved bool) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT land_use_original FROM supply
WHERE land_use_code LIKE $1 || '%' AND ($2::text IS NULL OR region_code LIKE $2 || '%')
  AND ($3::date IS NULL OR contract_date >= $3) AND ($4::date IS NULL OR contract_date <= $4)
  AND (NOT $5::bool OR review_status = 'approved')`, land.HousingCode, prefix, dateArg(from), dateArg(to), approved)
	if err != nil {
		return nil, translate(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return out, translate(err)
}

// housingClassOriginals is the list filter of a housing class: the land
// uses as written of the region's housing supplies that fall in it (an
// empty list, not nil, when none does).
func (s *Store) housingClassOriginals(ctx context.Context, prefix *string, class string) ([]string, error) {
	all, err := s.housingOriginals(ctx, prefix, land.Date{}, land.Date{}, false)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, o := range all {
		if land.HousingClassOf(o) == class {
			out = append(out, o)
		}
	}
	return out, nil
}

// housingStatistics sums the approved housing supplies of the period by
// housing class, with the median 元/m² of each class's priced supplies.
// Undated supplies count only when the period is unbounded, as the list's
// date filter keeps them.
func (s *Store) housingStatistics(ctx context.Context, prefix *string, from, to land.Date) (map[string]Figures, map[string]float64, error) {
	originals, err := s.housingOriginals(ctx, prefix, from, to, true)
	if err != nil {
		return nil, nil, err
	}
	classes := make([]string, len(originals))
	for i, o := range originals {
		classes[i] = land.HousingClassOf(o)
	}
	rows, err := s.pool.Query(ctx, `
SELECT c.class, count(*)::int, sum(s.area_ha)::float8, coalesce(sum(s.price_wan), 0)::float8,
	count(*) FILTER (WHERE s.price_wan > 0)::int, coalesce(sum(s.area_ha) FILTER (WHERE s.price_wan > 0), 0)::float8,
	coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY s.price_wan / s.area_ha) FILTER (WHERE s.price_wan > 0), 0)
FROM supply s JOIN unnest($5::text[], $6::text[]) AS c (original, class) ON s.land_use_original = c.original
WHERE s.review_status = 'approved' AND s.land_use_code LIKE $4 || '%' AND ($1::text IS NULL OR s.region_code LIKE $1 || '%')
  AND ($2::date IS NULL OR s.contract_date >= $2) AND ($3::date IS NULL OR s.contract_date <= $3)
GROUP BY 1`, prefix, dateArg(from), dateArg(to), land.HousingCode, originals, classes)
	type figuresMedian struct {
		Figures
		median float64
	}
	got, err := keyedRows(rows, err, func(rows pgx.Rows) (k string, f figuresMedian, err error) {
		err = rows.Scan(&k, &f.Count, &f.AreaHa, &f.PriceWan, &f.PricedCount, &f.PricedAreaHa, &f.median)
		return k, f, err
	})
	if err != nil {
		return nil, nil, err
	}
	figures, medians := map[string]Figures{}, map[string]float64{}
	for _, c := range land.HousingClasses() {
		figures[c.Key], medians[c.Key] = got[c.Key].Figures, got[c.Key].median
	}
	return figures, medians, nil
}
