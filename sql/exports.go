package sql

import (
	"context"

	"landwatch/land"
)

// LoadSupplyChildren reads the parcels, events and installments of
// supplies that a list read without them (ListSupplies), for an export of
// one page of them: the parcels of the whole page in one query.
func (s *Store) LoadSupplyChildren(ctx context.Context, sups []land.Supply) error {
	ids := make([]int64, len(sups))
	for i := range sups {
		ids[i] = sups[i].ID
	}
	parcels, err := supplyParcels.loadOfMany(ctx, s.pool, ids)
	if err != nil {
		return err
	}
	for i := range sups {
		sups[i].Parcels = parcels[sups[i].ID]
		if err := loadChildrenButParcels(ctx, s.pool, &sups[i]); err != nil {
			return err
		}
	}
	return nil
}

// LoadReserveParcels reads the boundaries of reserves that a list read
// without them (ListReserves), a page's in one query.
func (s *Store) LoadReserveParcels(ctx context.Context, rs []land.Reserve) error {
	ids := make([]int64, len(rs))
	for i := range rs {
		ids[i] = rs[i].ID
	}
	parcels, err := reserveParcels.loadOfMany(ctx, s.pool, ids)
	for i := range rs {
		rs[i].Parcels = parcels[rs[i].ID]
	}
	return err
}
