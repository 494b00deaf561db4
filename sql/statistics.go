package sql

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// StatisticsQuery asks for the statistics of the approved supplies of a
// region's subtree whose contract date falls in a period.
type StatisticsQuery struct {
	Group  land.StatisticsGroup
	Region string // 6-digit code; "" for the caller's whole subtree
	// Level is the level of the regions of the region group (province,
	// city, county); "" for the level below Region.
	Level    string
	From, To land.Date // contract days, inclusive; zero is unbounded
}

// Figures are the number, area and price of a set of supplies.
type Figures struct {
	Count    int     `json:"count"`
	AreaHa   float64 `json:"area_ha"`
	PriceWan float64 `json:"price_wan"`
	// Priced are the supplies sold for a price (not allocations), whose
	// area gives the price per m².
	PricedCount  int     `json:"priced_count"`
	PricedAreaHa float64 `json:"priced_area_ha"`
}

// AvgPricePerM2 is the price per m² (元/m²) of the priced supplies: their
// price over their area (1 万元 per hectare is 1 元 per m²).
func (f Figures) AvgPricePerM2() float64 {
	if f.PricedAreaHa == 0 {
		return 0
	}
	return f.PriceWan / f.PricedAreaHa
}

// StatisticsItem is one group of the statistics, with the filter of the
// supply list that gives exactly its supplies.
type StatisticsItem struct {
	Key  string
	Name string
	Figures
	// MedianPricePerM2 is the median 元/m² of the priced supplies, for
	// the land use and housing groups only (0 otherwise).
	MedianPricePerM2 float64
	// Previous are the figures of the same month of the previous year,
	// for the month group only.
	Previous *Figures
	Records  SupplyFilter
}

// Statistics are the groups and the figures of all of them.
type Statistics struct {
	Items   []StatisticsItem
	Overall Figures
	Records SupplyFilter
}

// groupKeys are the SQL expressions of the key of each group over the
// columns of statisticsBase ($6 is the width of a region code's level).
var groupKeys = map[land.StatisticsGroup]string{
	land.ByMethod:      `value`,
	land.ByMethodClass: `CASE ` + methodClassCases() + ` ELSE '` + land.MethodClassOther + `' END`,
	land.ByLandUse:     `value`,
	land.ByRegion:      `rpad(left(region_code, $6), 6, '0')`,
	land.ByMonth:       `to_char(month, 'YYYY-MM')`,
}

// groupDimension is the dimension of supply_statistics whose cells give
// a group: the uses for the use group, the methods for every other.
func groupDimension(g land.StatisticsGroup) string {
	if g == land.ByLandUse {
		return "land_use"
	}
	return "method"
}

func methodClassCases() string {
	var b strings.Builder
	for _, c := range land.MethodClasses {
		fmt.Fprintf(&b, `WHEN value IN ('%s') THEN '%s' `, strings.Join(c.Methods, "', '"), c.Code)
	}
	return b.String()
}

// statisticsBase is the approved supplies of the region prefix $1 with a
// contract in $4..$5 as cells of supply_statistics of dimension $8: the
// whole months [$2, $3) from the cells, the days outside them from the
// supplies. $2 and $3 are dates as text ('-infinity' takes in the supplies
// without a contract date, which only an unbounded period counts).
const statisticsBase = `WITH base AS (
	SELECT region_code, month, value, supplies, area_ha, price_wan, priced_supplies, priced_area_ha
	FROM supply_statistics
	WHERE dimension = $8 AND ($1::text IS NULL OR region_code LIKE $1 || '%') AND month >= $2::date AND month < $3::date
	UNION ALL
	SELECT region_code, date_trunc('month', contract_date)::date,
		CASE $8 WHEN 'method' THEN method ELSE left(land_use_code, 2) END, 1, area_ha::numeric,
		coalesce(price_wan, 0)::numeric, coalesce(price_wan > 0, false)::int, CASE WHEN price_wan > 0 THEN area_ha::numeric ELSE 0 END
	FROM supply
	WHERE review_status = 'approved' AND ($1::text IS NULL OR region_code LIKE $1 || '%')
	  AND ($4::date IS NULL OR contract_date >= $4) AND ($5::date IS NULL OR contract_date <= $5)
	  AND NOT (contract_date >= $2::date AND contract_date < $3::date)
)`

