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
	return eachPage(func(after int64) ([]land.Supply, bool, error) {
		f.After, f.Limit = after, pageSize
		page, _, more, err := s.store.ListSupplies(ctx, sc, f)
		if err == nil {
			err = s.store.LoadSupplyChildren(ctx, page)
		}
		return page, more, err
	}, func(x *land.Supply) int64 { return x.ID }, fn)
}

// EachFinding calls fn with every finding f selects, a page of pageSize at
// a time, as ListFindings tells them to sc.
func (s *Service) EachFinding(ctx context.Context, sc land.Scope, f sql.FindingFilter, pageSize int, fn func(*sql.Finding) error) error {
	return eachPage(func(after int64) ([]sql.Finding, bool, error) {
		f.After, f.Limit = after, pageSize
		page, _, more, err := s.ListFindings(ctx, sc, f)
		return page, more, err
	}, func(x *sql.Finding) int64 { return x.ID }, fn)
}

// eachPage reads the pages of a keyset list after after, calling fn with
// each record, until a page says none follow.
func eachPage[T any](read func(after int64) ([]T, bool, error), id func(*T) int64, fn func(*T) error) error {
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
