package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// planJSON is a supply plan of a region and year published on a day.
func planJSON(region string, year, published string) string {
	return `{"region_code":"` + region + `","year":` + year + `,"doc_number":"定政〔` + year + `〕3号",
"title":"定兴县` + year + `年国有建设用地供应计划","published_on":"` + published + `",
"commerce_ha":4,"industry_ha":8,"housing_ha":10,"affordable_ha":2,"small_units_ha":4,"other_housing_ha":3,
"public_ha":2,"transport_ha":1,"water_ha":0.5,"special_ha":0.2}`
}

type planAnswer struct {
	ID           int64  `json:"id"`
	RegionCode   string `json:"region_code"`
	Year         int    `json:"year"`
	ReviewStatus string `json:"review_status"`
	Version      int    `json:"version"`
	LagWorkdays  *int   `json:"lag_workdays"`
	Late         bool   `json:"late"`
	Title        string `json:"title"`
	Progress     *struct {
		Classes []struct {
			Class      string   `json:"class"`
			PlannedHa  float64  `json:"planned_ha"`
			SuppliedHa float64  `json:"supplied_ha"`
			Supplies   int      `json:"supplies"`
			Share      *float64 `json:"share"`
		} `json:"classes"`
		SuppliedHa            float64 `json:"supplied_ha"`
		UnclassifiedHousingHa float64 `json:"unclassified_housing_ha"`
	} `json:"progress"`
}

func decodePlan(t *testing.T, body []byte) planAnswer {
	t.Helper()
	var p planAnswer
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return p
}

// supplied is the supplied hectares and count of a class of a plan's
// progress.
func (p planAnswer) supplied(class string) (float64, int) {
	if p.Progress != nil {
		for _, c := range p.Progress.Classes {
			if c.Class == class {
				return c.SuppliedHa, c.Supplies
			}
		}
	}
	return -1, -1
}

