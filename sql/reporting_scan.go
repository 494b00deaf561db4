package sql

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// ReportingScanResult is the outcome of the scan of reporting (通报):
// records entered late and the signs of false or concealed reporting, each
// as how many hold now, how many findings opened and how many closed.
type ReportingScanResult struct {
	LateEntries     int `json:"late_entries"`
	LateEntryNew    int `json:"late_entry_new"`
	LateEntryClosed int `json:"late_entry_closed"`
	// StartUnbuilt is counted with footprint evidence only.
	StartUnbuilt       int `json:"start_unbuilt"`
	StartUnbuiltNew    int `json:"start_unbuilt_new"`
	StartUnbuiltClosed int `json:"start_unbuilt_closed"`
	AreaMismatch       int `json:"area_mismatch"`
	AreaMismatchNew    int `json:"area_mismatch_new"`
	AreaMismatchClosed int `json:"area_mismatch_closed"`
	NoBoundary         int `json:"no_boundary"`
	NoBoundaryNew      int `json:"no_boundary_new"`
	NoBoundaryClosed   int `json:"no_boundary_closed"`
}

// ScanReporting keeps one late_entry finding open per record entered late
// (EnteredRecords; the lag in its figures) and one finding per sign of
// false or concealed reporting under rule as of asOf, and closes those
// whose cause went away — a record corrected or withdrawn, boundaries
// drawn, an area put right — with the reason; running it again duplicates
// nothing. measure, when given, is the footprint coverage of each supply
// since the day since gives (its recorded start); without it no
// start_unbuilt finding is made or closed.
func (s *Store) ScanReporting(ctx context.Context, sc land.Scope, rule land.ReportingRule, asOf land.Date,
	measure func(since func(supplyID int64) land.Date) map[int64]float64) (ReportingScanResult, error) {
	var res ReportingScanResult
	unbuilt, err := s.unbuiltStarts(ctx, rule, asOf, measure)
	if err != nil {
		return res, err
	}
	mismatch := newFindingSet(land.FindingAreaMismatch, asOf, "area no longer differs as of "+asOf.String()+": ")
	bare := newFindingSet(land.FindingNoBoundary, asOf, "boundaries drawn as of "+asOf.String()+": ")
	rows, err := s.pool.Query(ctx, qSupplyAreas, s.rules.DayStart(asOf.AddDays(-rule.BoundaryDays)))
	if err != nil {
		return res, translate(err)
	}
	for rows.Next() {
		var id int64
		var declared, measured float64
		var parcels int
		var overdue bool
		if err := rows.Scan(&id, &declared, &measured, &parcels, &overdue); err != nil {
			rows.Close()
			return res, translate(err)
		}
		key := strconv.FormatInt(id, 10)
		if d, off := rule.AreaMismatch(declared, measured); off {
			mismatch.add("area:"+key, id, fmt.Sprintf("declared %.4f ha, parcels measure %.4f ha: %.1f %% apart (tolerance %.0f %%)",
				declared, measured, d*100, rule.AreaTolerance*100), "",
				map[string]any{"declared_ha": declared, "measured_ha": measured, "difference": d, "tolerance": rule.AreaTolerance})
		} else {
			mismatch.notFound[id] = fmt.Sprintf("%.1f %% apart", d*100)
		}
		if parcels == 0 && overdue {
			bare.add("boundary:"+key, id, fmt.Sprintf("no boundaries %d days after its entry", rule.BoundaryDays), "",
				map[string]any{"deadline_days": rule.BoundaryDays})
		} else {
			bare.notFound[id] = fmt.Sprintf("%d parcels", parcels)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, translate(err)
	}
	err = s.inTx(ctx, sc, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, qLateEntryFindings(), land.FindingLateEntry).Scan(&res.LateEntries, &res.LateEntryNew); err != nil {
			return translate(err)
		}
		tag, err := tx.Exec(ctx, qCloseLateEntries(), land.FindingLateEntry, land.DecidedStatuses(),
			"no longer late as of "+asOf.String()+": the record was corrected or withdrawn")
		if err != nil {
			return translate(err)
		}
		res.LateEntryClosed = int(tag.RowsAffected())
		sets := []*findingSet{mismatch, bare}
		if unbuilt != nil {
			sets = append(sets, unbuilt)
		}
		for _, f := range sets {
			if err := f.sync(ctx, tx); err != nil {
				return err
			}
		}
		return s.auditIn(ctx, tx, BulkEntry(sc, "scan", "findings/reporting", map[string]any{"as_of": asOf.String(),
			"late_entries": res.LateEntries, "late_entry_new": res.LateEntryNew, "area_mismatch_new": mismatch.created,
			"no_boundary_new": bare.created}))
	})
	res.AreaMismatch, res.AreaMismatchNew, res.AreaMismatchClosed = len(mismatch.ids), mismatch.created, mismatch.closed
	res.NoBoundary, res.NoBoundaryNew, res.NoBoundaryClosed = len(bare.ids), bare.created, bare.closed
	if unbuilt != nil {
		res.StartUnbuilt, res.StartUnbuiltNew, res.StartUnbuiltClosed = len(unbuilt.ids), unbuilt.created, unbuilt.closed
	}
	return res, err
}

