package sql

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// ReviewSupply records a reviewer's decision on a submitted supply (at
// version ifVersion, as If-Match names it). The supply's history keeps the
// step, with who decided and why.
func (s *Store) ReviewSupply(ctx context.Context, sc land.Scope, key string, ifVersion int, r land.Review) (*land.Supply, error) {
	actor := sc.Actor()
	if err := sc.CheckProvinceLevel("reviewing records"); err != nil {
		return nil, err
	}
	var id int64
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		cur, err := s.lockSupply(ctx, sc, tx, key, ifVersion)
		if err != nil {
			return err
		}
		to, err := land.CheckReview(cur.ReviewStatus, cur.SubmittedBy, actor, r)
		if err != nil {
			return err
		}
		id = cur.ID
		_, err = tx.Exec(ctx, qReviewSupply, cur.ID, to, r.Reason, actor)
		return translate(err)
	})
	if err != nil {
		return nil, err
	}
	return s.GetSupply(ctx, sc, strconv.FormatInt(id, 10))
}

const qReviewSupply = `UPDATE supply SET review_status = $2, review_reason = $3, reviewed_by = $4, reviewed_at = now(),
	version = version + 1, updated_by = $4, updated_at = now()
WHERE id = $1`