// Statistics answers q for the scope: CodeForbidden for a region outside
// it, CodeInvalid for an unknown group or level.
func (s *Store) Statistics(ctx context.Context, sc land.Scope, q StatisticsQuery) (*Statistics, error) {
	key, ok := groupKeys[q.Group]
	if !ok && q.Group != land.ByHousing {
		return nil, land.Invalid("group", "%q is not a group of the statistics", q.Group)
	}
	prefix, err := regionArg(sc, q.Region)
	if err != nil {
		return nil, err
	}
	width, err := levelWidth(prefix, q.Level)
	if err != nil {
		return nil, err
	}
	out := &Statistics{Items: []StatisticsItem{}, Records: q.records()}
	dim := groupDimension(q.Group)
	var current map[string]Figures
	var medians map[string]float64
	if q.Group == land.ByHousing {
		current, medians, err = s.housingStatistics(ctx, prefix, q.From, q.To)
	} else {
		current, err = s.statisticsOf(ctx, key, dim, prefix, width, q.From, q.To, q.Group == land.ByMonth)
	}
	if err != nil {
		return nil, err
	}
	var previous map[string]Figures
	if q.Group == land.ByMonth && !q.From.IsZero() && !q.To.IsZero() {
		if previous, err = s.statisticsOf(ctx, key, dim, prefix, width, q.From.AddYears(-1), q.To.AddYears(-1), true); err != nil {
			return nil, err
		}
	}
	if q.Group == land.ByLandUse {
		if medians, err = s.medianPrices(ctx, prefix, q.From, q.To); err != nil {
			return nil, err
		}
	}
	names, err := s.groupNames(ctx, q.Group, current)
	if err != nil {
		return nil, err
	}
	keys := slices.Sorted(maps.Keys(current))
	if q.Group == land.ByHousing {
		keys = keys[:0]
		for _, c := range land.HousingClasses() {
			keys = append(keys, c.Key)
		}
	}
	for _, k := range keys {
		f := current[k]
		it := StatisticsItem{Key: k, Name: names[k], Figures: f, MedianPricePerM2: medians[k], Records: q.records()}
		it.Records.narrowTo(q.Group, k, width)
		if q.Group == land.ByMonth {
			p, err := previousMonth(k)
			if err != nil {
				return nil, err
			}
			if previous != nil {
				prev := previous[p]
				it.Previous = &prev
			}
		}
		out.Items = append(out.Items, it)
		out.Overall.add(f)
	}
	return out, nil
}

// levelWidth is the width of the region codes of the region group: the
// level asked for, else the level below the prefix's.
func levelWidth(prefix *string, level string) (int, error) {
	if level != "" {
		w := land.RegionLevelWidth(level)
		if w == 0 {
			return 0, land.Invalid("level", "%q is not a level (expected province, city or county)", level)
		}
		return w, nil
	}
	if prefix == nil {
		return 2, nil
	}
	return min(6, len(*prefix)+2), nil
}

// statisticsOf sums the figures of the period by key. Undated supplies
// count only when the period is unbounded and not by month.
func (s *Store) statisticsOf(ctx context.Context, key, dimension string, prefix *string, width int, from, to land.Date, byMonth bool) (map[string]Figures, error) {
	first, end := land.MonthsOf(from, to)
	lo, hi := "-infinity", "infinity"
	if !first.IsZero() {
		lo = first.String()
	} else if !to.IsZero() || byMonth {
		lo = "0001-01-01" // after -infinity: no undated supplies
	}
	if !end.IsZero() {
		hi = end.String()
	}
	rows, err := s.pool.Query(ctx, statisticsBase+`
SELECT `+key+`, sum(supplies)::int, sum(area_ha)::float8, sum(price_wan)::float8, sum(priced_supplies)::int, sum(priced_area_ha)::float8
FROM base WHERE $6::int > 0 AND ($7::bool IS FALSE OR month > '-infinity')
GROUP BY 1`, prefix, lo, hi, dateArg(from), dateArg(to), width, byMonth, dimension)
	return keyedRows(rows, err, func(rows pgx.Rows) (k string, f Figures, err error) {
		err = rows.Scan(&k, &f.Count, &f.AreaHa, &f.PriceWan, &f.PricedCount, &f.PricedAreaHa)
		return k, f, err
	})
}

