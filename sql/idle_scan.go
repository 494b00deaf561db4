package sql

import (
	"context"
	"encoding/json"
	"fmt"
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
	New       int       `json:"new"`       // findings opened
	Closed    int       `json:"closed"`    // findings closed because the cause went away
}

// ScanIdle applies the idle-land rule (DESIGN §4.2) to every supply as of
// asOf. With record, it keeps one open suspected_idle finding per suspected
// supply, with the clause, the dates, the grade and the fee, and closes the
// findings whose supply is no longer suspected, with the reason; running it
// again duplicates nothing. Without record (a look back at another day) it
// only counts.
func (s *Store) ScanIdle(ctx context.Context, actor string, rule land.IdleRule, asOf land.Date, record bool) (IdleScanResult, error) {
	res := IdleScanResult{AsOf: asOf}
	supplies, err := s.idleCandidates(ctx)
	if err != nil {
		return res, err
	}
	res.Supplies = len(supplies)
	var keys, rules, grades []string
	ids := []int64{}
	var figures [][]byte
	reasons := map[int64]string{}
	for _, c := range supplies {
		a := rule.Assess(c.supply, c.events, asOf)
		if !a.Suspected {
			reasons[c.supply.ID] = a.Reason
			continue
		}
		b, _ := json.Marshal(a)
		keys = append(keys, "idle:"+strconv.FormatInt(c.supply.ID, 10))
		ids = append(ids, c.supply.ID)
		rules = append(rules, fmt.Sprintf("闲置土地 (Order No. 53, clause %s): %s", a.Rule, a.Reason))
		grades = append(grades, a.Grade)
		figures = append(figures, b)
	}
	res.Suspected = len(ids)
	if !record {
		return res, nil
	}
	err = s.inTx(ctx, actor, func(tx pgx.Tx) error {
		if len(ids) > 0 {
			if err := tx.QueryRow(ctx, qUpsertIdle, keys, ids, rules, grades, figures).Scan(&res.New); err != nil {
				return translate(err)
			}
		}
		rows, err := tx.Query(ctx, qOpenIdle, ids)
		if err != nil {
			return translate(err)
		}
		var stale []int64
		var why []string
		for rows.Next() {
			var fid, sid int64
			if err := rows.Scan(&fid, &sid); err != nil {
				rows.Close()
				return translate(err)
			}
			stale = append(stale, fid)
			why = append(why, "no longer suspected as of "+asOf.String()+": "+reasons[sid])
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return translate(err)
		}
		if len(stale) > 0 {
			tag, err := tx.Exec(ctx, qCloseIdle, stale, why)
			if err != nil {
				return translate(err)
			}
			res.Closed = int(tag.RowsAffected())
		}
		return nil
	})
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
		var on pgtype.Date
		if err := rows.Scan(&e.SupplyID, &kind, &on, &e.DevelopedShare, &e.InvestedShare, &e.Cause, &e.Disposal); err != nil {
			return nil, translate(err)
		}
		e.Kind, e.OccurredOn = land.EventKind(kind), dateOf(on)
		if i, ok := at[e.SupplyID]; ok {
			out[i].events = append(out[i].events, e)
		}
	}
	return out, translate(rows.Err())
}

const (
	qIdleSupplies = `SELECT id, e_number, region_code, price_wan, agreed_start, agreed_delivery, stage FROM supply ORDER BY id`
	qIdleEvents   = `SELECT supply_id, kind, occurred_on, developed_share, invested_share, cause, disposal
FROM event ORDER BY supply_id, occurred_on, id`
	qUpsertIdle = `WITH up AS (
	INSERT INTO finding (kind, subject_key, supply_id, region_code, rule, grade, figures)
	SELECT 'suspected_idle', k, s.id, s.region_code, r, g, f
	FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::jsonb[]) AS u(k, id, r, g, f)
	JOIN supply s ON s.id = u.id
	ON CONFLICT (kind, subject_key) WHERE status <> 'closed' DO UPDATE
	SET rule = EXCLUDED.rule, grade = EXCLUDED.grade, figures = EXCLUDED.figures, checked_at = now()
	RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted) FROM up`
	qOpenIdle = `SELECT id, supply_id FROM finding
WHERE kind = 'suspected_idle' AND status <> 'closed' AND (supply_id IS NULL OR NOT (supply_id = ANY($1)))`
	qCloseIdle = `UPDATE finding f SET status = 'closed', closed_at = now(), closed_reason = v.why
FROM unnest($1::bigint[], $2::text[]) AS v(id, why) WHERE f.id = v.id`
)
