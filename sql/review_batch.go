package sql

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// ReviewBatch is the outcome of one decision on many records: those
// decided, and every one refused with the reason.
type ReviewBatch struct {
	Decision string          `json:"decision"`
	Decided  []string        `json:"decided"` // e-supervision numbers
	Refused  []ReviewRefusal `json:"refused"`
}

// ReviewRefusal is a record a batch decision did not reach, and why.
type ReviewRefusal struct {
	Supply string `json:"supply"` // as asked: id or e-supervision number
	Reason string `json:"reason"`
}

// MaxReviewBatch is the most records one decision takes.
const MaxReviewBatch = 50_000

// ReviewSupplies records one reviewer's decision on many submitted
// supplies (named by id or e-supervision number) in one transaction; each
// record's history keeps the decision as if it were taken alone. A record
// outside the scope's region, not waiting for review, or (for an
// approval) submitted by the reviewer is refused with the reason; the
// others are decided.
func (s *Store) ReviewSupplies(ctx context.Context, sc land.Scope, keys []string, r land.Review) (*ReviewBatch, error) {
	if err := sc.CheckProvinceLevel("reviewing records"); err != nil {
		return nil, err
	}
	to, err := land.CheckReview(land.ReviewSubmitted, "", "", r)
	if err != nil {
		return nil, err
	}
	if len(keys) > MaxReviewBatch {
		return nil, land.Invalid("supplies", "%d records; one decision takes at most %d", len(keys), MaxReviewBatch)
	}
	prefix, err := regionArg(sc, "")
	if err != nil {
		return nil, err
	}
	var ids []int64
	var numbers []string
	for _, k := range keys {
		if id, err := strconv.ParseInt(k, 10, 64); err == nil {
			ids = append(ids, id)
		} else {
			numbers = append(numbers, k)
		}
	}
	actor := sc.Actor()
	out := &ReviewBatch{Decision: r.Decision, Decided: []string{}, Refused: []ReviewRefusal{}}
	found := map[string]bool{}
	err = s.inTx(ctx, sc, func(tx pgx.Tx) error {
		if err := roomForIDs(ctx, tx, len(ids)+len(numbers)); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, qReviewSupplies, ids, numbers, to, r.Reason, actor, prefix)
		if err != nil {
			return translate(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var number, status, submitter, region string
			var decided bool
			if err := rows.Scan(&id, &number, &status, &submitter, &region, &decided); err != nil {
				return translate(err)
			}
			found[number], found[strconv.FormatInt(id, 10)] = true, true
			if decided {
				out.Decided = append(out.Decided, number)
				continue
			}
			reason := "not waiting for review: it is " + status
			switch {
			case !sc.Covers(region):
				reason = "outside your region " + sc.User().Region
			case status == land.ReviewSubmitted && submitter == actor:
				reason = "you submitted this change and may not approve it"
			}
			out.Refused = append(out.Refused, ReviewRefusal{Supply: number, Reason: reason})
		}
		if err := rows.Err(); err != nil {
			return translate(err)
		}
		return s.auditIn(ctx, tx, BulkEntry(sc, "review", "supplies", map[string]any{"decision": r.Decision,
			"decided": len(out.Decided), "refused": len(out.Refused)}))
	})
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		if !found[k] {
			out.Refused = append(out.Refused, ReviewRefusal{Supply: k, Reason: "no such supply"})
		}
	}
	return out, nil
}

// SubmittedSupplies returns the keys of the submitted supplies a filter
// selects inside the scope (at most MaxReviewBatch + 1, so that the caller
// can tell a list too long for one decision).
func (s *Store) SubmittedSupplies(ctx context.Context, sc land.Scope, f SupplyFilter) ([]string, error) {
	region, err := regionArg(sc, f.Region)
	if err != nil {
		return nil, err
	}
	f.Review = land.ReviewSubmitted
	args, err := s.supplyArgs(ctx, f, region)
	if err != nil {
		return nil, err
	}
	args = append(args, int64(0), MaxReviewBatch+1)
	rows, err := s.pool.Query(ctx, `SELECT s.e_number FROM supply s`+supplyFilter+supplyPage, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, translate(err)
		}
		out = append(out, n)
	}
	return out, translate(rows.Err())
}

// qReviewSupplies decides every asked supply that is in the region,
// submitted and (for an approval) not submitted by the reviewer, and
// answers every asked supply that exists with whether it was decided.
const qReviewSupplies = `WITH asked AS (
	SELECT id, e_number, review_status, submitted_by, region_code FROM supply
	WHERE id IN (SELECT unnest($1::bigint[])) OR e_number IN (SELECT unnest($2::text[])) FOR UPDATE
), decided AS (
	UPDATE supply s SET review_status = $3, review_reason = $4, reviewed_by = $5, reviewed_at = now(),
		version = s.version + 1, updated_by = $5, updated_at = now()
	FROM asked a
	WHERE s.id = a.id AND a.review_status = 'submitted'
	  AND ($6::text IS NULL OR a.region_code LIKE $6 || '%')
	  AND ($3 <> 'approved' OR a.submitted_by <> $5)
	RETURNING s.id
)
SELECT a.id, a.e_number, a.review_status, a.submitted_by, a.region_code, d.id IS NOT NULL
FROM asked a LEFT JOIN decided d ON d.id = a.id ORDER BY a.id`
