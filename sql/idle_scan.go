package sql

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// IdleScanResult is the outcome of an idle-land scan.
type IdleScanResult struct {
	AsOf      land.Date `json:"as_of"`
	Supplies  int       `json:"supplies"`  // supplies assessed
	Suspected int       `json:"suspected"` // found suspected idle (疑似闲置)
	New       int       `json:"new"`       // suspected-idle findings opened
	Closed    int       `json:"closed"`    // suspected-idle findings closed because the cause went away
	// Inconsistent counts supplies largely covered by construction
	// footprints with no start recorded (with coverage only).
	Inconsistent       int `json:"inconsistent"`
	InconsistentNew    int `json:"inconsistent_new"`
	InconsistentClosed int `json:"inconsistent_closed"`
}

// InconsistentCoverage is the footprint coverage above which a supply with
// no construction start recorded is an inconsistency finding.
const InconsistentCoverage = 0.5

// findingSet is the open findings of one kind a scan wants to exist, and
// why the others should close.
type findingSet struct {
	kind string
	// day is the scan's: a suspicion of idle land found on it owes its
	// investigation notice land.NoticeDays later.
	day                 land.Date
	keys, rules, grades []string
	ids                 []int64
	figures             [][]byte
	notFound            map[int64]string // supply → why it has no finding now
	closePrefix         string
	created, closed     int
}

func newFindingSet(kind string, day land.Date, closePrefix string) *findingSet {
	return &findingSet{kind: kind, day: day, ids: []int64{}, notFound: map[int64]string{}, closePrefix: closePrefix}
}

func (f *findingSet) add(key string, supply int64, rule, grade string, figures any) {
	b, _ := json.Marshal(figures)
	f.keys, f.ids, f.rules, f.grades, f.figures = append(f.keys, key), append(f.ids, supply), append(f.rules, rule),
		append(f.grades, grade), append(f.figures, b)
}

// sync opens or updates the set's findings and closes the kind's open
// findings of other supplies, with their reasons. A supply whose last
// finding was dismissed gets a new one only when the evidence changed (see
// dismissals); a determined finding or one in disposal is never closed
// here: it ends by its own steps.
func (f *findingSet) sync(ctx context.Context, tx pgx.Tx) error {
	reopen, err := f.dismissals(ctx, tx)
	if err != nil {
		return err
	}
	var keys, rules, grades, because, superseded []string
	var ids, follows, stale []int64
	var figures [][]byte
	for i := range f.ids {
		r, dismissed := reopen[i]
		if dismissed && r.changed == "" {
			continue // the dismissal holds
		}
		var after int64
		if dismissed {
			after = r.dismissed
			if r.open {
				stale, superseded = append(stale, r.dismissed), append(superseded, "superseded by a new finding: "+r.changed)
			}
		}
		keys, ids, rules, grades, figures = append(keys, f.keys[i]), append(ids, f.ids[i]), append(rules, f.rules[i]),
			append(grades, f.grades[i]), append(figures, f.figures[i])
		follows, because = append(follows, after), append(because, r.changed)
	}
	var due any
	if f.kind == land.FindingSuspectedIdle {
		due = dateArg(f.day.AddDays(land.NoticeDays))
	}
	if len(stale) > 0 { // before the new findings take their subjects
		tag, err := tx.Exec(ctx, qCloseFindings, stale, superseded)
		if err != nil {
			return translate(err)
		}
		f.closed += int(tag.RowsAffected())
	}
	if len(ids) > 0 {
		if err := tx.QueryRow(ctx, qUpsertSupplyFindings, keys, ids, rules, grades, figures, f.kind, follows, because, due).Scan(&f.created); err != nil {
			return translate(err)
		}
	}
	if err := roomForIDs(ctx, tx, len(f.ids)); err != nil {
		return err
	}
	rows, err := tx.Query(ctx, qOpenSupplyFindings, f.ids, f.kind, land.DecidedStatuses())
	if err != nil {
		return translate(err)
	}
	stale = stale[:0]
	var why []string
	for rows.Next() {
		var fid int64
		var sid *int64
		if err := rows.Scan(&fid, &sid); err != nil {
			rows.Close()
			return translate(err)
		}
		reason := "the supply is gone"
		if sid != nil {
			reason = f.notFound[*sid]
		}
		stale, why = append(stale, fid), append(why, f.closePrefix+reason)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return translate(err)
	}
	if len(stale) > 0 {
		tag, err := tx.Exec(ctx, qCloseFindings, stale, why)
		if err != nil {
			return translate(err)
		}
		f.closed += int(tag.RowsAffected())
	}
	return nil
}

