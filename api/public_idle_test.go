package api

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
	webmap "landwatch/web-map"
)

// The public idle list counts how long land has been idle to the Beijing
// day: half an hour into the anniversary of the land's idleness in
// Beijing it is still the day before in UTC, so the count is a year more
// than the host's (UTC) day would give.
func TestPublicIdleLandCountsToTheBeijingDay(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2036, 3, 8, 23, 30, 0, 0, time.UTC)
	svc := sqltest.ServiceWith(t, func(c *supervision.Config) { c.Now = func() time.Time { return now } })
	ts := &testServer{Server: New(Config{Service: svc, Log: logOnFailure(t), MapFiles: webmap.Files(), Profile: "internal"}), svc: svc, store: svc.Store()}

	sup := sqltest.NewSupply("1306262029B00001")
	sup.ContractDate, sup.AgreedStart = land.NewDate(2029, 12, 20), land.NewDate(2030, 3, 9)
	w, err := svc.CreateSupply(ctx, land.SystemScope("clerk"), sup)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Review(ctx, land.SystemScope("reviewer"), sup.ENumber, w.Supply.Version, land.Review{Decision: "approve"}); err != nil {
		t.Fatal(err)
	}
	determination := land.Event{Kind: land.EventIdleDetermination, OccurredOn: land.NewDate(2032, 3, 9), Cause: "holder"}
	if _, _, err := svc.AddEvent(ctx, land.SystemScope("inspector"), sup.ENumber, determination); err != nil {
		t.Fatal(err)
	}

	first, err := svc.PublicIdleLand(ctx, land.NewDate(2036, 3, 9))
	if err != nil || len(first) != 1 {
		t.Fatalf("public idle list: %+v %v", first, err)
	}
	day := first[0].IdleSince.AddYears(5) // an anniversary of the idleness
	now = day.StartIn(time.FixedZone("CST", 8*3600)).Add(30 * time.Minute)
	resp, body := ts.anonymous(t).do("GET", "/public/idle-land", nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var got struct{ Items []sql.PublicIdle }
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	beijing, err := svc.PublicIdleLand(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	utc, err := svc.PublicIdleLand(ctx, land.DateOf(now.UTC()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != 1 || len(beijing) != 1 || len(utc) != 1 {
		t.Fatalf("public idle list: %s", body)
	}
	if got.Items[0].IdleYears != beijing[0].IdleYears || got.Items[0].IdleYears == utc[0].IdleYears {
		t.Errorf("idle_years = %d; on the Beijing day %d, on the UTC day %d", got.Items[0].IdleYears, beijing[0].IdleYears, utc[0].IdleYears)
	}
}
