package api

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"landwatch/land"
	"landwatch/sql/sqltest"
	webmap "landwatch/web-map"
)

// The public idle-land list comes in pages that its next links walk, each
// entry once, none with a coordinate.
func TestPublicIdleLandInPages(t *testing.T) {
	ctx := context.Background()
	svc := sqltest.Service(t)
	ts := &testServer{Server: New(Config{Service: svc, Log: logOnFailure(t), MapFiles: webmap.Files(), Profile: "internal"}), svc: svc, store: svc.Store()}
	var want []string
	for i := range 3 {
		sup := sqltest.NewSupply(fmt.Sprintf("1306262019B0010%d", i))
		sup.ContractDate, sup.AgreedStart = land.NewDate(2019, 1, 10), land.NewDate(2019, 6, 10)
		w, err := svc.CreateSupply(ctx, land.SystemScope("clerk"), sup)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Review(ctx, land.SystemScope("reviewer"), sup.ENumber, w.Supply.Version, land.Review{Decision: "approve"}); err != nil {
			t.Fatal(err)
		}
		determination := land.Event{Kind: land.EventIdleDetermination, OccurredOn: land.NewDate(2021, 6, 10), Cause: "holder"}
		if _, _, err := svc.AddEvent(ctx, land.SystemScope("inspector"), sup.ENumber, determination); err != nil {
			t.Fatal(err)
		}
		want = append(want, sup.ENumber)
	}

	var got []string
	path := "/public/idle-land?limit=2"
	for pages := 0; path != ""; pages++ {
		if pages > 2 {
			t.Fatal("more pages than entries")
		}
		resp, body := ts.anonymous(t).do("GET", path, nil, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d: %s", path, resp.StatusCode, body)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=300" {
			t.Errorf("Cache-Control = %q", cc)
		}
		sqltest.AssertNoCoordinates(t, body)
		var page publicPage
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatal(err)
		}
		if page.Total != 3 || len(page.Items) != min(2, 3-len(got)) {
			t.Fatalf("%s: %s", path, body)
		}
		for _, it := range page.Items {
			got = append(got, it.ENumber)
		}
		path = ""
		if page.Next != nil {
			path = *page.Next
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages gave %v, want %v", got, want)
	}
	for _, bad := range []string{"/public/idle-land?limit=0", "/public/idle-land?cursor=x", "/public/idle-land?region=130626"} {
		if resp, body := ts.anonymous(t).do("GET", bad, nil, nil); resp.StatusCode != 400 {
			t.Errorf("%s: status %d: %s", bad, resp.StatusCode, body)
		}
	}
}
