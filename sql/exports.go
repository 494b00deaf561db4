package sql

import (
	"context"

	"landwatch/land"
)

// LoadSupplyChildren reads the parcels, events and installments of
// supplies that a list read without them (ListSupplies), for an export of
// one page of them.
func (s *Store) LoadSupplyChildren(ctx context.Context, sups []land.Supply) error {
	for i := range sups {
		if err := loadChildren(ctx, s.pool, &sups[i]); err != nil {
			return err
		}
	}
	return nil
}
