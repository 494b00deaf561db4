package sql

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// Finding is something a rule flagged (核查线索) for a person to look at.
type Finding struct {
	ID            int64  `json:"id"`
	Kind          string `json:"kind"`
	SupplyID      *int64 `json:"supply_id"`
	ENumber       string `json:"e_number,omitzero"` // of the supply
	OtherSupplyID *int64 `json:"other_supply_id,omitempty"`
	OtherENumber  string `json:"other_e_number,omitzero"`
	ParcelID      *int64 `json:"parcel_id,omitempty"`
	OtherParcelID *int64 `json:"other_parcel_id,omitempty"`
	RegionCode    string `json:"region_code"`
	// OtherRegionCode is the other supply's region, when it has one (the
	// reserve's, for a reserve_overlap).
	OtherRegionCode string `json:"other_region_code,omitzero"`
	// Reserve is the number of the reserve land a reserve_overlap's supply
	// covers without naming it.
	Reserve string `json:"reserve,omitzero"`
	// Elsewhere, in an answer to a county that sees one side of an
	// overlap only, says that the ground is already supplied in another
	// region; the other side's number, ids, area and position are left out
	// (a province above both sees them).
	Elsewhere    bool            `json:"elsewhere,omitzero"`
	Rule         string          `json:"rule"`
	Grade        string          `json:"grade,omitzero"`
	Figures      json.RawMessage `json:"figures"`
	Status       string          `json:"status"`
	Assignee     string          `json:"assignee,omitzero"`
	DetectedAt   time.Time       `json:"detected_at"`
	CheckedAt    time.Time       `json:"checked_at"`
	ClosedAt     *time.Time      `json:"closed_at,omitempty"`
	ClosedReason string          `json:"closed_reason,omitzero"`
	// NoticeDueOn is the last day for the investigation notice of suspected
	// idle land (调查通知书, land.NoticeDays after the suspicion was found);
	// NoticeOverdue, given with it, reports a notice still owed after that
	// day. NoticeNo and NoticedOn are the notice once issued.
	NoticeDueOn   land.Date `json:"notice_due_on,omitzero"`
	NoticeOverdue *bool     `json:"notice_overdue,omitempty"`
	NoticeNo      string    `json:"notice_no,omitzero"`
	NoticedOn     land.Date `json:"noticed_on,omitzero"`
	// Follows is the dismissed finding of the same supply and cause that
	// this one follows, and ReopenedBecause what changed since.
	Follows         *int64 `json:"follows,omitempty"`
	ReopenedBecause string `json:"reopened_because,omitzero"`
}

// ParcelOverlap is one overlap of two parcels of different supplies, as
// the index measured it.
type ParcelOverlap struct {
	ParcelA, ParcelB int64
	SupplyA, SupplyB int64
	AreaM2           float64
	ShareA, ShareB   float64
	// Reserve says that ParcelB is a parcel of reserve land (SupplyB 0)
	// that supply A does not name: a finding of kind reserve_overlap.
	Reserve bool
}

// overlapKey is the finding key of an overlap: the two parcel ids, lower first.
func overlapKey(a, b int64) string {
	if a > b {
		a, b = b, a
	}
	return fmt.Sprintf("overlap:%d:%d", a, b)
}

// RecordOverlaps writes one open finding per overlap (updating the open one
// of the same two parcels), with the shared area computed by PostGIS as its
// geometry. It returns the finding ids in the order of overlaps and how
// many were new.
func (s *Store) RecordOverlaps(ctx context.Context, sc land.Scope, rule string, overlaps []ParcelOverlap) ([]int64, int, error) {
	var ids []int64
	var created int
	err := s.inTx(ctx, sc, func(tx pgx.Tx) (err error) {
		ids, created, err = recordOverlaps(ctx, tx, rule, overlaps)
		return err
	})
	return ids, created, err
}