// keyedRows reads the rows of a query (and its error) into a map by the
// key scan returns with each value.
func keyedRows[V any](rows pgx.Rows, err error, scan func(pgx.Rows) (string, V, error)) (map[string]V, error) {
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := map[string]V{}
	for rows.Next() {
		k, v, err := scan(rows)
		if err != nil {
			return nil, translate(err)
		}
		out[k] = v
	}
	return out, translate(rows.Err())
}

// medianPrices returns the median 元/m² of the priced approved supplies of
// the period by first-level land use. A median cannot be added up from
// cells: it reads the supplies themselves.
func (s *Store) medianPrices(ctx context.Context, prefix *string, from, to land.Date) (map[string]float64, error) {
	rows, err := s.pool.Query(ctx, `
SELECT left(land_use_code, 2), percentile_cont(0.5) WITHIN GROUP (ORDER BY price_wan / area_ha)
FROM supply
WHERE review_status = 'approved' AND price_wan > 0 AND ($1::text IS NULL OR region_code LIKE $1 || '%')
  AND ($2::date IS NULL OR contract_date >= $2) AND ($3::date IS NULL OR contract_date <= $3)
GROUP BY 1`, prefix, dateArg(from), dateArg(to))
	return keyedRows(rows, err, func(rows pgx.Rows) (k string, m float64, err error) {
		err = rows.Scan(&k, &m)
		return k, m, err
	})
}

// groupNames names the keys: methods and uses by their Chinese names,
// regions by the register's.
func (s *Store) groupNames(ctx context.Context, g land.StatisticsGroup, figures map[string]Figures) (map[string]string, error) {
	names := map[string]string{}
	switch g {
	case land.ByMethod:
		for k := range figures {
			names[k] = land.MethodName(k)
		}
	case land.ByMethodClass:
		for _, c := range land.MethodClasses {
			names[c.Code] = c.Name
		}
	case land.ByLandUse:
		for k := range figures {
			names[k] = land.LandUseName(k)
		}
	case land.ByHousing:
		for _, c := range land.HousingClasses() {
			names[c.Key] = c.Name
		}
	case land.ByMonth:
		for k := range figures {
			names[k] = k
		}
	case land.ByRegion:
		rows, err := s.pool.Query(ctx, `SELECT code, name FROM region WHERE code = ANY($1)`, slices.Sorted(maps.Keys(figures)))
		return keyedRows(rows, err, func(rows pgx.Rows) (code string, name string, err error) {
			err = rows.Scan(&code, &name)
			return code, name, err
		})
	}
	return names, nil
}

func (f *Figures) add(g Figures) {
	f.Count += g.Count
	f.AreaHa += g.AreaHa
	f.PriceWan += g.PriceWan
	f.PricedCount += g.PricedCount
	f.PricedAreaHa += g.PricedAreaHa
}

// records is the filter of the supply list that gives the query's supplies:
// the housing group counts housing only.
func (q StatisticsQuery) records() SupplyFilter {
	f := SupplyFilter{Region: q.Region, From: q.From, To: q.To, Review: land.ReviewApproved}
	if q.Group == land.ByHousing {
		f.LandUse = land.HousingCode
	}
	return f
}

// narrowTo narrows the filter to the supplies of one group's key.
func (f *SupplyFilter) narrowTo(g land.StatisticsGroup, key string, width int) {
	switch g {
	case land.ByMethod:
		f.Method = key
	case land.ByMethodClass:
		for _, c := range land.MethodClasses {
			if c.Code == key {
				f.Method = strings.Join(c.Methods, ",")
			}
		}
	case land.ByLandUse:
		f.LandUse = key
	case land.ByHousing:
		f.Housing = key
	case land.ByRegion:
		// a record of a city among the counties is the city's own
		f.Region, f.RegionExact = key, len(land.RegionPrefix(key)) < width
	case land.ByMonth:
		month, err := land.ParseDate(key + "-01")
		if err != nil {
			return
		}
		first, last := month, land.MonthEnd(month)
		if f.From.IsZero() || f.From.Before(first) {
			f.From = first
		}
		if f.To.IsZero() || f.To.After(last) {
			f.To = last
		}
	}
}

// previousMonth is the month key a year before key (2018-12 → 2017-12).
func previousMonth(key string) (string, error) {
	d, err := land.ParseDate(key + "-01")
	if err != nil {
		return "", err
	}
	return d.AddYears(-1).String()[:7], nil
}
