package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"landwatch/land"
)

// reserveJSON is a new reserve of county 定兴县 (130626) with one parcel.
func reserveJSON(number, takenOn, geometry string) string {
	return `{"number":"` + number + `","region_code":"130626","location":"城东","area_ha":1,"acquisition":"收购",
"former_holder":"机械厂","former_use":"工业","compensation_wan":300,"taken_on":"` + takenOn + `","planned_use_original":"0701",
"parcels":{"type":"Feature","properties":{},"geometry":` + geometry + `}}`
}

type reserveAnswer struct {
	ID           int64   `json:"id"`
	Number       string  `json:"number"`
	ReviewStatus string  `json:"review_status"`
	Version      int     `json:"version"`
	RemainingHa  float64 `json:"remaining_ha"`
	LagWorkdays  *int    `json:"lag_workdays"`
	Late         bool    `json:"late"`
}

func decodeReserve(t *testing.T, body []byte) reserveAnswer {
	t.Helper()
	return decodeAs[reserveAnswer](t, body)
}

// A clerk enters a reserve the day of the Spring Festival's make-up
// working Saturday (2026-02-14): land taken in on Thursday 2026-02-05 is
// then on its 7th working day, on time (counting the Saturday as a weekend
// would say 6); entered on the first working day after the festival
// (Tuesday 2026-02-24) it is 8 working days late. The record is listed,
// has its history, waits for review, is approved by the province's
// reviewer, leaves its audit entries, and another county cannot see it. A
// supply that names it, once approved, shrinks its remaining area.
func TestReserveEndToEnd(t *testing.T) {
	now, ts := clockedServer(t, time.Date(2026, 2, 14, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	clerk := ts.account(t, "reserve-clerk", land.RoleClerk, "130626")
	other := ts.account(t, "other-clerk", land.RoleClerk, "130627")
	reviewer := ts.account(t, "hebei-reviewer", land.RoleReviewer, "130000")
	admin := ts.account(t, "root", land.RoleAdmin, land.NationCode)

	resp, body := clerk.do("POST", "/api/v1/reserves", nil, []byte(reserveJSON("CB130626-2026-01", "2026-02-05", square(115.790, 39.260, 0.001))))
	clerk.status(http.StatusCreated, resp, body)
	made := decodeReserve(t, body)
	if made.ReviewStatus != land.ReviewSubmitted || made.LagWorkdays == nil || *made.LagWorkdays != 7 || made.Late {
		t.Fatalf("entered on the make-up Saturday: %s; want 7 working days, on time, submitted", body)
	}
	if made.RemainingHa != 1 {
		t.Fatalf("remaining %v ha, want the whole 1 ha", made.RemainingHa)
	}

	t.Run("entered after the festival it is late", func(t *testing.T) {
		now.Store(time.Date(2026, 2, 24, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)))
		resp, body := clerk.as(t).do("POST", "/api/v1/reserves", nil, []byte(reserveJSON("CB130626-2026-02", "2026-02-05", square(115.800, 39.260, 0.001))))
		clerk.as(t).status(http.StatusCreated, resp, body)
		if r := decodeReserve(t, body); r.LagWorkdays == nil || *r.LagWorkdays != 8 || !r.Late {
			t.Fatalf("%s: want 8 working days, late", body)
		}
		resp, body = clerk.as(t).do("GET", "/api/v1/reserves?late=true", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), "CB130626-2026-02") || strings.Contains(string(body), "CB130626-2026-01") {
			t.Fatalf("the late list: %s", body)
		}
	})

	t.Run("the county lists it, another county is refused", func(t *testing.T) {
		resp, body := clerk.as(t).do("GET", "/api/v1/reserves?region=130626&acquisition=收购", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		var page struct {
			Items []reserveAnswer `json:"items"`
			Total int             `json:"total"`
		}
		if err := json.Unmarshal(body, &page); err != nil || page.Total < 1 || page.Items[0].Number != "CB130626-2026-01" {
			t.Fatalf("list: %s", body)
		}
		resp, body = other.as(t).do("GET", "/api/v1/reserves/CB130626-2026-01", nil, nil)
		other.as(t).status(http.StatusForbidden, resp, body)
		resp, body = other.as(t).do("GET", "/api/v1/reserves?region=130626", nil, nil)
		other.as(t).status(http.StatusForbidden, resp, body)
		resp, body = other.as(t).do("GET", "/api/v1/reserves", nil, nil)
		other.as(t).status(http.StatusOK, resp, body)
		if strings.Contains(string(body), "CB130626") {
			t.Fatalf("another county sees the reserve: %s", body)
		}
	})

	t.Run("the province's reviewer approves it; the clerk may not", func(t *testing.T) {
		approvedByReviewerNotClerk(t, clerk, reviewer, "/api/v1/reserves/CB130626-2026-01")
	})

	t.Run("its history holds every version with its parcel", func(t *testing.T) {
		items := historyOfRecord(t, clerk, "/api/v1/reserves/CB130626-2026-01/history?geometry=true")
		var reserves, parcels int
		for _, v := range items {
			switch v.Entity {
			case "reserve":
				reserves++
			case "reserve_parcel":
				parcels++
				if !strings.Contains(string(v.Data), `"geometry"`) {
					t.Errorf("the parcel's version has no boundary: %s", v.Data)
				}
			}
		}
		if reserves != 2 || parcels != 1 || items[0].ChangedBy != "reserve-clerk" {
			t.Fatalf("history: %+v", items)
		}
	})

	t.Run("a PATCH needs the current version", func(t *testing.T) {
		resp, body := clerk.as(t).do("PATCH", "/api/v1/reserves/CB130626-2026-01", http.Header{"If-Match": {`"v1"`}}, []byte(`{"location":"城东新区"}`))
		clerk.as(t).status(http.StatusPreconditionFailed, resp, body)
		resp, _ = clerk.as(t).do("GET", "/api/v1/reserves/CB130626-2026-01", nil, nil)
		v := resp.Header.Get("ETag")
		resp, body = clerk.as(t).do("PATCH", "/api/v1/reserves/CB130626-2026-01", http.Header{"If-Match": {v}}, []byte(`{"location":"城东新区"}`))
		clerk.as(t).status(http.StatusOK, resp, body)
		if r := decodeReserve(t, body); r.ReviewStatus != land.ReviewSubmitted || *r.LagWorkdays != 7 {
			t.Fatalf("a changed reserve is reviewed again and keeps its first lag: %s", body)
		}
		resp, body = reviewer.as(t).do("POST", "/api/v1/reserves/CB130626-2026-01/review", nil, []byte(`{"decision":"approve"}`))
		reviewer.as(t).status(http.StatusOK, resp, body)
	})

	t.Run("the audit log has the clerk's entry", func(t *testing.T) {
		audited(t, admin, "reserve-clerk", "/api/v1/reserves")
	})

	t.Run("a supply naming the reserve shrinks its remaining area once approved", func(t *testing.T) {
		sup := strings.Replace(supplyJSON("1306262026B00101", square(115.7902, 39.2602, 0.0003)), `"area_ha":1`, `"area_ha":0.4,"reserve_number":"CB130626-2026-01"`, 1)
		resp, body := clerk.as(t).do("POST", "/api/v1/supplies", nil, []byte(sup))
		clerk.as(t).status(http.StatusCreated, resp, body)
		_, body = clerk.as(t).do("GET", "/api/v1/reserves/CB130626-2026-01", nil, nil)
		if r := decodeReserve(t, body); r.RemainingHa != 1 {
			t.Fatalf("a submitted supply already took land: %s", body)
		}
		resp, body = reviewer.as(t).do("POST", "/api/v1/supplies/1306262026B00101/review", nil, []byte(`{"decision":"approve"}`))
		reviewer.as(t).status(http.StatusOK, resp, body)
		_, body = clerk.as(t).do("GET", "/api/v1/reserves/CB130626-2026-01", nil, nil)
		if r := decodeReserve(t, body); r.RemainingHa < 0.59 || r.RemainingHa > 0.61 {
			t.Fatalf("remaining %v ha after a 0.4 ha supply, want 0.6: %s", r.RemainingHa, body)
		}

		bad := strings.Replace(supplyJSON("1306262026B00102", square(115.7905, 39.2605, 0.0003)), `"area_ha":1`, `"area_ha":0.4,"reserve_number":"CB-NONE"`, 1)
		resp, body = clerk.as(t).do("POST", "/api/v1/supplies", nil, []byte(bad))
		clerk.as(t).status(http.StatusBadRequest, resp, body)
		if !strings.Contains(string(body), "reserve_number") {
			t.Fatalf("the refusal does not name reserve_number: %s", body)
		}
	})
}
