package main

import (
	"context"
	"testing"

	"landwatch/land"
	"landwatch/sql"
)

// The demo city's announcements are loaded through the import and
// published as `landwatch seed` does: every lot has its boundary, the
// supplies sold as lots name them and their chain reaches the deal, and
// the public side shows each announcement with one lot not sold.
func TestTheDemoCityLoadsItsAnnouncements(t *testing.T) {
	ctx := context.Background()
	svc, demo := loadedDemoCity(t, 1500)
	if err := publishDemoAnnouncements(ctx, svc, demo); err != nil {
		t.Fatal(err)
	}
	pub, total, _, err := svc.PublicAnnouncements(ctx, sql.PublicRecordFilter{})
	if err != nil || total != len(demo.Announcements) {
		t.Fatalf("%d published announcements (%v), want %d", total, err, len(demo.Announcements))
	}
	unsold := 0
	for _, a := range pub {
		for _, l := range a.Lots {
			if l.Deal == nil {
				unsold++
			}
		}
	}
	if unsold != 1 {
		t.Errorf("%d unsold lots published, want 1", unsold)
	}
	if _, n, _, err := svc.PublicDeals(ctx, sql.PublicRecordFilter{}); err != nil || n != len(demo.Deals) {
		t.Errorf("%d published deals (%v), want %d", n, err, len(demo.Deals))
	}
	sc := land.SystemScope("test")
	for _, s := range demo.Supplies {
		if s.Lot == nil {
			continue
		}
		c, err := svc.SupplyChain(ctx, sc, s.ENumber)
		if err != nil || c.Lot == nil || c.Deal == nil || c.Deal.Winner != s.Holder || len(c.Lot.Parcels) == 0 {
			t.Fatalf("the chain of %s: %+v %v", s.ENumber, c, err)
		}
	}
}
