package main

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"landwatch/land"
	"landwatch/seed"
	"landwatch/sql"
	"landwatch/supervision"
)

// addAnnouncementRows adds the demo city's announcements to an import
// batch as a file of announced lots gives them (one row a lot) and their
// deals as a file of deals does; the supplies name their lots themselves.
// Lines continue after first.
func addAnnouncementRows(b *land.Batch, d *seed.Demo, first int) {
	line := first
	for _, a := range d.Announcements {
		for _, l := range a.Lots {
			row := a
			l.Parcels = nil
			row.Lots = []land.Lot{l}
			b.Announcements = append(b.Announcements, land.AnnouncementRecord{File: "demo", Line: line, Announcement: row})
			line++
		}
	}
	for _, dl := range d.Deals {
		b.Deals = append(b.Deals, land.DealRecord{File: "demo", Line: line, Deal: dl})
		line++
	}
}

// publishDemoAnnouncements gives the demo city's lots their boundaries
// and approves its announcements and deals, so that the map can outline
// the unsold lot and the public side shows them.
func publishDemoAnnouncements(ctx context.Context, svc *supervision.Service, d *seed.Demo) error {
	clerk, reviewer := land.SystemScope("seed"), land.SystemScope("seed-review")
	for _, want := range d.Announcements {
		items, _, _, err := svc.ListAnnouncements(ctx, clerk, sql.AnnouncementFilter{Region: want.RegionCode, Text: want.Number})
		if err != nil {
			return err
		}
		items = slices.DeleteFunc(items, func(a land.Announcement) bool { return a.Number != want.Number })
		if len(items) != 1 {
			return fmt.Errorf("announcement %s: %d loaded, want 1", want.Number, len(items))
		}
		id := strconv.FormatInt(items[0].ID, 10)
		version := items[0].Version
		for _, l := range want.Lots {
			w, err := svc.ReplaceLotParcels(ctx, clerk, id+"/"+l.Number, version, l.Parcels)
			if err != nil {
				return fmt.Errorf("lot %s of %s: %w", l.Number, want.Number, err)
			}
			version = w.Version
		}
		if _, err := svc.ReviewAnnouncement(ctx, reviewer, id, version, land.Review{Decision: "approve"}); err != nil {
			return err
		}
		deals, _, _, err := svc.ListDeals(ctx, clerk, sql.DealFilter{Announcement: items[0].ID})
		if err != nil {
			return err
		}
		for _, dl := range deals {
			if _, err := svc.ReviewDeal(ctx, reviewer, strconv.FormatInt(dl.ID, 10), dl.Version, land.Review{Decision: "approve"}); err != nil {
				return err
			}
		}
	}
	return nil
}