// recordOverlaps is RecordOverlaps inside tx, so that the overlap check of
// the change feed records and settles its debt in one transaction. Each
// kind is written by one statement: row by row, the findings of a bulk
// import's check took 180 µs each. A pair measured from both sides (both
// parcels were checked) is one finding, written as its first side gave it.
func recordOverlaps(ctx context.Context, tx pgx.Tx, rule string, overlaps []ParcelOverlap) ([]int64, int, error) {
	ids := make([]int64, len(overlaps))
	if len(overlaps) == 0 {
		return ids, 0, nil
	}
	type side struct {
		keys       []string
		figures    [][]byte
		a, b       []int64
		overlapsOf map[string][]int // the overlaps of each key, by index
	}
	sides := [2]side{{overlapsOf: map[string][]int{}}, {overlapsOf: map[string][]int{}}}
	for i, o := range overlaps {
		sd, key := &sides[0], overlapKey(o.ParcelA, o.ParcelB)
		if o.Reserve {
			sd, key = &sides[1], fmt.Sprintf("reserve_overlap:%d:%d", o.ParcelA, o.ParcelB)
		}
		if _, seen := sd.overlapsOf[key]; !seen {
			figures, _ := json.Marshal(map[string]any{"area_m2": round2(o.AreaM2), "share_a": round4(o.ShareA), "share_b": round4(o.ShareB)})
			sd.keys, sd.figures = append(sd.keys, key), append(sd.figures, figures)
			sd.a, sd.b = append(sd.a, o.ParcelA), append(sd.b, o.ParcelB)
		}
		sd.overlapsOf[key] = append(sd.overlapsOf[key], i)
	}
	created := 0
	for k, query := range [2]string{qUpsertOverlaps, qUpsertReserveOverlaps} {
		sd := sides[k]
		if len(sd.keys) == 0 {
			continue
		}
		rows, err := tx.Query(ctx, query, sd.keys, rule, sd.figures, sd.a, sd.b)
		if err != nil {
			return nil, 0, translate(err)
		}
		written := 0
		for rows.Next() {
			var id int64
			var key string
			var isNew bool
			if err := rows.Scan(&id, &key, &isNew); err != nil {
				rows.Close()
				return nil, 0, translate(err)
			}
			for _, i := range sd.overlapsOf[key] {
				ids[i] = id
			}
			if isNew {
				created++
			}
			written++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, 0, translate(err)
		}
		if written < len(sd.keys) { // a parcel went meanwhile
			return nil, 0, translate(pgx.ErrNoRows)
		}
	}
	return ids, created, nil
}

// CloseOverlapsExcept closes the open overlap findings that involve the
// given supplies (or, with regionPrefix, any supply of that region subtree)
// and are not among keep: the overlap is gone. It returns how many closed.
func (s *Store) CloseOverlapsExcept(ctx context.Context, sc land.Scope, supplies []int64, regionPrefix string, keep []int64) (int, error) {
	var n int
	err := s.inTx(ctx, sc, func(tx pgx.Tx) (err error) {
		n, err = closeOverlapsExcept(ctx, tx, supplies, regionPrefix, keep)
		return err
	})
	return n, err
}

func closeOverlapsExcept(ctx context.Context, tx pgx.Tx, supplies []int64, regionPrefix string, keep []int64) (int, error) {
	tag, err := tx.Exec(ctx, qCloseOverlaps, supplies, nullable(regionPrefix), keep)
	return int(tag.RowsAffected()), translate(err)
}

// FindingFilter selects findings.
type FindingFilter struct {
	Kind, Status, Region, Grade string
	Assignee                    string // a field team's own work list
	Supply                      int64
	ID                          int64 // one finding
	// Near keeps findings whose supply has a parcel within WithinM metres
	// of the point (longitude, latitude in EPSG:4490).
	Near    *[2]float64
	WithinM float64
	// Notice keeps the suspected-idle findings whose investigation notice
	// is owed, overdue (owed after its day) or issued.
	Notice string
	After  int64
	Limit  int
}

