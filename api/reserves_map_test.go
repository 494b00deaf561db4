package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql"
)

// Reserve land on the map and in the overlap check. A reserve's parcel is
// drawn in its tile with stage reserved (grey) and its number, and drawn
// anew when the reserve's own row changes; moving its boundary redraws the
// tiles it left. A supply covering it without naming
// it is answered with the overlap and recorded as a reserve_overlap
// finding; a supply naming it is not; naming the reserve afterwards closes
// the finding, and a scan finds again what a supply covers unnamed.
func TestReserveLandOnTheMapAndInTheOverlapCheck(t *testing.T) {
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "reserve-map-clerk", land.RoleClerk, "130626")
	admin := ts.account(t, "reserve-map-admin", land.RoleAdmin, land.NationCode)
	ctx := context.Background()
	resp, body := clerk.do("POST", "/api/v1/reserves", nil, []byte(reserveJSON("CB130626-2026-M1", "2026-01-05", square(115.8100, 39.2700, 0.001))))
	clerk.status(http.StatusCreated, resp, body)

	reserveIn := func(lon, lat float64) bool {
		for _, f := range tileLayer(clerk, tilePath(lon, lat, 15), "parcels") {
			if f.Properties["reserve"] == "CB130626-2026-M1" {
				if f.Properties["stage"] != "reserved" || f.Properties["supply_id"] != nil {
					t.Fatalf("reserve feature %v: want stage reserved and no supply", f.Properties)
				}
				return true
			}
		}
		return false
	}
	waitFor(t, 10*time.Second, "the reserve in its tile", func() bool { return reserveIn(115.8105, 39.2705) })

	// A change of the reserve's own row is drawn too: its planned use.
	resp, _ = clerk.do("GET", "/api/v1/reserves/CB130626-2026-M1", nil, nil)
	resp, body = clerk.do("PATCH", "/api/v1/reserves/CB130626-2026-M1", http.Header{"If-Match": {resp.Header.Get("ETag")}},
		[]byte(`{"planned_use_original":"0601","planned_use_code":"0601"}`))
	clerk.status(http.StatusOK, resp, body)
	waitFor(t, 10*time.Second, "the reserve's new planned use in its tile", func() bool {
		for _, f := range tileLayer(clerk, tilePath(115.8105, 39.2705, 15), "parcels") {
			if f.Properties["reserve"] == "CB130626-2026-M1" && f.Properties["land_use"] == "0601" {
				return true
			}
		}
		return false
	})

	findings := func(status string) []sql.Finding {
		items, _, _, err := ts.svc.ListFindings(ctx, land.SystemScope("test"), sql.FindingFilter{Kind: land.FindingReserveOverlap, Status: status})
		if err != nil {
			t.Fatal(err)
		}
		return items
	}
	resp, body = clerk.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00301", square(115.8104, 39.2704, 0.0004))))
	clerk.status(http.StatusCreated, resp, body)
	var w struct {
		Overlaps []sql.SupplyOverlap `json:"overlaps"`
	}
	if err := json.Unmarshal(body, &w); err != nil {
		t.Fatal(err)
	}
	if len(w.Overlaps) != 1 || w.Overlaps[0].OtherReserve != "CB130626-2026-M1" || w.Overlaps[0].FindingID == 0 || w.Overlaps[0].OtherSupplyID != 0 {
		t.Fatalf("a supply on reserve land it does not name: %s", body)
	}
	if open := findings(land.FindingOpen); len(open) != 1 || open[0].SupplyID == nil || open[0].Reserve != "CB130626-2026-M1" {
		t.Fatalf("open reserve_overlap findings: %+v", open)
	}
	resp, body = clerk.do("GET", "/api/v1/overlaps?region=130626", nil, nil)
	clerk.status(http.StatusOK, resp, body)
	if !strings.Contains(string(body), `"reserve":"CB130626-2026-M1"`) || !strings.Contains(string(body), `"e_number":"1306262026B00301"`) {
		t.Fatalf("the region's overlapping pairs name the reserve as a party: %s", body)
	}
	var other int
	if err := ts.store.Pool().QueryRow(ctx, `SELECT count(*) FROM finding WHERE kind = 'overlap'`).Scan(&other); err != nil || other != 0 {
		t.Fatalf("%d overlap findings (%v): reserve land is not a supply", other, err)
	}

	named := strings.Replace(supplyJSON("1306262026B00302", square(115.8100, 39.2700, 0.0003)), `"area_ha":1`, `"area_ha":0.1,"reserve_number":"CB130626-2026-M1"`, 1)
	resp, body = clerk.do("POST", "/api/v1/supplies", nil, []byte(named))
	clerk.status(http.StatusCreated, resp, body)
	if strings.Contains(string(body), "other_reserve") {
		t.Fatalf("a supply naming its reserve overlaps it: %s", body)
	}

	resp, _ = clerk.do("GET", "/api/v1/supplies/1306262026B00301", nil, nil)
	resp, body = clerk.do("PATCH", "/api/v1/supplies/1306262026B00301", http.Header{"If-Match": {resp.Header.Get("ETag")}},
		[]byte(`{"reserve_number":"CB130626-2026-M1"}`))
	clerk.status(http.StatusOK, resp, body)
	waitFor(t, 15*time.Second, "the finding to close once the supply names its reserve", func() bool {
		return len(findings(land.FindingOpen)) == 0 && len(findings(land.FindingClosed)) == 1
	})

	resp, _ = clerk.do("GET", "/api/v1/supplies/1306262026B00301", nil, nil)
	resp, body = clerk.do("PATCH", "/api/v1/supplies/1306262026B00301", http.Header{"If-Match": {resp.Header.Get("ETag")}},
		[]byte(`{"reserve_number":""}`))
	clerk.status(http.StatusOK, resp, body)
	waitFor(t, 15*time.Second, "the check owed by the change to find it again", func() bool { return len(findings(land.FindingOpen)) == 1 })
	if _, err := ts.store.Pool().Exec(ctx, `DELETE FROM finding WHERE kind = 'reserve_overlap'`); err != nil {
		t.Fatal(err)
	}
	resp, body = admin.do("POST", "/api/v1/overlaps/scan", nil, []byte(`{}`))
	admin.status(http.StatusOK, resp, body)
	if !strings.Contains(string(body), `"new":1`) || len(findings(land.FindingOpen)) != 1 {
		t.Fatalf("the scan: %s", body)
	}

	// The reserve's boundary moves away: the tile it left is drawn anew.
	resp, _ = clerk.do("GET", "/api/v1/reserves/CB130626-2026-M1", nil, nil)
	resp, body = clerk.do("PUT", "/api/v1/reserves/CB130626-2026-M1/parcels", http.Header{"If-Match": {resp.Header.Get("ETag")},
		"Content-Type": {"application/geo+json"}}, []byte(`{"type":"Feature","properties":{},"geometry":`+square(115.8300, 39.2700, 0.001)+`}`))
	clerk.status(http.StatusOK, resp, body)
	waitFor(t, 10*time.Second, "the reserve to leave its old tile", func() bool { return !reserveIn(115.8105, 39.2705) })
	waitFor(t, 10*time.Second, "the reserve in its new tile", func() bool { return reserveIn(115.8305, 39.2705) })
	waitFor(t, 15*time.Second, "the finding to close once the reserve land left", func() bool { return len(findings(land.FindingOpen)) == 0 })
}
