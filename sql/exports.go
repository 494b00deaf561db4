package sql

import (
	"context"

	"github.com/jackc/pgx/v5/pgtype"

	"landwatch/land"
)

// LoadSupplyChildren reads the parcels, events, installments and lots of
// supplies that a list read without them (ListSupplies), for an export of
// one page of them: each kind for the whole page in one query, not one a
// supply.
func (s *Store) LoadSupplyChildren(ctx context.Context, sups []land.Supply) error {
	ids := make([]int64, len(sups))
	at := make(map[int64]*land.Supply, len(sups))
	for i := range sups {
		ids[i], at[sups[i].ID] = sups[i].ID, &sups[i]
		sups[i].Parcels, sups[i].Events, sups[i].Installments, sups[i].Lot = nil, nil, nil, nil
	}
	parcels, err := supplyParcels.loadOfMany(ctx, s.pool, ids)
	if err != nil {
		return err
	}
	for id, ps := range parcels {
		at[id].Parcels = ps
	}
	events, err := scanEvents(s.pool.Query(ctx, qEventsOfMany, ids))
	if err != nil {
		return err
	}
	for _, e := range events {
		at[e.SupplyID].Events = append(at[e.SupplyID].Events, e)
	}
	if err := s.loadInstallmentsOf(ctx, ids, at); err != nil {
		return err
	}
	return s.loadLotsOf(ctx, ids, at)
}

// loadInstallmentsOf reads the installments of the supplies ids into at.
func (s *Store) loadInstallmentsOf(ctx context.Context, ids []int64, at map[int64]*land.Supply) error {
	rows, err := s.pool.Query(ctx, `SELECT supply_id, period, due_on, amount_wan FROM installment WHERE supply_id = ANY($1) ORDER BY supply_id, period`, ids)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var in land.Installment
		var due pgtype.Date
		if err := rows.Scan(&id, &in.Period, &due, &in.AmountWan); err != nil {
			return translate(err)
		}
		in.DueOn = dateOf(due)
		at[id].Installments = append(at[id].Installments, in)
	}
	return translate(rows.Err())
}

// loadLotsOf names the lot each of the supplies ids became of, in at.
func (s *Store) loadLotsOf(ctx context.Context, ids []int64, at map[int64]*land.Supply) error {
	rows, err := s.pool.Query(ctx, `SELECT l.supply_id, l.id, a.number, l.number FROM lot l JOIN announcement a ON a.id = l.announcement_id
WHERE l.supply_id = ANY($1)`, ids)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r land.LotRef
		if err := rows.Scan(&id, &r.ID, &r.AnnouncementNumber, &r.LotNumber); err != nil {
			return translate(err)
		}
		at[id].Lot = &r
	}
	return translate(rows.Err())
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
