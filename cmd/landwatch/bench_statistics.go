package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
	"landwatch/sql"
)

// benchStatistics measures the statistics of a province of N approved
// supplies: landwatch's answer (cells of supply_statistics, kept by
// triggers) against the same aggregation by a plain GROUP BY over the
// supplies, in the same run. The supplies are generated from a seed and
// copied in; statistics need no geometry.
func benchStatistics(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench statistics", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("supplies", 1_000_000, "approved supplies in the province")
	seedN := fs.Uint64("seed", 1, "random seed of the supplies")
	runs := fs.Int("runs", 5, "times each answer is timed (the median is reported)")
	out := fs.String("out", "BENCHMARKS.md", "file whose statistics section receives the figures; empty for none")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	svc, _, cleanup, err := scratchService(ctx, cfg)
	if err != nil {
		return err
	}
	defer cleanup()
	st := svc.Store()
	pool := st.Pool()
	const province = "130000"
	var counties []string
	rows, err := pool.Query(ctx, `SELECT code FROM region WHERE code LIKE '13%' AND level = 'county' ORDER BY code`)
	if err == nil {
		counties, err = pgx.CollectRows(rows, pgx.RowTo[string])
	}
	if err != nil {
		return err
	}
	// The history and publication of each row are the register's other
	// triggers, not what is measured: they are off for the load.
	if _, err := pool.Exec(ctx, `ALTER TABLE supply DISABLE TRIGGER supply_history_insert, DISABLE TRIGGER supply_publish`); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "copying %d approved supplies of %d counties (seed %d)…\n", *n, len(counties), *seedN)
	start := time.Now()
	if err := copyStatisticsSupplies(ctx, pool, *n, *seedN, counties); err != nil {
		return err
	}
	load := time.Since(start)
	if _, err := pool.Exec(ctx, `ANALYZE supply; ANALYZE supply_statistics`); err != nil {
		return err
	}
	var cells int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM supply_statistics`).Scan(&cells); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "copied with the statistics trigger in %s: %d cells\n", load.Round(time.Millisecond), cells)

	year := [2]land.Date{land.NewDate(2020, 1, 1), land.NewDate(2020, 12, 31)}
	odd := [2]land.Date{land.NewDate(2019, 3, 17), land.NewDate(2021, 8, 9)}
	type row struct {
		name             string
		group            land.StatisticsGroup
		period           [2]land.Date
		plainKey         string
		landwatch, plain time.Duration
		count            int
	}
	cases := []*row{
		{name: "by method, all years", group: land.ByMethod, plainKey: "method"},
		{name: "by method, 2020", group: land.ByMethod, period: year, plainKey: "method"},
		{name: "by method, 2019-03-17 to 2021-08-09", group: land.ByMethod, period: odd, plainKey: "method"},
		{name: "by land use with median price, 2020", group: land.ByLandUse, period: year, plainKey: "left(land_use_code, 2)"},
		{name: "by housing class with median price, 2020", group: land.ByHousing, period: year, plainKey: housingClassSQL},
		{name: "by housing class with median price, all years", group: land.ByHousing, plainKey: housingClassSQL},
		{name: "by city, 2020", group: land.ByRegion, period: year, plainKey: "left(region_code, 4)"},
		{name: "by county, all years", group: land.ByRegion, plainKey: "region_code"},
		{name: "by month with last year, 2020", group: land.ByMonth, period: year, plainKey: "date_trunc('month', contract_date)"},
	}
	sc := land.SystemScope("bench")
	for _, c := range cases {
		q := sql.StatisticsQuery{Group: c.group, Region: province, From: c.period[0], To: c.period[1]}
		if c.name == "by county, all years" {
			q.Level = "county"
		}
		c.landwatch, err = medianOf(*runs, func() error {
			s, err := svc.Statistics(ctx, sc, q)
			if err == nil {
				c.count = s.Overall.Count
			}
			return err
		})
		if err != nil {
			return err
		}
		plain := `SELECT ` + c.plainKey + `, count(*), sum(area_ha), sum(price_wan) FROM supply
			WHERE review_status = 'approved' AND region_code LIKE '13%'
			  AND ($1::date IS NULL OR contract_date >= $1) AND ($2::date IS NULL OR contract_date <= $2) GROUP BY 1`
		if c.group == land.ByLandUse || c.group == land.ByHousing {
			plain = `SELECT ` + c.plainKey + `, count(*), sum(area_ha), sum(price_wan),
				percentile_cont(0.5) WITHIN GROUP (ORDER BY price_wan / area_ha) FILTER (WHERE price_wan > 0) FROM supply
				WHERE review_status = 'approved' AND region_code LIKE '13%'
				  AND ($1::date IS NULL OR contract_date >= $1) AND ($2::date IS NULL OR contract_date <= $2)`
			if c.group == land.ByHousing {
				plain += ` AND land_use_code LIKE '07%'`
			}
			plain += ` GROUP BY 1`
		}
		from, to := dateOrNil(c.period[0]), dateOrNil(c.period[1])
		c.plain, err = medianOf(*runs, func() error {
			rows, err := pool.Query(ctx, plain, from, to)
			if err != nil {
				return err
			}
			rows.Close()
			return rows.Err()
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d supplies; landwatch %s, GROUP BY %s\n", c.name, c.count,
			c.landwatch.Round(time.Microsecond), c.plain.Round(time.Microsecond))
	}
	if *out == "" {
		return nil
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "## Statistics (`landwatch bench statistics --supplies %d --seed %d`)\n\n", *n, *seedN)
	fmt.Fprintf(&b, "Machine: %s.\n\n", machine(ctx, pool))
	fmt.Fprintf(&b, "A province (河北, %d counties) of %d approved supplies over 2014–2023, copied in with the statistics trigger on (history and publication off) in %.1f s, which left %d cells (county × month × method, and county × month × first-level use). ", len(counties), *n, load.Seconds(), cells)
	fmt.Fprintf(&b, "landwatch's statistics (through the service, cells for whole months, supplies for the days outside them) against the same aggregation by a plain GROUP BY over the supplies, in the same run; the median of %d runs each. Goal: under 1 s.\n\n", *runs)
	fmt.Fprintf(&b, "| statistics | supplies counted | landwatch | plain GROUP BY | GROUP BY / landwatch |\n|---|---|---|---|---|\n")
	for _, c := range cases {
		fmt.Fprintf(&b, "| %s | %d | %.1f ms | %.1f ms | %.1f× |\n", c.name, c.count, ms(c.landwatch), ms(c.plain), c.plain.Seconds()/c.landwatch.Seconds())
	}
	return writeBenchSection(*out, "statistics", b.String())
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func dateOrNil(d land.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.Time()
}

// medianOf runs f n times and returns the median time it took.
func medianOf(n int, f func() error) (time.Duration, error) {
	times := make([]time.Duration, 0, n)
	for range n {
		start := time.Now()
		if err := f(); err != nil {
			return 0, err
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}

// copyStatisticsSupplies copies n approved supplies of the counties, drawn
// from seed: methods and uses in about the shares of the reference year,
// contract days over 2014–2023, areas and prices spread over orders of
// magnitude.
func copyStatisticsSupplies(ctx context.Context, pool interface {
	CopyFrom(context.Context, pgx.Identifier, []string, pgx.CopyFromSource) (int64, error)
}, n int, seed uint64, counties []string) error {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	methods := []struct {
		code   string
		weight int
	}{{"1", 50}, {"23", 30}, {"22", 8}, {"21", 2}, {"3", 8}, {"4", 2}}
	uses := []string{"0501", "0505", "0601", "0604", "0701", "0701", "0701", "0801", "0803", "0809", "0810", "1003", "1004", "1005", "1301"}
	epoch := land.NewDate(2014, 1, 1)
	i := 0
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if i == n {
			return nil, nil
		}
		i++
		w, method := r.IntN(100), ""
		for _, m := range methods {
			if w -= m.weight; w < 0 {
				method = m.code
				break
			}
		}
		area := 0.05 + r.ExpFloat64()*3
		var price any
		if method != "1" {
			price = area * (50 + r.ExpFloat64()*800) // 元/m² as 万元 per ha
		}
		use := uses[r.IntN(len(uses))]
		original := use
		if strings.HasPrefix(use, land.HousingCode) {
			original = housingTexts[r.IntN(len(housingTexts))]
		}
		return []any{fmt.Sprintf("13%04d%08d", i%10000, i), string(land.KindOf(method)), method,
			counties[r.IntN(len(counties))], area, original, use, price,
			epoch.AddDays(r.IntN(3652)).Time(), "approved", "bench"}, nil
	})
	_, err := pool.CopyFrom(ctx, pgx.Identifier{"supply"}, []string{"e_number", "kind", "method", "region_code", "area_ha",
		"land_use_original", "land_use_code", "price_wan", "contract_date", "review_status", "updated_by"}, src)
	return err
}

// housingTexts are land uses as written of housing supplies, as land
// offices write them: the housing classes are told by them alone.
var housingTexts = []string{"0701", "城镇住宅用地", "071高档住宅用地", "072中小套型商品房用地", "073其他普通商品住房用地",
	"074经济适用住房用地", "住宅用地（保障性住房）", "城镇住宅用地-棚户区改造"}

// housingClassSQL is the plain query's classification of housingTexts,
// the anchor of the housing group: what an analyst would write in SQL.
const housingClassSQL = `CASE WHEN land_use_original LIKE '072%' THEN 'small_units'
	WHEN land_use_original LIKE '071%' OR land_use_original LIKE '073%' THEN 'other_housing'
	WHEN land_use_original LIKE '074%' OR land_use_original LIKE '%保障性住房%' THEN 'affordable'
	WHEN land_use_original LIKE '%棚户区%' THEN 'shanty' ELSE 'unclassified' END`
