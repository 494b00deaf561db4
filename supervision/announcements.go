package supervision

import (
	"context"
	"strconv"

	"landwatch/land"
	"landwatch/sql"
)

// PrepareAnnouncement checks an announcement and its lots' parcels before
// it is written, and measures the lag of its entry now from the
// announcement date (late past the rules' threshold, as reserves are).
func (r *Rules) PrepareAnnouncement(a *land.Announcement) ([]string, error) {
	warnings, err := a.Normalize(r.Regions, r.Today())
	if err != nil {
		return nil, err
	}
	for i := range a.Lots {
		pw, err := r.PrepareParcels(a.Lots[i].Parcels, a.RegionCode, a.Lots[i].AreaHa)
		if err != nil {
			return nil, land.PrefixField(err, lotField(i))
		}
		warnings = append(warnings, pw...)
	}
	a.SetLag(r.Lag, a.AnnouncedOn, r.Now())
	return warnings, nil
}

// PrepareDeal checks a deal against its lot's announcement and measures
// the lag of its entry now from the deal date.
func (r *Rules) PrepareDeal(d *land.Deal, a *land.Announcement) error {
	if err := d.Normalize(a, r.Today()); err != nil {
		return err
	}
	d.SetLag(r.Lag, d.DealOn, r.Now())
	return nil
}

func lotField(i int) string { return "lots[" + strconv.Itoa(i) + "]" }

// AnnouncementWrite is what a write of an announcement answers: the record
// as stored and the warnings of its checks (a short notice among them).
type AnnouncementWrite struct {
	*land.Announcement
	Warnings []string `json:"warnings"`
}

// CreateAnnouncement enters a transfer announcement (出让公告) with its
// lots, waiting for review; its lag from the announcement date is measured
// now. What landwatch sets (id, version, review, lag, each lot's status,
// deal and supply) is not taken from a. A number the region has used is
// CodeConflict; an announcement outside the scope's region CodeForbidden.
func (s *Service) CreateAnnouncement(ctx context.Context, sc land.Scope, a *land.Announcement) (*AnnouncementWrite, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	clean := *a
	clean.ID, clean.Timeliness, clean.RecordState, clean.Plan = 0, land.Timeliness{}, land.RecordState{}, nil
	clean.Lots = append([]land.Lot(nil), a.Lots...)
	for i := range clean.Lots {
		clean.Lots[i].ID, clean.Lots[i].Status, clean.Lots[i].Deal, clean.Lots[i].Supply = 0, "", nil, nil
	}
	warnings, err := s.store.CreateAnnouncement(ctx, sc, &clean)
	if err != nil {
		return nil, err
	}
	return &AnnouncementWrite{Announcement: &clean, Warnings: append([]string{}, warnings...)}, nil
}

// GetAnnouncement returns an announcement with its lots, their parcels,
// deals and supplies.
func (s *Service) GetAnnouncement(ctx context.Context, sc land.Scope, key string) (*land.Announcement, error) {
	return s.store.GetAnnouncement(ctx, sc, key)
}

// ListAnnouncements returns a page of announcements, the total and whether
// more follow.
func (s *Service) ListAnnouncements(ctx context.Context, sc land.Scope, f sql.AnnouncementFilter) ([]land.Announcement, int, bool, error) {
	return s.store.ListAnnouncements(ctx, sc, f)
}

// UpdateAnnouncement changes an announcement and its lots at version
// ifVersion (a newer one is CodeStale); it waits for review again.
func (s *Service) UpdateAnnouncement(ctx context.Context, sc land.Scope, key string, ifVersion int, apply func(*land.Announcement) error) (*AnnouncementWrite, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	a, warnings, err := s.store.UpdateAnnouncement(ctx, sc, key, ifVersion, apply)
	if err != nil {
		return nil, err
	}
	return &AnnouncementWrite{Announcement: a, Warnings: append([]string{}, warnings...)}, nil
}

// ReplaceLotParcels replaces the boundary of a lot, key
// "{announcement}/{lot number}".
func (s *Service) ReplaceLotParcels(ctx context.Context, sc land.Scope, key string, ifVersion int, ps []land.Parcel) (*AnnouncementWrite, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	a, warnings, err := s.store.ReplaceLotParcels(ctx, sc, key, ifVersion, ps)
	if err != nil {
		return nil, err
	}
	return &AnnouncementWrite{Announcement: a, Warnings: append([]string{}, warnings...)}, nil
}

