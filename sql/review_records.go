package sql

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// reviewRecord records a reviewer's decision on a record of table (a
// reserve, a plan … each with the review columns of 0028) and reads it
// back with get: lock finds and locks the record inside the transaction
// (checking its version), state says its id and review state. Reviews are
// a province's work, and whoever submitted a record may not approve it
// (land.CheckReview).
func reviewRecord[R any](ctx context.Context, s *Store, sc land.Scope, table string, rv land.Review,
	lock func(pgx.Tx) (*R, error), state func(*R) (int64, land.RecordState),
	get func(context.Context, land.Scope, string) (*R, error)) (*R, error) {
	actor := sc.Actor()
	if err := sc.CheckProvinceLevel("reviewing records"); err != nil {
		return nil, err
	}
	var id int64
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		cur, err := lock(tx)
		if err != nil {
			return err
		}
		var st land.RecordState
		id, st = state(cur)
		to, err := land.CheckReview(st.ReviewStatus, st.SubmittedBy, actor, rv)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE `+pgx.Identifier{table}.Sanitize()+` SET review_status = $2, review_reason = $3,
	reviewed_by = $4, reviewed_at = now(), version = version + 1, updated_by = $4, updated_at = now()
WHERE id = $1`, id, to, rv.Reason, actor)
		return translate(err)
	})
	if err != nil {
		return nil, err
	}
	return get(ctx, sc, strconv.FormatInt(id, 10))
}