// unbuiltStarts are the supplies whose recorded construction start the
// footprints contradict (land.ReportingRule.Unbuilt): the footprints
// observed since the start cover too little of the parcels although the
// layer holds observations from long enough after it. nil without
// footprint evidence.
func (s *Store) unbuiltStarts(ctx context.Context, rule land.ReportingRule, asOf land.Date,
	measure func(since func(supplyID int64) land.Date) map[int64]float64) (*findingSet, error) {
	if measure == nil {
		return nil, nil
	}
	var last pgtype.Date
	if err := s.pool.QueryRow(ctx, `SELECT max(observed_on) FROM footprint WHERE observed_on <= $1`, dateArg(asOf)).Scan(&last); err != nil {
		return nil, translate(err)
	}
	rows, err := s.pool.Query(ctx, qRecordedStarts, dateArg(asOf))
	if err != nil {
		return nil, translate(err)
	}
	starts := map[int64]land.Date{}
	for rows.Next() {
		var id int64
		var on pgtype.Date
		if err := rows.Scan(&id, &on); err != nil {
			rows.Close()
			return nil, translate(err)
		}
		starts[id] = dateOf(on)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	coverage := measure(func(id int64) land.Date {
		if d, ok := starts[id]; ok {
			return d
		}
		return land.Date{}
	})
	if coverage == nil {
		return nil, nil
	}
	set := newFindingSet(land.FindingStartUnbuilt, asOf, "no longer contradicted as of "+asOf.String()+": ")
	for id, start := range starts {
		cov, measured := coverage[id]
		if measured && rule.Unbuilt(start, dateOf(last), cov) {
			set.add("unbuilt:"+strconv.FormatInt(id, 10), id,
				fmt.Sprintf("construction start recorded on %s, but footprints up to %s cover %.0f %% of the parcels", start, dateOf(last), cov*100), "",
				map[string]any{"recorded_start": start, "observed_until": dateOf(last), "footprint_coverage": cov})
		} else {
			set.notFound[id] = fmt.Sprintf("footprint coverage %.0f %%", cov*100)
		}
	}
	return set, nil
}

// qLateEntryFindings opens or updates one late_entry finding per record
// entered late ($1 the kind) and returns how many records are late and
// how many findings it opened.
func qLateEntryFindings() string {
	return `WITH rec AS (` + enteredRecordsSQL() + `), up AS (
	INSERT INTO finding (kind, subject_key, supply_id, region_code, rule, figures)
	SELECT $1, kind || ':' || id, supply_id, region_code,
		late_entry_rule(kind, id, lag_workdays),
		jsonb_build_object('record', kind, 'record_id', id, 'lag_workdays', lag_workdays, 'entered_at', entered_at)
	FROM rec WHERE late
	ON CONFLICT (kind, subject_key) WHERE status <> 'closed' DO UPDATE
	SET figures = EXCLUDED.figures, rule = EXCLUDED.rule, checked_at = now()
	RETURNING (xmax = 0) AS inserted
)
SELECT count(*)::int, count(*) FILTER (WHERE inserted)::int FROM up`
}

// qCloseLateEntries closes the open late_entry findings of records no
// longer late ($2 the statuses that end by their own steps, $3 why).
func qCloseLateEntries() string {
	return `WITH rec AS (` + enteredRecordsSQL() + `)
UPDATE finding SET status = 'closed', closed_at = now(), closed_reason = $3
WHERE kind = $1 AND status <> 'closed' AND NOT (status = ANY($2))
  AND subject_key NOT IN (SELECT kind || ':' || id FROM rec WHERE late)`
}

const (
	// qSupplyAreas: each supply's declared area, its parcels' plane area
	// (ha) and number, and whether it was entered before $1.
	qSupplyAreas = `SELECT s.id, s.area_ha, coalesce(sum(p.plane_area_m2), 0) / 10000, count(p.id)::int, s.created_at < $1
FROM supply s LEFT JOIN parcel p ON p.supply_id = s.id
WHERE s.stage NOT IN ('reclaimed')
GROUP BY s.id ORDER BY s.id`
	// qRecordedStarts: the first construction start of each supply on or
	// before $1, of supplies not taken back.
	qRecordedStarts = `SELECT e.supply_id, min(e.occurred_on) FROM event e JOIN supply s ON s.id = e.supply_id
WHERE e.kind = 'construction_start' AND NOT e.withdrawn AND e.occurred_on <= $1 AND s.stage NOT IN ('reclaimed')
GROUP BY e.supply_id`
)
