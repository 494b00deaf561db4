package main

import (
	"context"
	"testing"

	"landwatch/land"
	"landwatch/seed"
	"landwatch/sql"
	"landwatch/supervision"
)

// demoCollectiveLandLoaded checks the demo city's collective land as
// `landwatch seed` loaded it into svc: listed by collective=true with its
// owner, approved, as many as the city has, and the rest listed as state
// land.
func demoCollectiveLandLoaded(t *testing.T, svc *supervision.Service, demo *seed.Demo) {
	ctx := context.Background()
	want := 0
	for _, s := range demo.Supplies {
		if s.Collective {
			want++
		}
	}
	sc := land.SystemScope("test")
	yes, no := true, false
	items, total, _, err := svc.ListSupplies(ctx, sc, sql.SupplyFilter{Collective: &yes})
	if err != nil || total != want || want == 0 {
		t.Fatalf("%d collective supplies loaded (%v), want %d", total, err, want)
	}
	for _, s := range items {
		if s.CollectiveOwner == "" || s.ReviewStatus != land.ReviewApproved {
			t.Errorf("%s: owner %q, review %s", s.ENumber, s.CollectiveOwner, s.ReviewStatus)
		}
	}
	if _, state, _, err := svc.ListSupplies(ctx, sc, sql.SupplyFilter{Collective: &no}); err != nil || state != len(demo.Supplies)-want {
		t.Fatalf("%d state supplies (%v), want %d", state, err, len(demo.Supplies)-want)
	}
}
