package sql

import (
	"context"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// reviewed is what the review of a record needs of it: its id, its review
// state and who submitted it.
type reviewed struct {
	id                int64
	status, submitter string
}

// reviewRecord records a reviewer's decision on a record of any kind of
// the register (a reserve, a transaction …): lock finds and locks the
// record in the transaction (checking its version), land.CheckReview
// judges the decision, and update (id, status, reason, reviewer) writes
// it. It returns the record's id.
func (s *Store) reviewRecord(ctx context.Context, sc land.Scope, rv land.Review, update string, lock func(pgx.Tx) (reviewed, error)) (int64, error) {
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
		to, err := land.CheckReview(cur.status, cur.submitter, actor, rv)
		if err != nil {
			return err
		}
		id = cur.id
		_, err = tx.Exec(ctx, update, cur.id, to, rv.Reason, actor)
		return translate(err)
	})
	return id, err
}
