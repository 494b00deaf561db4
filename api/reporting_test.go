package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"landwatch/land"
)

// Signs of false or concealed reporting become findings of their kinds
// when the reporting scan runs, and close when their cause goes away.
func TestSignsOfFalseOrConcealedReportingBecomeFindings(t *testing.T) {
	ctx := context.Background()
	_, ts := clockedServer(t, time.Date(2026, 3, 16, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	admin := ts.account(t, "root", land.RoleAdmin, land.NationCode)
	geo := http.Header{"Content-Type": {"application/geo+json"}}
	scan := func(asOf land.Date) {
		t.Helper()
		if _, err := ts.svc.ScanReporting(ctx, land.SystemScope("daily-scan"), asOf); err != nil {
			t.Fatal(err)
		}
	}
	today := ts.svc.Rules().Today()
	of := func(kind string) []findingJSON { return findings(admin, "kind="+kind+"&status=open") }

	t.Run("a start recorded where footprints a year on show nothing built", func(t *testing.T) {
		c := admin.as(t)
		body := `{"e_number":"1306262024B00031","method":"23","project_name":"虚报开工","area_ha":0.96,"land_use_original":"0701",
"contract_date":"2024-01-05","agreed_delivery":"2024-02-01","agreed_start":"2024-03-01",
"events":[{"kind":"delivery","occurred_on":"2024-01-20"},{"kind":"construction_start","occurred_on":"2024-03-01"}],
"parcels":{"type":"Feature","properties":{},"geometry":` + square(115.700, 39.200, 0.001) + `}}`
		resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(body))
		c.status(http.StatusCreated, resp, b)
		// Imagery of 2025-06 shows a building elsewhere, none on the land.
		resp, b = c.do("POST", "/api/v1/footprints?source=2025&observed=2025-06-01", geo, []byte(featureCollection(square(115.720, 39.200, 0.0005))))
		c.status(http.StatusOK, resp, b)
		scan(today)
		found := of(land.FindingStartUnbuilt)
		if len(found) != 1 || !strings.Contains(found[0].Rule, "2024-03-01") {
			t.Fatalf("start_unbuilt findings %+v, want the supply's", found)
		}
		var fig struct {
			Coverage float64 `json:"footprint_coverage"`
		}
		if err := json.Unmarshal(found[0].Figures, &fig); err != nil || fig.Coverage > 0.1 {
			t.Errorf("figures %s", found[0].Figures)
		}
		// Imagery of 2025-12 shows the building on it: the finding closes.
		resp, b = c.do("POST", "/api/v1/footprints?source=2025b&observed=2025-12-01", geo, []byte(featureCollection(square(115.700, 39.200, 0.0009))))
		c.status(http.StatusOK, resp, b)
		scan(today)
		if found := of(land.FindingStartUnbuilt); len(found) != 0 {
			t.Errorf("after the building was seen: %+v", found)
		}
	})

	t.Run("a declared area past the tolerance from the parcels' measured one", func(t *testing.T) {
		c := admin.as(t)
		// The square measures about 0.957 ha: 1 ha is 4.5 % off, 1.2 ha 25 %.
		near := strings.Replace(supplyJSON("1306262026B00041", square(115.600, 39.200, 0.001)), `"area_ha":1`, `"area_ha":1.0`, 1)
		far := strings.Replace(supplyJSON("1306262026B00042", square(115.610, 39.200, 0.001)), `"area_ha":1`, `"area_ha":1.2`, 1)
		for _, body := range []string{near, far} {
			resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(body))
			c.status(http.StatusCreated, resp, b)
		}
		scan(today)
		found := of(land.FindingAreaMismatch)
		if len(found) != 1 || found[0].ENumber != "1306262026B00042" {
			t.Fatalf("area_mismatch findings %+v, want the 1.2 ha supply's only", found)
		}
	})

	t.Run("a supply still without boundaries 30 days after its entry", func(t *testing.T) {
		c := admin.as(t)
		body := `{"e_number":"1306262026B00051","method":"23","project_name":"无界址","area_ha":1,"land_use_original":"0701","contract_date":"2026-03-10"}`
		resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(body))
		c.status(http.StatusCreated, resp, b)
		// Entry times are the database's: count the days from its today.
		entered := land.DateOf(time.Now().In(time.FixedZone("CST", 8*3600)))
		scan(entered.AddDays(29))
		if found := of(land.FindingNoBoundary); len(found) != 0 {
			t.Fatalf("before the deadline: %+v", found)
		}
		scan(entered.AddDays(31))
		found := of(land.FindingNoBoundary)
		if len(found) != 1 || found[0].ENumber != "1306262026B00051" {
			t.Fatalf("no_boundary findings %+v, want the supply's", found)
		}
		scan(entered.AddDays(31))
		if again := of(land.FindingNoBoundary); len(again) != 1 || again[0].ID != found[0].ID {
			t.Errorf("a second scan: %+v", again)
		}
	})

	t.Run("land built on but recorded as not started is the inconsistency, and the league counts every sign", func(t *testing.T) {
		c := admin.as(t)
		body := `{"e_number":"1306262025B00061","method":"23","project_name":"瞒报开工","area_ha":0.96,"land_use_original":"0701",
"contract_date":"2025-01-05","agreed_delivery":"2025-02-01","agreed_start":"2025-03-01",
"events":[{"kind":"delivery","occurred_on":"2025-01-20"}],
"parcels":{"type":"Feature","properties":{},"geometry":` + square(115.500, 39.200, 0.001) + `}}`
		resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(body))
		c.status(http.StatusCreated, resp, b)
		resp, b = c.do("POST", "/api/v1/footprints?source=2026&observed=2026-02-01", geo, []byte(featureCollection(square(115.500, 39.200, 0.0009))))
		c.status(http.StatusOK, resp, b)
		if _, err := ts.svc.ScanIdle(ctx, land.SystemScope("daily-scan"), today, true); err != nil {
			t.Fatal(err)
		}
		scan(today)
		if found := of(land.FindingInconsistency); len(found) != 1 || found[0].ENumber != "1306262025B00061" {
			t.Fatalf("inconsistency findings %+v", found)
		}
		if found := of(land.FindingNoBoundary); len(found) != 0 {
			t.Errorf("as of today the supply without boundaries is within its 30 days: %+v", found)
		}
		resp, b = c.do("GET", "/api/v1/league?period="+wallPeriod()+"&region=130600&limit=1000", nil, nil)
		c.status(http.StatusOK, resp, b)
		var page struct {
			Items []struct {
				Region    string `json:"region_code"`
				False     int    `json:"false_signs"`
				Concealed int    `json:"concealed_signs"`
			} `json:"items"`
		}
		if err := json.Unmarshal(b, &page); err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Items {
			// false: the area off its measure (the unbuilt start closed);
			// concealed: the inconsistency (the scan as of today closed
			// the boundary finding of a month ahead).
			if r.Region == "130626" && (r.False != 1 || r.Concealed != 1) {
				t.Errorf("county A: %d false and %d concealed signs, want 1 and 1", r.False, r.Concealed)
			}
		}
	})
}

// featureCollection is a GeoJSON FeatureCollection of one geometry.
func featureCollection(geometry string) string {
	return `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":` + geometry + `}]}`
}
