package sql

import "context"

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
