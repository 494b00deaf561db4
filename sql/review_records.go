package sql

import (
	"context"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// reviewed is what a review needs of a record locked for it.
type reviewed struct {
	id          int64
	status      string
	submittedBy string
}

// reviewRecord records a reviewer's decision on a record of table (a
// reserve, a plan … each with the review columns of 0028), which lock
// finds and locks inside the transaction; it returns the record's id.
// Reviews are a province's work, and whoever submitted a record may not
// approve it (land.CheckReview).
func (s *Store) reviewRecord(ctx context.Context, sc land.Scope, table string, rv land.Review, lock func(pgx.Tx) (reviewed, error)) (int64, error) {
	actor := sc.Actor()
	if err := sc.CheckProvinceLevel("reviewing records"); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		cur, err := lock(tx)
		if err != nil {
			return err
		}
		to, err := land.CheckReview(cur.status, cur.submittedBy, actor, rv)
		if err != nil {
			return err
		}
		id = cur.id
		_, err = tx.Exec(ctx, `UPDATE `+pgx.Identifier{table}.Sanitize()+` SET review_status = $2, review_reason = $3,
	reviewed_by = $4, reviewed_at = now(), version = version + 1, updated_by = $4, updated_at = now()
WHERE id = $1`, cur.id, to, rv.Reason, actor)
		return translate(err)
	})
	return id, err
}
