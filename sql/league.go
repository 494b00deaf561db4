package sql

import (
	"context"
	"strings"

	"landwatch/land"
)

// EnteredRecord is one kind of the register's records that stores how
// many working days after its date it was entered (lag_workdays, late):
// Select gives, for each record entered through the API or with a known
// entry time, its id, region_code, entered_at, lag_workdays, late, and
// the supply it belongs to (or NULL). A record kind added to the register
// joins the league's timeliness and the late_entry findings by one more
// entry here.
type EnteredRecord struct {
	Kind   string
	Select string
}

// EnteredRecords are the kinds the league and the late_entry scan read.
var EnteredRecords = []EnteredRecord{
	{"supply", `SELECT id, region_code, created_at, lag_workdays, late, id FROM supply WHERE lag_workdays IS NOT NULL`},
	{"event", `SELECT e.id, s.region_code, e.recorded_at, e.lag_workdays, e.late, e.supply_id
	FROM event e JOIN supply s ON s.id = e.supply_id WHERE NOT e.imported AND NOT e.withdrawn AND e.lag_workdays IS NOT NULL`},
	{"reserve", `SELECT id, region_code, created_at, lag_workdays, late, NULL::bigint FROM reserve WHERE lag_workdays IS NOT NULL`},
	{"plan", `SELECT id, region_code, created_at, lag_workdays, late, NULL::bigint FROM supply_plan WHERE lag_workdays IS NOT NULL`},
	{"announcement", `SELECT id, region_code, created_at, lag_workdays, late, NULL::bigint FROM announcement WHERE lag_workdays IS NOT NULL`},
	{"deal", `SELECT id, region_code, created_at, lag_workdays, late, NULL::bigint FROM deal WHERE lag_workdays IS NOT NULL`},
	{"transaction", `SELECT id, region_code, created_at, lag_workdays, late, NULL::bigint FROM land_transaction WHERE lag_workdays IS NOT NULL`},
}

// enteredRecordsSQL is every entered record as rows of (kind, id,
// region_code, entered_at, lag_workdays, late, supply_id).
func enteredRecordsSQL() string {
	parts := make([]string, len(EnteredRecords))
	for i, r := range EnteredRecords {
		parts[i] = `SELECT '` + r.Kind + `'::text AS kind, * FROM (` + r.Select + `) AS r(id, region_code, entered_at, lag_workdays, late, supply_id)`
	}
	return strings.Join(parts, "\nUNION ALL\n")
}

