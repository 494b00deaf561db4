package sql

import (
	"context"

	"landwatch/land"
)

// SummaryFigure is one count of the statistics summary with its area (ha).
type SummaryFigure struct {
	Count  int     `json:"count"`
	AreaHa float64 `json:"area_ha"`
}

// DevelopmentFigures count the supplies of a period that reached a step
// (delivery, start, completion) by the agreed day or after it.
type DevelopmentFigures struct {
	OnTime SummaryFigure `json:"on_time"`
	Late   SummaryFigure `json:"late"`
}

// StatisticsSummary is idle land, overlaps and development of the approved
// supplies of a subtree whose contract falls in a period (issue 16 §1).
type StatisticsSummary struct {
	// Idle land: suspicions found in the period (not dismissed), and the
	// determinations (认定) and disposals (处置) recorded in it.
	IdleSuspected  SummaryFigure `json:"idle_suspected"`
	IdleDetermined SummaryFigure `json:"idle_determined"`
	IdleDisposed   SummaryFigure `json:"idle_disposed"`
	// Overlaps open now between supplies of the subtree.
	Overlaps  SummaryFigure      `json:"overlaps"`
	Delivered DevelopmentFigures `json:"delivered"`
	Started   DevelopmentFigures `json:"started"`
	Completed DevelopmentFigures `json:"completed"`
}

// StatisticsSummary answers the summary for region's subtree (the scope's
// when "") and the contract days from..to (zero: unbounded); idle-land
// steps count by the day they happened in the period.
func (s *Store) StatisticsSummary(ctx context.Context, sc land.Scope, region string, from, to land.Date) (*StatisticsSummary, error) {
	prefix, err := regionArg(sc, region)
	if err != nil {
		return nil, err
	}
	var start, end any
	if !from.IsZero() {
		start = s.rules.DayStart(from)
	}
	if !to.IsZero() {
		end = s.rules.DayStart(to.AddDays(1))
	}
	var sum StatisticsSummary
	figures := []*SummaryFigure{&sum.IdleSuspected, &sum.IdleDetermined, &sum.IdleDisposed, &sum.Overlaps,
		&sum.Delivered.OnTime, &sum.Delivered.Late, &sum.Started.OnTime, &sum.Started.Late, &sum.Completed.OnTime, &sum.Completed.Late}
	dest := make([]any, 0, 2*len(figures))
	for _, f := range figures {
		dest = append(dest, &f.Count, &f.AreaHa)
	}
	err = s.pool.QueryRow(ctx, qStatisticsSummary, prefix, dateArg(from), dateArg(to), start, end).Scan(dest...)
	return &sum, translate(err)
}

// qStatisticsSummary: $1 region prefix, $2..$3 the days, [$4, $5) their
// instants. A step is on time when it happened on or before the agreed
// day (a contract without that day counts it on time).
const qStatisticsSummary = `WITH sup AS (
	SELECT id, area_ha, agreed_delivery, agreed_start, agreed_completion FROM supply
	WHERE review_status = 'approved' AND ($1::text IS NULL OR region_code LIKE $1 || '%')
	  AND ($2::date IS NULL OR contract_date >= $2) AND ($3::date IS NULL OR contract_date <= $3)
), step AS (
	SELECT e.supply_id, e.kind, min(e.occurred_on) AS on_day FROM event e
	WHERE NOT e.withdrawn AND e.kind IN ('delivery', 'construction_start', 'completion')
	GROUP BY 1, 2
), dev AS (
	SELECT st.kind, sup.area_ha, st.on_day <= coalesce(CASE st.kind WHEN 'delivery' THEN sup.agreed_delivery
		WHEN 'construction_start' THEN sup.agreed_start ELSE sup.agreed_completion END, st.on_day) AS on_time
	FROM sup JOIN step st ON st.supply_id = sup.id
), idle AS (
	SELECT s.id, s.area_ha, f.detected_at FROM finding f JOIN supply s ON s.id = f.supply_id
	WHERE f.kind = 'suspected_idle' AND f.status <> 'dismissed' AND ($1::text IS NULL OR s.region_code LIKE $1 || '%')
	  AND ($4::timestamptz IS NULL OR f.detected_at >= $4) AND ($5::timestamptz IS NULL OR f.detected_at < $5)
), steps AS (
	SELECT e.kind, s.area_ha FROM event e JOIN supply s ON s.id = e.supply_id
	WHERE NOT e.withdrawn AND e.kind IN ('idle_determination', 'disposal') AND ($1::text IS NULL OR s.region_code LIKE $1 || '%')
	  AND ($2::date IS NULL OR e.occurred_on >= $2) AND ($3::date IS NULL OR e.occurred_on <= $3)
), ov AS (
	SELECT coalesce(sa.area_ha, 0) AS area_ha FROM finding f LEFT JOIN supply sa ON sa.id = f.supply_id
	WHERE f.kind = 'overlap' AND f.status NOT IN ('closed', 'dismissed') AND ($1::text IS NULL OR f.region_code LIKE $1 || '%')
)
SELECT (SELECT count(*)::int FROM idle), (SELECT coalesce(sum(area_ha), 0)::float8 FROM idle),
	(SELECT count(*)::int FROM steps WHERE kind = 'idle_determination'), (SELECT coalesce(sum(area_ha), 0)::float8 FROM steps WHERE kind = 'idle_determination'),
	(SELECT count(*)::int FROM steps WHERE kind = 'disposal'), (SELECT coalesce(sum(area_ha), 0)::float8 FROM steps WHERE kind = 'disposal'),
	(SELECT count(*)::int FROM ov), (SELECT coalesce(sum(area_ha), 0)::float8 FROM ov),
	count(*) FILTER (WHERE kind = 'delivery' AND on_time)::int, coalesce(sum(area_ha) FILTER (WHERE kind = 'delivery' AND on_time), 0)::float8,
	count(*) FILTER (WHERE kind = 'delivery' AND NOT on_time)::int, coalesce(sum(area_ha) FILTER (WHERE kind = 'delivery' AND NOT on_time), 0)::float8,
	count(*) FILTER (WHERE kind = 'construction_start' AND on_time)::int, coalesce(sum(area_ha) FILTER (WHERE kind = 'construction_start' AND on_time), 0)::float8,
	count(*) FILTER (WHERE kind = 'construction_start' AND NOT on_time)::int, coalesce(sum(area_ha) FILTER (WHERE kind = 'construction_start' AND NOT on_time), 0)::float8,
	count(*) FILTER (WHERE kind = 'completion' AND on_time)::int, coalesce(sum(area_ha) FILTER (WHERE kind = 'completion' AND on_time), 0)::float8,
	count(*) FILTER (WHERE kind = 'completion' AND NOT on_time)::int, coalesce(sum(area_ha) FILTER (WHERE kind = 'completion' AND NOT on_time), 0)::float8
FROM dev`
