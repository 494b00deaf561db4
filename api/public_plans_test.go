package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"landwatch/land"
)

// The public side publishes approved plans only, with their progress and
// no trace of their entry, filtered by region and year and in pages,
// cached; a plan waiting for review is not found, an approved one being
// corrected is published as it was approved. The page that lists
// them is served, and the public pages' bar links it.
func TestPublicPlans(t *testing.T) {
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "plan-clerk", land.RoleClerk, "130600")
	reviewer := ts.account(t, "hebei-reviewer", land.RoleReviewer, "130000")
	public := ts.anonymous(t)
	var ids []string
	for _, region := range []string{"130626", "130627", "130600"} {
		resp, body := clerk.do("POST", "/api/v1/plans", nil, []byte(planJSON(region, "2026", "2026-02-05")))
		clerk.status(http.StatusCreated, resp, body)
		ids = append(ids, strings.TrimPrefix(resp.Header.Get("Location"), "/api/v1/plans/"))
	}
	for _, id := range ids[:2] {
		resp, body := reviewer.do("POST", "/api/v1/plans/"+id+"/review", nil, []byte(`{"decision":"approve"}`))
		reviewer.status(http.StatusOK, resp, body)
	}
	supply := strings.Replace(supplyJSON("1306262026B00301", square(115.780, 39.260, 0.0005)), `"land_use_original":"0701"`, `"land_use_original":"0601"`, 1)
	resp, body := clerk.do("POST", "/api/v1/supplies", nil, []byte(supply))
	clerk.status(http.StatusCreated, resp, body)
	resp, body = reviewer.do("POST", "/api/v1/supplies/1306262026B00301/review", nil, []byte(`{"decision":"approve"}`))
	reviewer.status(http.StatusOK, resp, body)

	type page struct {
		Items []map[string]any `json:"items"`
		Total int              `json:"total"`
		Next  *string          `json:"next"`
	}
	get := func(t *testing.T, path string) page {
		t.Helper()
		resp, body := public.do("GET", path, nil, nil)
		public.status(http.StatusOK, resp, body)
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "public") {
			t.Errorf("%s: Cache-Control %q", path, cc)
		}
		for _, hidden := range []string{"submitted_by", "review_status", "updated_by", "lag_workdays"} {
			if strings.Contains(string(body), hidden) {
				t.Errorf("%s publishes %s: %s", path, hidden, body)
			}
		}
		var p page
		if err := json.Unmarshal(body, &p); err != nil {
			t.Fatalf("%v: %s", err, body)
		}
		return p
	}

	t.Run("approved plans only, in pages", func(t *testing.T) {
		p := get(t, "/public/plans?limit=1")
		if p.Total != 2 || len(p.Items) != 1 || p.Next == nil {
			t.Fatalf("first page: %+v", p)
		}
		u, _ := url.Parse(*p.Next)
		next := get(t, u.RequestURI())
		if len(next.Items) != 1 || next.Next != nil || next.Items[0]["region_code"] != "130627" {
			t.Fatalf("second page: %+v", next)
		}
	})

	t.Run("filtered by region and year, with progress", func(t *testing.T) {
		p := get(t, "/public/plans?region=130626&year=2026")
		if p.Total != 1 || p.Items[0]["region_name"] != "定兴县" {
			t.Fatalf("the county's plan: %+v", p)
		}
		prog, _ := p.Items[0]["progress"].(map[string]any)
		if prog == nil || prog["supplied_ha"] != 1.0 {
			t.Fatalf("progress: %+v", p.Items[0]["progress"])
		}
		if p := get(t, "/public/plans?year=2025"); p.Total != 0 {
			t.Fatalf("plans of 2025: %+v", p)
		}
		resp, body := public.do("GET", "/public/plans?year=soon", nil, nil)
		public.status(http.StatusBadRequest, resp, body)
	})

	t.Run("one plan by id; one waiting for review is not found", func(t *testing.T) {
		resp, body := public.do("GET", "/public/plans/"+ids[0], nil, nil)
		public.status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), `"doc_number":"定政〔2026〕3号"`) || !strings.Contains(string(body), `"progress"`) {
			t.Fatalf("plan: %s", body)
		}
		resp, body = public.do("GET", "/public/plans/"+ids[2], nil, nil)
		public.status(http.StatusNotFound, resp, body)
	})

	t.Run("a correction waiting for review leaves the approved plan published", func(t *testing.T) {
		path := "/api/v1/plans/" + ids[0]
		resp, body := clerk.do("GET", path, nil, nil)
		clerk.status(http.StatusOK, resp, body)
		resp, body = clerk.do("PATCH", path, http.Header{"If-Match": {resp.Header.Get("ETag")}}, []byte(`{"doc_number":"定政〔2026〕9号"}`))
		clerk.status(http.StatusOK, resp, body)
		for _, p := range []string{"/public/plans/" + ids[0], "/public/plans?region=130626"} {
			resp, body = public.do("GET", p, nil, nil)
			public.status(http.StatusOK, resp, body)
			if !strings.Contains(string(body), `"doc_number":"定政〔2026〕3号"`) {
				t.Fatalf("%s while the correction waits: %s", p, body)
			}
		}
		resp, body = reviewer.do("POST", path+"/review", nil, []byte(`{"decision":"approve"}`))
		reviewer.status(http.StatusOK, resp, body)
		resp, body = public.do("GET", "/public/plans/"+ids[0], nil, nil)
		public.status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), `"doc_number":"定政〔2026〕9号"`) {
			t.Fatalf("the approved correction is not published: %s", body)
		}
	})

	t.Run("the page is served and the bar links it", func(t *testing.T) {
		resp, body := public.do("GET", "/public-plans.html", nil, nil)
		public.status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), `js/publicplans.js`) {
			t.Fatalf("page: %s", body)
		}
		resp, body = public.do("GET", "/js/publicplans.js", nil, nil)
		public.status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), "/public/plans") {
			t.Fatalf("module: %s", body)
		}
		resp, body = public.do("GET", "/js/publicwords.js", nil, nil)
		public.status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), "public-plans.html") {
			t.Fatal("the public bar does not link the plans")
		}
	})
}