// League returns the figures of the 通报 league for a period, by the
// regions one level below region (the scope's own region when ""):
// timeliness of the records entered in the period, the backlog and the
// findings as they stood at its end. The rows are ranked (land.RankLeague).
func (s *Store) League(ctx context.Context, sc land.Scope, region string, p land.Period) ([]land.LeagueRow, error) {
	prefix, err := regionArg(sc, region)
	if err != nil {
		return nil, err
	}
	width := 2
	if prefix != nil {
		width = min(6, len(*prefix)+2)
	}
	start, end := s.rules.DayStart(p.From), s.rules.DayStart(p.To.AddDays(1))
	rows, err := s.pool.Query(ctx, qLeague(), prefix, width, start, end, dateArg(p.To),
		land.FalseReportingKinds, land.ConcealedReportingKinds)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []land.LeagueRow{}
	for rows.Next() {
		var r land.LeagueRow
		f := &r.LeagueFigures
		if err := rows.Scan(&r.Region, &r.Name, &f.Records, &f.Late, &f.MedianLag, &f.OverdueDelivery, &f.OverdueStart, &f.OverdueCompletion,
			&f.IdleSuspected, &f.IdleSuspectedHa, &f.IdleDetermined, &f.IdleDeterminedHa, &f.Overlaps, &f.FalseSigns, &f.ConcealedSigns, &f.LateByKind); err != nil {
			return nil, translate(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	return out, nil
}

// qLeague: $1 region prefix (NULL for the nation), $2 the width of the
// level below, [$3, $4) the period's instants, $5 its last day, $6 and $7
// the finding kinds of false and of concealed reporting. Findings count as
// they stood at the period's end (detected before it, not closed by then;
// dismissed ones not at all); a suspicion later determined counts as
// determined.
func qLeague() string {
	return `WITH rec AS (` + enteredRecordsSQL() + `),
t AS (
	SELECT rpad(left(region_code, $2), 6, '0') AS code, count(*)::int AS n, count(*) FILTER (WHERE late)::int AS late,
		coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY lag_workdays), 0)::float8 AS med
	FROM rec WHERE ($1::text IS NULL OR region_code LIKE $1 || '%') AND entered_at >= $3 AND entered_at < $4
	GROUP BY 1
), tk AS (
	SELECT code, jsonb_object_agg(kind, n) AS by_kind FROM (
		SELECT rpad(left(region_code, $2), 6, '0') AS code, kind, count(*)::int AS n
		FROM rec WHERE late AND ($1::text IS NULL OR region_code LIKE $1 || '%') AND entered_at >= $3 AND entered_at < $4
		GROUP BY 1, 2) k
	GROUP BY code
), steps AS (
	SELECT rpad(left(s.region_code, $2), 6, '0') AS code, s.agreed_delivery, s.agreed_start, s.agreed_completion,
		coalesce(bool_or(e.kind IN ('delivery', 'construction_start', 'completion', 'acceptance')), false) AS delivered,
		coalesce(bool_or(e.kind IN ('construction_start', 'completion', 'acceptance')), false) AS started,
		coalesce(bool_or(e.kind IN ('completion', 'acceptance')), false) AS completed,
		coalesce(bool_or(e.kind IN ('recovery', 'cancellation')), false) AS reclaimed
	FROM supply s LEFT JOIN event e ON e.supply_id = s.id AND NOT e.withdrawn AND e.occurred_on <= $5::date
	WHERE ($1::text IS NULL OR s.region_code LIKE $1 || '%') AND s.review_status = 'approved'
	GROUP BY s.id
), b AS (
	SELECT code, count(*) FILTER (WHERE agreed_delivery < $5::date AND NOT delivered)::int AS delivery,
		count(*) FILTER (WHERE agreed_start < $5::date AND NOT started)::int AS start,
		count(*) FILTER (WHERE agreed_completion < $5::date AND NOT completed)::int AS completion
	FROM steps WHERE NOT reclaimed
	GROUP BY code
), f AS (
	SELECT rpad(left(f.region_code, $2), 6, '0') AS code,
		count(*) FILTER (WHERE f.kind = 'suspected_idle' AND f.status NOT IN ('determined', 'disposal'))::int AS idle_s,
		coalesce(sum(s.area_ha) FILTER (WHERE f.kind = 'suspected_idle' AND f.status NOT IN ('determined', 'disposal')), 0)::float8 AS idle_s_ha,
		count(*) FILTER (WHERE f.kind = 'suspected_idle' AND f.status IN ('determined', 'disposal'))::int AS idle_d,
		coalesce(sum(s.area_ha) FILTER (WHERE f.kind = 'suspected_idle' AND f.status IN ('determined', 'disposal')), 0)::float8 AS idle_d_ha,
		count(*) FILTER (WHERE f.kind = 'overlap')::int AS overlaps,
		count(*) FILTER (WHERE f.kind = ANY($6))::int AS false_signs,
		count(*) FILTER (WHERE f.kind = ANY($7))::int AS concealed_signs
	FROM finding f LEFT JOIN supply s ON s.id = f.supply_id
	WHERE ($1::text IS NULL OR f.region_code LIKE $1 || '%') AND f.detected_at < $4
	  AND (f.closed_at IS NULL OR f.closed_at >= $4) AND f.status <> 'dismissed'
	GROUP BY 1
), codes AS (
	SELECT code FROM t UNION SELECT code FROM b UNION SELECT code FROM f
	UNION SELECT code FROM region WHERE CASE WHEN $1::text IS NULL THEN level = 'province' ELSE parent = rpad($1, 6, '0') AND code LIKE $1 || '%' END
)
SELECT c.code, coalesce(r.name, ''), coalesce(t.n, 0), coalesce(t.late, 0), coalesce(t.med, 0),
	coalesce(b.delivery, 0), coalesce(b.start, 0), coalesce(b.completion, 0),
	coalesce(f.idle_s, 0), coalesce(f.idle_s_ha, 0), coalesce(f.idle_d, 0), coalesce(f.idle_d_ha, 0),
	coalesce(f.overlaps, 0), coalesce(f.false_signs, 0), coalesce(f.concealed_signs, 0), coalesce(tk.by_kind, '{}')
FROM codes c LEFT JOIN region r USING (code) LEFT JOIN t USING (code) LEFT JOIN tk USING (code) LEFT JOIN b USING (code) LEFT JOIN f USING (code)
ORDER BY c.code`
}