// ReviewAnnouncement records a reviewer's decision on an announcement.
func (s *Service) ReviewAnnouncement(ctx context.Context, sc land.Scope, key string, ifVersion int, rv land.Review) (*land.Announcement, error) {
	if err := sc.Allow(land.PermReview, ""); err != nil {
		return nil, err
	}
	return s.store.ReviewAnnouncement(ctx, sc, key, ifVersion, rv)
}

// AnnouncementHistory returns every version of an announcement, its lots,
// their parcels and deals.
func (s *Service) AnnouncementHistory(ctx context.Context, sc land.Scope, key string, withGeometry bool) ([]sql.Version, error) {
	return s.store.AnnouncementHistory(ctx, sc, key, withGeometry)
}

// CreateDeal enters the deal publicity (成交公示) of a lot, waiting for
// review; its lag from the deal date is measured now. A lot with a deal
// already is CodeConflict.
func (s *Service) CreateDeal(ctx context.Context, sc land.Scope, d *land.Deal) (*land.Deal, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	clean := *d
	clean.ID, clean.Timeliness, clean.RecordState = 0, land.Timeliness{}, land.RecordState{}
	if err := s.store.CreateDeal(ctx, sc, &clean); err != nil {
		return nil, err
	}
	return &clean, nil
}

// GetDeal returns a deal.
func (s *Service) GetDeal(ctx context.Context, sc land.Scope, key string) (*land.Deal, error) {
	return s.store.GetDeal(ctx, sc, key)
}

// ListDeals returns a page of deals, the total and whether more follow.
func (s *Service) ListDeals(ctx context.Context, sc land.Scope, f sql.DealFilter) ([]land.Deal, int, bool, error) {
	return s.store.ListDeals(ctx, sc, f)
}

// UpdateDeal changes a deal at version ifVersion; it waits for review again.
func (s *Service) UpdateDeal(ctx context.Context, sc land.Scope, key string, ifVersion int, apply func(*land.Deal) error) (*land.Deal, error) {
	if err := sc.Allow(land.PermEdit, ""); err != nil {
		return nil, err
	}
	return s.store.UpdateDeal(ctx, sc, key, ifVersion, apply)
}

// ReviewDeal records a reviewer's decision on a deal.
func (s *Service) ReviewDeal(ctx context.Context, sc land.Scope, key string, ifVersion int, rv land.Review) (*land.Deal, error) {
	if err := sc.Allow(land.PermReview, ""); err != nil {
		return nil, err
	}
	return s.store.ReviewDeal(ctx, sc, key, ifVersion, rv)
}

// DealHistory returns every version of a deal.
func (s *Service) DealHistory(ctx context.Context, sc land.Scope, key string, withGeometry bool) ([]sql.Version, error) {
	return s.store.DealHistory(ctx, sc, key, withGeometry)
}

// SupplyChain returns the plan, announcement, lot and deal a supply came
// from.
func (s *Service) SupplyChain(ctx context.Context, sc land.Scope, key string) (*sql.Chain, error) {
	return s.store.SupplyChain(ctx, sc, key)
}

// PublicAnnouncements is the published list of announcements (approved
// only) with their lots; no coordinates.
func (s *Service) PublicAnnouncements(ctx context.Context, f sql.PublicRecordFilter) ([]sql.PublicAnnouncement, int, bool, error) {
	return s.store.PublicAnnouncements(ctx, f)
}

// PublicAnnouncement is one published announcement.
func (s *Service) PublicAnnouncement(ctx context.Context, key string) (*sql.PublicAnnouncement, error) {
	return s.store.PublicAnnouncement(ctx, key)
}

// PublicDeals is the published list of deals.
func (s *Service) PublicDeals(ctx context.Context, f sql.PublicRecordFilter) ([]sql.PublicDeal, int, bool, error) {
	return s.store.PublicDeals(ctx, f)
}

// PublicDeal is one published deal.
func (s *Service) PublicDeal(ctx context.Context, key string) (*sql.PublicDeal, error) {
	return s.store.PublicDeal(ctx, key)
}
