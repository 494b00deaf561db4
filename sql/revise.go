package sql

import (
	"context"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
)

// revision says how a record of a kind (a reserve, a plan …) is revised by
// reviseRecord.
type revision[T any] struct {
	what    string                        // the kind, in messages
	lock    func(pgx.Tx) (*T, error)      // finds and locks the record at the version asked for
	id      func(*T) int64                // the record's id
	prepare func(*T) ([]string, error)    // checks the changed record and fills what is derived
	region  func(*T) string               // the region the changed record belongs to
	keep    func(first, changed *T)       // what a revision keeps of the first entry (its lag)
	write   func(pgx.Tx, *T, int64) error // stores the changed record as a new version
}

// reviseRecord changes a record by apply in one transaction: the record
// must stay in the scope and keep its id; it is checked again, and stored
// as a new version that waits for review. It returns the record's id and
// the warnings of the checks.
func reviseRecord[T any](ctx context.Context, s *Store, sc land.Scope, rv revision[T], apply func(*T) error) (int64, []string, error) {
	var warnings []string
	var id int64
	err := s.inTx(ctx, sc, func(tx pgx.Tx) error {
		cur, err := rv.lock(tx)
		if err != nil {
			return err
		}
		first := *cur
		id = rv.id(cur)
		if err := apply(cur); err != nil {
			return err
		}
		if rv.id(cur) != id {
			return land.Invalid("id", "the id of a %s cannot change", rv.what)
		}
		if warnings, err = rv.prepare(cur); err != nil {
			return err
		}
		if err := sc.Check(rv.region(cur)); err != nil {
			return err
		}
		rv.keep(&first, cur)
		return rv.write(tx, cur, id)
	})
	return id, warnings, err
}
