package sql

import (
	"context"

	"landwatch/land"
)

// Timeliness is how promptly a region recorded its development events
// (DESIGN §4.1): how many, how many late, the share late, and the mean lag
// in working days.
type Timeliness struct {
	Region   string  `json:"region_code"`
	Name     string  `json:"name"`
	Events   int     `json:"events"`
	Late     int     `json:"late"`
	OnTime   int     `json:"on_time"`
	LateRate float64 `json:"late_share"`
	MeanLag  float64 `json:"mean_lag_workdays"`
	// Supplies entered through the API in the period, and how many of
	// them more than the threshold after their contract date.
	Supplies     int `json:"supplies"`
	SuppliesLate int `json:"supplies_late"`
	// Records are the register's other records entered in the period
	// (reserves, plans, announcements, deals, transactions: the
	// EnteredRecords besides supplies and events), and how many of them
	// past their deadline.
	Records     int `json:"records"`
	RecordsLate int `json:"records_late"`
}

// TimelinessByRegion counts the events recorded (not imported) and the
// supplies entered through the API from one day to another, by the regions
// one level below region (by county when region is a county … by province
// for the nation).
func (s *Store) TimelinessByRegion(ctx context.Context, sc land.Scope, region string, from, to land.Date) ([]Timeliness, error) {
	prefix, err := regionArg(sc, region)
	if err != nil {
		return nil, err
	}
	width := 2 // by province for the nation
	if prefix != nil {
		width = min(6, len(*prefix)+2)
	}
	// The period's bounds are instants where the rules count days: cast
	// from a date, they would begin in the database session's zone.
	var start, end any
	if !from.IsZero() {
		start = s.rules.DayStart(from)
	}
	if !to.IsZero() {
		end = s.rules.DayStart(to.AddDays(1))
	}
	rows, err := s.pool.Query(ctx, qTimeliness, prefix, width, start, end)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []Timeliness{}
	for rows.Next() {
		var t Timeliness
		var name *string
		if err := rows.Scan(&t.Region, &name, &t.Events, &t.Late, &t.MeanLag, &t.Supplies, &t.SuppliesLate, &t.Records, &t.RecordsLate); err != nil {
			return nil, translate(err)
		}
		if name != nil {
			t.Name = *name
		}
		t.OnTime = t.Events - t.Late
		if t.Events > 0 {
			t.LateRate = float64(t.Late) / float64(t.Events)
		}
		out = append(out, t)
	}
	return out, translate(rows.Err())
}

var qTimeliness = `WITH ev AS (
	SELECT rpad(left(s.region_code, $2), 6, '0') AS code, count(*)::int AS events,
		count(*) FILTER (WHERE e.late)::int AS late, coalesce(avg(e.lag_workdays), 0)::float8 AS mean_lag
	FROM event e JOIN supply s ON s.id = e.supply_id
	WHERE NOT e.imported AND NOT e.withdrawn AND e.lag_workdays IS NOT NULL
	  AND ($1::text IS NULL OR s.region_code LIKE $1 || '%')
	  AND ($3::timestamptz IS NULL OR e.recorded_at >= $3) AND ($4::timestamptz IS NULL OR e.recorded_at < $4)
	GROUP BY 1
), sup AS (
	SELECT rpad(left(s.region_code, $2), 6, '0') AS code, count(*)::int AS supplies,
		count(*) FILTER (WHERE s.late)::int AS late
	FROM supply s
	WHERE s.lag_workdays IS NOT NULL
	  AND ($1::text IS NULL OR s.region_code LIKE $1 || '%')
	  AND ($3::timestamptz IS NULL OR s.created_at >= $3) AND ($4::timestamptz IS NULL OR s.created_at < $4)
	GROUP BY 1
), rec AS (
	SELECT rpad(left(e.region_code, $2), 6, '0') AS code, count(*)::int AS records,
		count(*) FILTER (WHERE e.late)::int AS late
	FROM (` + enteredRecordsSQL() + `) e
	WHERE e.kind NOT IN ('supply', 'event')
	  AND ($1::text IS NULL OR e.region_code LIKE $1 || '%')
	  AND ($3::timestamptz IS NULL OR e.entered_at >= $3) AND ($4::timestamptz IS NULL OR e.entered_at < $4)
	GROUP BY 1
)
SELECT code, r.name, coalesce(ev.events, 0), coalesce(ev.late, 0), coalesce(ev.mean_lag, 0),
	coalesce(sup.supplies, 0), coalesce(sup.late, 0), coalesce(rec.records, 0), coalesce(rec.late, 0)
FROM ev FULL JOIN sup USING (code) FULL JOIN rec USING (code) LEFT JOIN region r USING (code)
ORDER BY code`
