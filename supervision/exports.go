package supervision

import (
	"context"

	"landwatch/land"
	"landwatch/sql"
)

// EachSupply calls fn with every supply f selects, with its parcels, events
// and installments, in id order: read a page of pageSize at a time by
// keyset, so that an export of any size holds one page only. f's After
// and Limit are its own. An error of fn ends the reading and is returned.
func (s *Service) EachSupply(ctx context.Context, sc land.Scope, f sql.SupplyFilter, pageSize int, fn func(*land.Supply) error) error {
	return EachPage(func(after int64) ([]land.Supply, bool, error) {
		f.After, f.Limit = after, pageSize
		page, _, more, err := s.store.ListSupplies(ctx, sc, f)
		if err == nil {
			err = s.store.LoadSupplyChildren(ctx, page)
		}
		return page, more, err
	}, func(x *land.Supply) int64 { return x.ID }, fn)
}

// EachReserve calls fn with every reserve f selects, with its boundaries,
// a page of pageSize at a time (the page's boundaries read in one query).
func (s *Service) EachReserve(ctx context.Context, sc land.Scope, f sql.ReserveFilter, pageSize int, fn func(*land.Reserve) error) error {
	return EachPage(func(after int64) ([]land.Reserve, bool, error) {
		f.After, f.Limit = after, pageSize
		page, _, more, err := s.store.ListReserves(ctx, sc, f)
		if err == nil {
			err = s.store.LoadReserveParcels(ctx, page)
		}
		return page, more, err
	}, func(x *land.Reserve) int64 { return x.ID }, fn)
}

// EachFinding calls fn with every finding f selects, a page of pageSize at
// a time, as ListFindings tells them to sc.
func (s *Service) EachFinding(ctx context.Context, sc land.Scope, f sql.FindingFilter, pageSize int, fn func(*sql.Finding) error) error {
	return EachPage(func(after int64) ([]sql.Finding, bool, error) {
		f.After, f.Limit = after, pageSize
		page, _, more, err := s.ListFindings(ctx, sc, f)
		return page, more, err
	}, func(x *sql.Finding) int64 { return x.ID }, fn)
}

// EachPage reads the pages of a keyset list (read answers the page after
// an id, and whether more follow), calling fn with each record of a page
// before the next is read, until a page says none follow: an export of
// any size holds one page.
func EachPage[T any](read func(after int64) ([]T, bool, error), id func(*T) int64, fn func(*T) error) error {
	var after int64
	for {
		page, more, err := read(after)
		if err != nil {
			return err
		}
		for i := range page {
			if err := fn(&page[i]); err != nil {
				return err
			}
		}
		if !more || len(page) == 0 {
			return nil
		}
		after = id(&page[len(page)-1])
	}
}
