package supervision

import (
	"context"

	"landwatch/land"
	"landwatch/sql"
)

// ReserveWrite is what a write of a reserve answers: the record as stored
// and the warnings of its checks.
type ReserveWrite struct {
	*land.Reserve
	Warnings []string `json:"warnings"`
}

func newReserveWrite(r *land.Reserve, warnings []string) *ReserveWrite {
	return &ReserveWrite{Reserve: r, Warnings: append([]string{}, warnings...)}
}

// CreateReserve enters land taken into the reserve (土地收购储备) with its
// parcels, waiting for review; its lag from the day the land was taken in
// is measured now (due within 7 working days, DESIGN §4.1), a late entry
// accepted and marked. What landwatch sets (id, version, review, lag) is
// not taken from r. A known reserve number is CodeConflict; a reserve
// outside the scope's region CodeForbidden.
func (s *Service) CreateReserve(ctx context.Context, sc land.Scope, r *land.Reserve) (*ReserveWrite, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	clean := *r
	clean.ID, clean.Version, clean.LagWorkdays, clean.Late, clean.RemainingHa = 0, 0, nil, false, 0
	clean.ReviewStatus, clean.ReviewReason, clean.ReviewedBy, clean.SubmittedBy = "", "", "", ""
	warnings, err := s.store.CreateReserve(ctx, sc, &clean)
	if err != nil {
		return nil, err
	}
	return newReserveWrite(&clean, warnings), nil
}

// GetReserve returns a reserve by id or number with its parcels and
// remaining area.
func (s *Service) GetReserve(ctx context.Context, sc land.Scope, key string) (*land.Reserve, error) {
	return s.store.GetReserve(ctx, sc, key)
}

// ListReserves returns a page of reserves, the total and whether more
// follow.
func (s *Service) ListReserves(ctx context.Context, sc land.Scope, f sql.ReserveFilter) ([]land.Reserve, int, bool, error) {
	return s.store.ListReserves(ctx, sc, f)
}

// UpdateReserve changes a reserve's fields at version ifVersion (a newer
// one is CodeStale); the changed record waits for review again.
func (s *Service) UpdateReserve(ctx context.Context, sc land.Scope, key string, ifVersion int, apply func(*land.Reserve) error) (*ReserveWrite, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	r, warnings, err := s.store.UpdateReserve(ctx, sc, key, ifVersion, apply)
	if err != nil {
		return nil, err
	}
	return newReserveWrite(r, warnings), nil
}

// ReplaceReserveParcels replaces a reserve's boundaries (at version
// ifVersion when not 0).
func (s *Service) ReplaceReserveParcels(ctx context.Context, sc land.Scope, key string, ifVersion int, ps []land.Parcel) (*ReserveWrite, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	r, warnings, err := s.store.ReplaceReserveParcels(ctx, sc, key, ifVersion, ps)
	if err != nil {
		return nil, err
	}
	return newReserveWrite(r, warnings), nil
}

// ReviewReserve records a reviewer's decision on a submitted reserve.
func (s *Service) ReviewReserve(ctx context.Context, sc land.Scope, key string, ifVersion int, rv land.Review) (*land.Reserve, error) {
	if err := sc.Allow(land.PermReview, ""); err != nil {
		return nil, err
	}
	return s.store.ReviewReserve(ctx, sc, key, ifVersion, rv)
}

// ReserveHistory returns every version of a reserve and of its parcels.
func (s *Service) ReserveHistory(ctx context.Context, sc land.Scope, key string, withGeometry bool) ([]sql.Version, error) {
	return s.store.ReserveHistory(ctx, sc, key, withGeometry)
}