// ListFindings returns a page of findings in id order, the total that
// match, and whether more follow.
func (s *Store) ListFindings(ctx context.Context, sc land.Scope, f FindingFilter) ([]Finding, int, bool, error) {
	region, err := regionArg(sc, f.Region)
	if err != nil {
		return nil, 0, false, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	today := s.rules.Today()
	args := []any{nullable(f.Kind), nullable(f.Status), region, nullableID(f.Supply), nullableID(f.ID),
		nullable(f.Grade), nil, nil, nil, nullable(f.Assignee), nullable(f.Notice), dateArg(today)}
	if f.Near != nil {
		args[6], args[7], args[8] = f.Near[0], f.Near[1], f.WithinM
	}
	var total int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM finding f`+findingFilter, args...).Scan(&total); err != nil {
		return nil, 0, false, translate(err)
	}
	rows, err := s.pool.Query(ctx, qListFindings, append(args, f.After, f.Limit+1)...)
	if err != nil {
		return nil, 0, false, translate(err)
	}
	defer rows.Close()
	var out []Finding
	for rows.Next() {
		var x Finding
		var due, noticed pgtype.Date
		if err := rows.Scan(&x.ID, &x.Kind, &x.SupplyID, &x.OtherSupplyID, &x.ParcelID, &x.OtherParcelID, &x.RegionCode,
			&x.Rule, &x.Grade, &x.Figures, &x.Status, &x.Assignee, &x.DetectedAt, &x.CheckedAt, &x.ClosedAt, &x.ClosedReason, &x.ENumber,
			&x.OtherENumber, &x.OtherRegionCode, &due, &x.NoticeNo, &noticed, &x.Follows, &x.ReopenedBecause, &x.Reserve); err != nil {
			return nil, 0, false, translate(err)
		}
		x.NoticeDueOn, x.NoticedOn = dateOf(due), dateOf(noticed)
		if !x.NoticeDueOn.IsZero() {
			overdue := x.NoticeNo == "" && land.NoticeOwed(x.Kind, x.Status) && today.After(x.NoticeDueOn)
			x.NoticeOverdue = &overdue
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, false, translate(err)
	}
	more := len(out) > f.Limit
	if more {
		out = out[:f.Limit]
	}
	return out, total, more, nil
}

// OverlapGeometry returns the shared area of an open overlap finding of two
// parcels as WKB, for the map's overlaps layer.
func (s *Store) OverlapGeometry(ctx context.Context, parcelA, parcelB int64) ([]byte, error) {
	var wkb []byte
	err := s.pool.QueryRow(ctx, qOverlapGeometry, overlapKey(parcelA, parcelB)).Scan(&wkb)
	if err != nil {
		return nil, translate(err)
	}
	return wkb, nil
}

func nullableID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }
func round4(f float64) float64 { return float64(int64(f*10000+0.5)) / 10000 }

const findingFilter = `
WHERE ($1::text IS NULL OR f.kind = $1)
  AND ($2::text IS NULL OR f.status = $2)
  AND ($3::text IS NULL OR f.region_code LIKE $3 || '%' OR f.other_region_code LIKE $3 || '%')
  AND ($4::bigint IS NULL OR f.supply_id = $4 OR f.other_supply_id = $4)
  AND ($5::bigint IS NULL OR f.id = $5)
  AND ($6::text IS NULL OR f.grade = $6)
  AND ($7::float8 IS NULL OR EXISTS (SELECT FROM parcel p JOIN supply s ON s.id = p.supply_id
	WHERE p.supply_id IN (f.supply_id, f.other_supply_id) -- near the caller's own land only
	AND ($3::text IS NULL OR s.region_code LIKE $3 || '%')
	AND ST_DWithin(p.geom::geography, ST_SetSRID(ST_MakePoint($7, $8::float8), 4490)::geography, $9::float8)))
  AND ($10::text IS NULL OR f.assignee = $10)
  AND ($11::text IS NULL OR ($11 = 'issued' AND f.notice_no <> '')
	OR ($11 IN ('owed', 'overdue') AND f.notice_no = '' AND f.kind = 'suspected_idle'
		AND f.status IN ('open', 'assigned', 'verified') -- land.NoticeOwed
		AND ($11 = 'owed' OR f.notice_due_on < $12::date)))`

const (
	// An open finding of the same parties is updated, not opened twice.
	upsertOverlapTail = `ON CONFLICT (kind, subject_key) WHERE status <> 'closed' DO UPDATE
SET figures = EXCLUDED.figures, geom = EXCLUDED.geom, rule = EXCLUDED.rule, checked_at = now(),
	other_region_code = EXCLUDED.other_region_code
RETURNING id, subject_key, (xmax = 0)`
	// The overlaps to record: one row per finding key, with its figures and
	// its two parcels.
	overlapsInput = `WITH o AS (SELECT * FROM unnest($1::text[], $3::jsonb[], $4::bigint[], $5::bigint[])
	WITH ORDINALITY AS o(k, figures, a, b, ord))
`
	qUpsertOverlaps = overlapsInput + `INSERT INTO finding (kind, subject_key, supply_id, other_supply_id, parcel_id, other_parcel_id,
	region_code, other_region_code, rule, figures, geom)
SELECT 'overlap', o.k, pa.supply_id, pb.supply_id, pa.id, pb.id, sa.region_code, sb.region_code, $2, o.figures,
	ST_Multi(ST_CollectionExtract(ST_Intersection(pa.geom, pb.geom), 3))
FROM o JOIN parcel pa ON pa.id = o.a JOIN parcel pb ON pb.id = o.b
	JOIN supply sa ON sa.id = pa.supply_id JOIN supply sb ON sb.id = pb.supply_id
ORDER BY o.ord
` + upsertOverlapTail
	// A supply on reserve land it does not name: the shared ground as an
	// overlap's, the reserve in its own columns, its region as the other
	// side's.
	qUpsertReserveOverlaps = overlapsInput + `INSERT INTO finding (kind, subject_key, supply_id, parcel_id, reserve_id, reserve_parcel_id,
	region_code, other_region_code, rule, figures, geom)
SELECT 'reserve_overlap', o.k, pa.supply_id, pa.id, r.id, rp.id, sa.region_code, r.region_code, $2, o.figures,
	ST_Multi(ST_CollectionExtract(ST_Intersection(pa.geom, rp.geom), 3))
FROM o JOIN parcel pa ON pa.id = o.a JOIN reserve_parcel rp ON rp.id = o.b
	JOIN supply sa ON sa.id = pa.supply_id JOIN reserve r ON r.id = rp.reserve_id
ORDER BY o.ord
` + upsertOverlapTail
	qCloseOverlaps = `UPDATE finding SET status = 'closed', closed_at = now(),
	closed_reason = 'the overlap is no longer present'
WHERE kind IN ('overlap', 'reserve_overlap') AND status <> 'closed'
  AND (supply_id IN (SELECT unnest($1::bigint[])) OR other_supply_id IN (SELECT unnest($1::bigint[]))
	OR ($2::text IS NOT NULL AND region_code LIKE $2 || '%'))
  AND id NOT IN (SELECT unnest($3::bigint[]))`
	qListFindings = `SELECT f.id, f.kind, f.supply_id, f.other_supply_id, f.parcel_id, f.other_parcel_id, f.region_code,
	f.rule, f.grade, f.figures, f.status, f.assignee, f.detected_at, f.checked_at, f.closed_at, f.closed_reason,
	coalesce((SELECT e_number FROM supply WHERE id = f.supply_id), ''),
	coalesce((SELECT e_number FROM supply WHERE id = f.other_supply_id), ''), f.other_region_code,
	f.notice_due_on, f.notice_no, f.noticed_on, f.follows, f.reopened_because,
	coalesce((SELECT number FROM reserve WHERE id = f.reserve_id), '')
FROM finding f` + findingFilter + ` AND f.id > $13 ORDER BY f.id LIMIT $14`
	qOverlapGeometry = `SELECT ST_AsBinary(geom) FROM finding WHERE kind = 'overlap' AND subject_key = $1 AND status <> 'closed'`
)

// FindingStep is one move of a finding.
type FindingStep struct {
	// Step is what a step that is not a move of its own was: the
	// investigation notice (land.StepNotice) or a field verification.
	Step     string    `json:"step,omitzero"`
	From     string    `json:"from"`
	To       string    `json:"to"`
	Assignee string    `json:"assignee,omitzero"`
	Reason   string    `json:"reason"`
	Actor    string    `json:"actor"`
	At       time.Time `json:"at"`
	// DocumentNo and DecidedOn name the decision of a determination or disposal.
	DocumentNo string    `json:"document_no,omitzero"`
	DecidedOn  land.Date `json:"decided_on,omitzero"`
}

// MoveFinding moves a finding to another status (land.CheckFindingMove),
// recording the step; the row is locked meanwhile. The determination and
// disposal of suspected idle land also record their decision as an event of
// the supply (land.DecisionEvent), in the same transaction.
func (s *Store) MoveFinding(ctx context.Context, sc land.Scope, id int64, m land.FindingMove) (*Finding, error) {
	actor := sc.Actor()
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		var kind, from, current string
		var supplyID *int64
		var figures struct {
			Assessment struct {
				FeeWan *float64 `json:"fee_wan"`
			} `json:"assessment"`
		}
		var region, otherRegion, noticeNo string
		if err := tx.QueryRow(ctx, qFindingForMove, id).Scan(&kind, &from, &current, &supplyID, &figures, &region, &otherRegion, &noticeNo); err != nil {
			if land.ErrorCode(translate(err)) == land.CodeNotFound {
				return &land.Error{Code: land.CodeNotFound, Field: "id", Message: fmt.Sprintf("no finding %d", id)}
			}
			return translate(err)
		}
		// An overlap across two regions is the work of either county.
		if err := sc.Check(region); err != nil && (otherRegion == "" || sc.Check(otherRegion) != nil) {
			return err
		}
		if err := land.CheckFindingMove(kind, from, m); err != nil {
			return err
		}
		if m.Step == land.StepNotice {
			if err := s.recordNotice(ctx, tx, id, noticeNo, m); err != nil {
				return err
			}
			m.Status = from
		}
		if m.Assignee == "" {
			m.Assignee = current
		}
		if e, ok := land.DecisionEvent(kind, m, figures.Assessment.FeeWan); ok && supplyID != nil {
			if _, err := s.addEvent(ctx, tx, sc, strconv.FormatInt(*supplyID, 10), &e); err != nil {
				return land.PrefixField(err, "decision")
			}
		}
		if _, err := tx.Exec(ctx, qMoveFinding, id, m.Status, m.Assignee, m.Reason); err != nil {
			return translate(err)
		}
		_, err := tx.Exec(ctx, qFindingStep, id, from, m.Status, m.Assignee, m.Reason, actor, m.DocumentNo, dateArg(m.DecidedOn), m.Step)
		return translate(err)
	})
	if err != nil {
		return nil, err
	}
	items, _, _, err := s.ListFindings(ctx, sc, FindingFilter{ID: id, Limit: 1})
	if err != nil || len(items) == 0 {
		return nil, err
	}
	return &items[0], nil
}

// recordNotice records the investigation notice of a finding: once, and
// not dated after today.
func (s *Store) recordNotice(ctx context.Context, tx pgx.Tx, id int64, issued string, m land.FindingMove) error {
	if issued != "" {
		return &land.Error{Code: land.CodeConflict, Field: "step", Message: fmt.Sprintf("the investigation notice %s was issued already", issued)}
	}
	if today := s.rules.Today(); m.DecidedOn.After(today) {
		return land.Invalid("decided_on", "%s is after today (%s): record a notice once it is issued", m.DecidedOn, today)
	}
	_, err := tx.Exec(ctx, `UPDATE finding SET notice_no = $2, noticed_on = $3 WHERE id = $1`, id, m.DocumentNo, dateArg(m.DecidedOn))
	return translate(err)
}

// FindingSteps returns the moves of a finding, oldest first.
func (s *Store) FindingSteps(ctx context.Context, id int64) ([]FindingStep, error) {
	rows, err := s.pool.Query(ctx, `SELECT step, from_status, to_status, assignee, reason, actor, at, document_no, decided_on FROM finding_step WHERE finding_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := []FindingStep{}
	for rows.Next() {
		var st FindingStep
		var decided pgtype.Date
		if err := rows.Scan(&st.Step, &st.From, &st.To, &st.Assignee, &st.Reason, &st.Actor, &st.At, &st.DocumentNo, &decided); err != nil {
			return nil, translate(err)
		}
		st.DecidedOn = dateOf(decided)
		out = append(out, st)
	}
	return out, translate(rows.Err())
}

const (
	qMoveFinding = `UPDATE finding SET status = $2, assignee = $3, checked_at = now(),
	closed_at = CASE WHEN $2 = 'closed' THEN now() END,
	closed_reason = CASE WHEN $2 = 'closed' THEN $4 ELSE closed_reason END
WHERE id = $1`
	qFindingStep = `INSERT INTO finding_step (finding_id, from_status, to_status, assignee, reason, actor, document_no, decided_on, step)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`
	qFindingForMove = `SELECT kind, status, assignee, supply_id, figures, region_code, other_region_code, notice_no FROM finding WHERE id = $1 FOR UPDATE`
)