// ScanIdle applies the idle-land rule (DESIGN §4.2) to every supply as of
// asOf. coverage, when given, measures each supply's share covered by
// construction footprints observed after the day since gives it (the
// supply's agreed start): it goes into the figures of a suspicion, and a supply covered at least
// InconsistentCoverage with no start recorded becomes an inconsistency
// finding. With record, it keeps one open finding per supply and kind, and
// closes those whose cause went away, with the reason; running it again
// duplicates nothing. Without record (a look back at another day) it only
// counts.
func (s *Store) ScanIdle(ctx context.Context, sc land.Scope, rule land.IdleRule, asOf land.Date, record bool,
	measure func(since func(supplyID int64) land.Date) map[int64]float64) (IdleScanResult, error) {
	res := IdleScanResult{AsOf: asOf}
	supplies, err := s.idleCandidates(ctx)
	if err != nil {
		return res, err
	}
	var coverage map[int64]float64
	if measure != nil {
		starts := make(map[int64]land.Date, len(supplies))
		for _, c := range supplies {
			starts[c.supply.ID] = c.supply.AgreedStart
		}
		coverage = measure(func(id int64) land.Date { return starts[id] })
	}
	res.Supplies = len(supplies)
	idle := newFindingSet("suspected_idle", asOf, "no longer suspected as of "+asOf.String()+": ")
	odd := newFindingSet("inconsistency", asOf, "no longer inconsistent as of "+asOf.String()+": ")
	for _, c := range supplies {
		id := c.supply.ID
		a := rule.Assess(c.supply, c.events, asOf)
		cov, hasCov := coverage[id]
		if a.Suspected {
			figures := map[string]any{"assessment": a}
			if hasCov {
				figures["footprint_coverage"] = cov
			}
			idle.add("idle:"+strconv.FormatInt(id, 10), id, land.IdleRuleTitle(a.Rule), a.Grade, figures)
		} else {
			idle.notFound[id] = a.Reason
		}
		started := slices.ContainsFunc(c.events, func(e land.Event) bool {
			return e.Kind == land.EventStart && !e.OccurredOn.After(asOf)
		})
		if hasCov && cov >= InconsistentCoverage && !started && c.supply.Stage != land.StageReclaimed {
			odd.add("footprint:"+strconv.FormatInt(id, 10), id,
				fmt.Sprintf("footprints cover %.0f %% of the parcels but no construction start is recorded", cov*100), "", map[string]any{"footprint_coverage": cov})
		} else {
			odd.notFound[id] = fmt.Sprintf("footprint coverage %.0f %%, start recorded: %v", cov*100, started)
		}
	}
	res.Suspected, res.Inconsistent = len(idle.ids), len(odd.ids)
	if !record {
		return res, nil
	}
	err = s.inTx(ctx, sc, func(tx pgx.Tx) error {
		if err := idle.sync(ctx, tx); err != nil {
			return err
		}
		if coverage != nil { // without evidence, inconsistency findings are neither made nor closed
			if err := odd.sync(ctx, tx); err != nil {
				return err
			}
		}
		return s.auditIn(ctx, tx, BulkEntry(sc, "scan", "findings/idle", map[string]any{"as_of": asOf.String(),
			"suspected": len(idle.ids), "new": idle.created, "closed": idle.closed, "inconsistent_new": odd.created}))
	})
	res.New, res.Closed, res.InconsistentNew, res.InconsistentClosed = idle.created, idle.closed, odd.created, odd.closed
	return res, err
}

type idleCandidate struct {
	supply land.Supply
	events []land.Event
}

// idleCandidates reads every supply with the fields the rule needs and its
// events, in two passes over the tables.
func (s *Store) idleCandidates(ctx context.Context) ([]idleCandidate, error) {
	rows, err := s.pool.Query(ctx, qIdleSupplies)
	if err != nil {
		return nil, translate(err)
	}
	var out []idleCandidate
	at := map[int64]int{}
	for rows.Next() {
		var c idleCandidate
		var start, delivery pgtype.Date
		var stage string
		if err := rows.Scan(&c.supply.ID, &c.supply.ENumber, &c.supply.RegionCode, &c.supply.PriceWan, &start, &delivery, &stage); err != nil {
			rows.Close()
			return nil, translate(err)
		}
		c.supply.AgreedStart, c.supply.AgreedDelivery, c.supply.Stage = dateOf(start), dateOf(delivery), land.Stage(stage)
		at[c.supply.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	rows, err = s.pool.Query(ctx, qIdleEvents)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var e land.Event
		var kind string
		var on, newStart pgtype.Date
		if err := rows.Scan(&e.SupplyID, &kind, &on, &e.DevelopedShare, &e.InvestedShare, &e.Cause, &e.Disposal, &newStart); err != nil {
			return nil, translate(err)
		}
		e.Kind, e.OccurredOn, e.NewStart = land.EventKind(kind), dateOf(on), dateOf(newStart)
		if i, ok := at[e.SupplyID]; ok {
			out[i].events = append(out[i].events, e)
		}
	}
	return out, translate(rows.Err())
}

const (
	qIdleSupplies = `SELECT id, e_number, region_code, price_wan, agreed_start, agreed_delivery, stage FROM supply ORDER BY id`
	qIdleEvents   = `SELECT supply_id, kind, occurred_on, developed_share, invested_share, cause, disposal, new_start
FROM event WHERE NOT withdrawn ORDER BY supply_id, occurred_on, recorded_at, id`
	qUpsertSupplyFindings = `WITH up AS (
	INSERT INTO finding (kind, subject_key, supply_id, region_code, rule, grade, figures, follows, reopened_because, notice_due_on)
	SELECT $6, k, s.id, s.region_code, r, g, f, nullif(a, 0), b, $9::date
	FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::jsonb[], $7::bigint[], $8::text[]) AS u(k, id, r, g, f, a, b)
	JOIN supply s ON s.id = u.id
	ON CONFLICT (kind, subject_key) WHERE status <> 'closed' DO UPDATE
	SET rule = EXCLUDED.rule, grade = EXCLUDED.grade, figures = EXCLUDED.figures, checked_at = now()
	RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted) FROM up`
	qOpenSupplyFindings = `SELECT id, supply_id FROM finding
WHERE kind = $2 AND status <> 'closed' AND NOT (status = ANY($3)) AND (supply_id IS NULL OR supply_id NOT IN (SELECT unnest($1::bigint[])))`
	qCloseFindings = `UPDATE finding f SET status = 'closed', closed_at = now(), closed_reason = v.why
FROM unnest($1::bigint[], $2::text[]) AS v(id, why) WHERE f.id = v.id`
)
