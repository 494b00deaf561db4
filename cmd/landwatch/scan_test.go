package main

import (
	"context"
	"testing"

	"landwatch/land"
	"landwatch/seed"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// TestTheScanFindsExactlyTheIdleLandThatWasPlanted loads the demo city and
// checks that the idle-land scan flags exactly the supplies the generator
// gave an idle story that is still running (not started, halted, or
// determined idle and not disposed of), and none of the others.
func TestTheScanFindsExactlyTheIdleLandThatWasPlanted(t *testing.T) {
	ctx := context.Background()
	st := sqltest.Store(t)
	demo := loadDemoCity(t, seed.Default(), st.Import)
	want := map[string]string{}
	for _, s := range demo.IdleStories {
		switch s.Story {
		case "suspect_not_started", "suspect_halted", "idle":
			want[s.ENumber] = s.Story
		}
	}
	res, err := st.ScanIdle(ctx, land.SystemScope("scan"), land.DefaultIdleRule(), demo.Options.Today, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Suspected != len(want) || len(want) == 0 {
		t.Errorf("the scan suspects %d supplies, the generator planted %d", res.Suspected, len(want))
	}
	got := map[int64]bool{}
	for cursor := int64(0); ; {
		page, _, more, err := st.ListFindings(ctx, land.SystemScope("test"), sql.FindingFilter{Kind: "suspected_idle", Status: "open", After: cursor, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range page {
			got[*f.SupplyID] = true
			cursor = f.ID
		}
		if !more {
			break
		}
	}
	missed := 0
	for number, story := range want {
		sup, err := st.GetSupply(ctx, land.SystemScope("test"), number)
		if err != nil {
			t.Fatal(err)
		}
		if !got[sup.ID] {
			missed++
			if missed <= 5 {
				t.Errorf("%s (%s) was planted idle but has no finding", number, story)
			}
		}
		delete(got, sup.ID)
	}
	if len(got) > 0 {
		t.Errorf("%d findings for supplies that were not planted idle", len(got))
	}
}
