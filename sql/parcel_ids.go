package sql

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// ParcelIDsOf returns the ids of the supplies' parcels, in order.
func (s *Store) ParcelIDsOf(ctx context.Context, supplyIDs []int64) ([]int64, error) {
	return idList(ctx, s.pool, qParcelIDsOf, supplyIDs)
}

// idList runs a query of one id column with one argument.
func idList(ctx context.Context, q querier, query string, arg any) ([]int64, error) {
	rows, err := q.Query(ctx, query, arg)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, translate(err)
		}
		ids = append(ids, id)
	}
	return ids, translate(rows.Err())
}

const qParcelIDsOf = `SELECT id FROM parcel WHERE supply_id = ANY($1) ORDER BY id`

// roomForIDs lets the statements of tx that follow hash n ids. PostgreSQL
// hashes the ids of IN (SELECT unnest($1)) only when the hash table fits in
// its memory for hashing (work_mem, 4 MB by default, times two: about
// 100,000 ids); past that it compares every row with every id. The change
// feed's round after a province's first load of a million parcels so
// compared a million parcels with a million ids each, and was still running
// when it was stopped minutes later. The setting ends with tx.
func roomForIDs(ctx context.Context, tx pgx.Tx, n int) error {
	if n < manyIDs {
		return nil
	}
	// 128 bytes an id: a hashed id takes about 64 with its entry.
	_, err := tx.Exec(ctx, fmt.Sprintf("SET LOCAL work_mem = '%dkB'", max(n/8, 64<<10)))
	return translate(err)
}

// manyIDs is how many ids make roomForIDs raise work_mem.
const manyIDs = 50_000
