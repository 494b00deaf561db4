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
// from the plans' one). The land uses as written of housing are few beside
// the supplies, so the register's are read first (a loose scan of the
// index supply_housing_original), classified here, and the supplies are
// summed joined to their classes in one pass.

// qHousingOriginals are the distinct land uses as written of the housing
// supplies, one index probe each. The literal '07%' is the index's
// predicate: a parameter would keep the planner from using it.
const qHousingOriginals = `WITH RECURSIVE o (original) AS (
	(SELECT land_use_original FROM supply WHERE land_use_code LIKE '` + land.HousingCode + `%' ORDER BY 1 LIMIT 1)
	UNION ALL
	SELECT (SELECT s.land_use_original FROM supply s
		WHERE s.land_use_code LIKE '` + land.HousingCode + `%' AND s.land_use_original > o.original ORDER BY 1 LIMIT 1)
	FROM o WHERE o.original IS NOT NULL
)
SELECT original FROM o WHERE original IS NOT NULL`

// housingClasses returns the land uses as written of the register's
// housing supplies and the housing class of each.
func (s *Store) housingClasses(ctx context.Context) (originals, classes []string, err error) {
	rows, err := s.pool.Query(ctx, qHousingOriginals)
	if err != nil {
		return nil, nil, translate(err)
	}
	if originals, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		return nil, nil, translate(err)
	}
	classes = make([]string, len(originals))
	for i, o := range originals {
		classes[i] = land.HousingClassOf(o)
	}
	return originals, classes, nil
}

// housingClassOriginals is the list filter of a housing class: the land
// uses as written of the housing supplies that fall in it (an empty list,
// not nil, when none does).
func (s *Store) housingClassOriginals(ctx context.Context, class string) ([]string, error) {
	originals, classes, err := s.housingClasses(ctx)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for i, o := range originals {
		if classes[i] == class {
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
	originals, classes, err := s.housingClasses(ctx)
	if err != nil {
		return nil, nil, err
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