// A county's clerk enters its plan on the Spring Festival's make-up
// working Saturday (2026-02-14), seven working days after it was published
// on Thursday 2026-02-05: on time (counting the Saturday as a weekend
// would make it 6, and after the festival it is late). A second plan of
// the year conflicts; the plan is listed with its filters and pages, gets
// revised with If-Match, is approved by the province's reviewer, has its
// history and audit entries, and is hidden from another county. Its
// progress counts the approved supplies of the county contracted in its
// year by class — not those of another year or county, nor those waiting
// for review.
func TestPlanEndToEnd(t *testing.T) {
	var now atomic.Value
	now.Store(time.Date(2026, 2, 14, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	svc := sqltest.ServiceWith(t, func(c *supervision.Config) { c.Now = func() time.Time { return now.Load().(time.Time) } })
	ts := newTestServerOf(t, svc, nil)
	clerk := ts.account(t, "plan-clerk", land.RoleClerk, "130626")
	other := ts.account(t, "other-clerk", land.RoleClerk, "130627")
	reviewer := ts.account(t, "hebei-reviewer", land.RoleReviewer, "130000")
	admin := ts.account(t, "root", land.RoleAdmin, land.NationCode)

	resp, body := clerk.do("POST", "/api/v1/plans", nil, []byte(planJSON("130626", "2026", "2026-02-05")))
	clerk.status(http.StatusCreated, resp, body)
	made := decodePlan(t, body)
	if made.ReviewStatus != land.ReviewSubmitted || made.LagWorkdays == nil || *made.LagWorkdays != 7 || made.Late {
		t.Fatalf("entered on the make-up Saturday: %s; want 7 working days, on time, submitted", body)
	}

	t.Run("a second plan of the region and year conflicts", func(t *testing.T) {
		resp, body := clerk.as(t).do("POST", "/api/v1/plans", nil, []byte(planJSON("130626", "2026", "2026-02-05")))
		clerk.as(t).status(http.StatusConflict, resp, body)
	})

	t.Run("housing sub-classes beyond housing are refused naming housing_ha", func(t *testing.T) {
		bad := strings.Replace(planJSON("130626", "2025", "2025-02-05"), `"affordable_ha":2`, `"affordable_ha":5`, 1)
		resp, body := clerk.as(t).do("POST", "/api/v1/plans", nil, []byte(bad))
		clerk.as(t).status(http.StatusBadRequest, resp, body)
		if !strings.Contains(string(body), "housing_ha") {
			t.Fatalf("the refusal does not name housing_ha: %s", body)
		}
	})

	t.Run("entered after the festival a plan is late", func(t *testing.T) {
		now.Store(time.Date(2026, 2, 24, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)))
		defer now.Store(time.Date(2026, 2, 14, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)))
		resp, body := clerk.as(t).do("POST", "/api/v1/plans", nil, []byte(planJSON("130626", "2025", "2026-02-05")))
		clerk.as(t).status(http.StatusCreated, resp, body)
		if p := decodePlan(t, body); p.LagWorkdays == nil || *p.LagWorkdays != 8 || !p.Late {
			t.Fatalf("%s: want 8 working days, late", body)
		}
	})

	t.Run("the county lists its plans by year and in pages; another county is refused", func(t *testing.T) {
		resp, body := clerk.as(t).do("GET", "/api/v1/plans?region=130626&year=2026", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		var page struct {
			Items []planAnswer `json:"items"`
			Total int          `json:"total"`
			Next  *string      `json:"next"`
		}
		if err := json.Unmarshal(body, &page); err != nil || page.Total != 1 || page.Items[0].Year != 2026 {
			t.Fatalf("list by year: %s", body)
		}
		resp, body = other.as(t).do("GET", "/api/v1/plans?region=130626", nil, nil)
		other.as(t).status(http.StatusForbidden, resp, body)
		resp, body = clerk.as(t).do("GET", "/api/v1/plans?limit=1", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		if err := json.Unmarshal(body, &page); err != nil || page.Total != 2 || page.Next == nil {
			t.Fatalf("first page: %s", body)
		}
		resp, body = clerk.as(t).do("GET", strings.TrimPrefix(*page.Next, "http://"+resp.Request.URL.Host), nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		if err := json.Unmarshal(body, &page); err != nil || len(page.Items) != 1 || page.Items[0].Year != 2025 || page.Next != nil {
			t.Fatalf("second page: %s", body)
		}
		resp, body = clerk.as(t).do("GET", "/api/v1/plans?late=true", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		if err := json.Unmarshal(body, &page); err != nil || page.Total != 1 || page.Items[0].Year != 2025 {
			t.Fatalf("late plans: %s", body)
		}
		resp, body = other.as(t).do("GET", "/api/v1/plans/130626-2026", nil, nil)
		other.as(t).status(http.StatusForbidden, resp, body)
		resp, body = other.as(t).do("GET", "/api/v1/plans", nil, nil)
		other.as(t).status(http.StatusOK, resp, body)
		if strings.Contains(string(body), "130626") {
			t.Fatalf("another county sees the plan: %s", body)
		}
	})

	t.Run("a revision needs the current version and waits for review again", func(t *testing.T) {
		resp, body := clerk.as(t).do("PATCH", "/api/v1/plans/130626-2026", http.Header{"If-Match": {`"v9"`}}, []byte(`{"title":"修订"}`))
		clerk.as(t).status(http.StatusPreconditionFailed, resp, body)
		resp, body = clerk.as(t).do("PATCH", "/api/v1/plans/130626-2026", http.Header{"If-Match": {`"v1"`}}, []byte(`{"housing_ha":8}`))
		clerk.as(t).status(http.StatusBadRequest, resp, body)
		resp, body = clerk.as(t).do("PATCH", "/api/v1/plans/130626-2026", http.Header{"If-Match": {`"v1"`}}, []byte(`{"title":"定兴县2026年国有建设用地供应计划(修订)","industry_ha":6}`))
		clerk.as(t).status(http.StatusOK, resp, body)
		if p := decodePlan(t, body); p.Version != 2 || p.ReviewStatus != land.ReviewSubmitted || *p.LagWorkdays != 7 {
			t.Fatalf("after the revision: %s", body)
		}
	})

	t.Run("the province's reviewer approves it; the clerk may not", func(t *testing.T) {
		resp, body := clerk.as(t).do("POST", "/api/v1/plans/130626-2026/review", nil, []byte(`{"decision":"approve"}`))
		clerk.as(t).status(http.StatusForbidden, resp, body)
		resp, body = reviewer.as(t).do("POST", "/api/v1/plans/130626-2026/review", http.Header{"If-Match": {`"v2"`}}, []byte(`{"decision":"approve"}`))
		reviewer.as(t).status(http.StatusOK, resp, body)
		if p := decodePlan(t, body); p.ReviewStatus != land.ReviewApproved {
			t.Fatalf("after approval: %s", body)
		}
	})

	t.Run("its history holds every version", func(t *testing.T) {
		resp, body := clerk.as(t).do("GET", "/api/v1/plans/130626-2026/history", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		var h struct {
			Items []struct {
				Entity    string          `json:"entity"`
				Data      json.RawMessage `json:"data"`
				ChangedBy string          `json:"changed_by"`
			} `json:"items"`
		}
		if err := json.Unmarshal(body, &h); err != nil || len(h.Items) != 3 || h.Items[0].Entity != "supply_plan" ||
			h.Items[0].ChangedBy != "plan-clerk" || !strings.Contains(string(h.Items[0].Data), `"industry_ha":8`) {
			t.Fatalf("history: %s", body)
		}
	})

	t.Run("the audit log has the clerk's entry", func(t *testing.T) {
		resp, body := admin.as(t).do("GET", "/api/v1/audit?actor=plan-clerk", nil, nil)
		admin.as(t).status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), "/api/v1/plans") {
			t.Fatalf("no audit entry of the plan's creation: %s", body)
		}
	})

	t.Run("progress counts the approved supplies of the county's year by class", func(t *testing.T) {
		supply := func(c testClient, number, lon, use, area, contract string) {
			t.Helper()
			js := supplyJSON(number, square(115.780+0.002*float64(len(lon)), 39.260, 0.0005))
			js = strings.Replace(js, `"land_use_original":"0701"`, `"land_use_original":"`+use+`"`, 1)
			js = strings.Replace(js, `"area_ha":1`, `"area_ha":`+area, 1)
			js = strings.Replace(js, `"contract_date":"2026-01-05"`, `"contract_date":"`+contract+`"`, 1)
			resp, body := c.do("POST", "/api/v1/supplies", nil, []byte(js))
			c.status(http.StatusCreated, resp, body)
		}
		supply(clerk.as(t), "1306262026B00201", "a", "0601", "2", "2026-01-10")
		supply(clerk.as(t), "1306262026B00202", "ab", "072", "1.5", "2026-02-01")
		supply(clerk.as(t), "1306262026B00203", "abc", "0701", "1", "2026-02-02")
		supply(clerk.as(t), "1306262025B00204", "abcd", "0601", "3", "2025-12-30")   // another year
		supply(admin.as(t), "1306272026B00205", "abcde", "0601", "4", "2026-01-10")  // another county
		supply(clerk.as(t), "1306262026B00206", "abcdef", "0505", "1", "2026-02-03") // left waiting for review
		for _, n := range []string{"1306262026B00201", "1306262026B00202", "1306262026B00203", "1306262025B00204", "1306272026B00205"} {
			resp, body := reviewer.as(t).do("POST", "/api/v1/supplies/"+n+"/review", nil, []byte(`{"decision":"approve"}`))
			reviewer.as(t).status(http.StatusOK, resp, body)
		}
		resp, body := clerk.as(t).do("GET", "/api/v1/plans/130626-2026", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		p := decodePlan(t, body)
		for _, want := range []struct {
			class string
			ha    float64
			n     int
		}{{"industry", 2, 1}, {"housing", 2.5, 2}, {"small_units", 1.5, 1}, {"affordable", 0, 0}, {"commerce", 0, 0}} {
			if ha, n := p.supplied(want.class); ha != want.ha || n != want.n {
				t.Errorf("%s: %v ha in %d supplies, want %v in %d", want.class, ha, n, want.ha, want.n)
			}
		}
		for _, c := range p.Progress.Classes {
			if c.Class == "industry" && (c.Share == nil || *c.Share < 0.333 || *c.Share > 0.334) {
				t.Errorf("industry's share %v, want 2/6", c.Share)
			}
		}
		if p.Progress.UnclassifiedHousingHa != 1 || p.Progress.SuppliedHa != 4.5 {
			t.Fatalf("progress: %s", body)
		}
	})
}
