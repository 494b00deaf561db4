package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"landwatch/land"
)

// newSupply enters a supply through the API as c and returns its number.
func newSupply(c testClient, number string, lon float64) {
	c.t.Helper()
	resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON(number, square(lon, 39.26, 0.0005))))
	c.status(http.StatusCreated, resp, b)
}

// Whoever submitted a change may not approve it, administrators included.
func TestWhoeverSubmittedAChangeMayNotApproveIt(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	reviewer := ts.account(t, "reviewer-hebei", land.RoleReviewer, "130000")
	newSupply(admin, "1306262026B00031", 115.780)

	resp, b := admin.do("POST", "/api/v1/supplies/1306262026B00031/review", nil, []byte(`{"decision":"approve"}`))
	admin.status(http.StatusForbidden, resp, b)
	if !strings.Contains(string(b), `"field":"decision"`) || !strings.Contains(string(b), "may not approve") {
		t.Errorf("refusal = %s", b)
	}
	// Returning one's own change is no approval: it stays allowed.
	resp, b = reviewer.do("POST", "/api/v1/supplies/1306262026B00031/review", nil, []byte(`{"decision":"approve"}`))
	reviewer.status(http.StatusOK, resp, b)
	var sup struct {
		ReviewStatus string `json:"review_status"`
		SubmittedBy  string `json:"submitted_by"`
		ReviewedBy   string `json:"reviewed_by"`
	}
	if err := json.Unmarshal(b, &sup); err != nil {
		t.Fatal(err)
	}
	if sup.ReviewStatus != "approved" || sup.SubmittedBy != "admin" || sup.ReviewedBy != "reviewer-hebei" {
		t.Errorf("after another reviewer's approval: %s", b)
	}
}

// A correction of an approved record waits for review without taking the
// record off the public side: the approved version stays published until
// the correction is approved.
func TestACorrectionKeepsTheApprovedVersionPublished(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "clerk-dx", land.RoleClerk, "130626")
	reviewer := ts.account(t, "reviewer-hebei", land.RoleReviewer, "130000")
	public := ts.anonymous(t)
	newSupply(clerk, "1306262026B00032", 115.781)
	published := func(want string) {
		t.Helper()
		resp, b := public.do("GET", "/public/supplies/1306262026B00032", nil, nil)
		if want == "" {
			public.status(http.StatusNotFound, resp, b)
			return
		}
		public.status(http.StatusOK, resp, b)
		if !strings.Contains(string(b), `"project_name":"`+want+`"`) {
			t.Errorf("published %s, want project %s", b, want)
		}
	}
	published("") // submitted, never approved: not published
	resp, b := reviewer.do("POST", "/api/v1/supplies/1306262026B00032/review", nil, []byte(`{"decision":"approve"}`))
	reviewer.status(http.StatusOK, resp, b)
	published("测试")

	resp, b = clerk.do("GET", "/api/v1/supplies/1306262026B00032", nil, nil)
	clerk.status(http.StatusOK, resp, b)
	resp, b = clerk.do("PATCH", "/api/v1/supplies/1306262026B00032", http.Header{"If-Match": {resp.Header.Get("ETag")}},
		[]byte(`{"project_name":"测试（更正）"}`))
	clerk.status(http.StatusOK, resp, b)
	if !strings.Contains(string(b), `"review_status":"submitted"`) {
		t.Fatalf("a correction is not submitted for review: %s", b)
	}
	published("测试") // the approved version, not the correction
	resp, b = public.do("GET", "/public/supplies?q=1306262026B00032", nil, nil)
	public.status(http.StatusOK, resp, b)
	if !strings.Contains(string(b), `"total":1`) {
		t.Errorf("the public list lost the record during its correction: %s", b)
	}

	resp, b = reviewer.do("POST", "/api/v1/supplies/1306262026B00032/review", nil, []byte(`{"decision":"approve"}`))
	reviewer.status(http.StatusOK, resp, b)
	published("测试（更正）")
}

// A reviewer decides an import batch or a filtered list in one decision;
// each record's history keeps it, and what the reviewer may not decide is
// refused one by one with the reason.
func TestABatchIsReviewedInOneDecision(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "clerk-dx", land.RoleClerk, "130626")
	admin := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	for i, n := range []string{"1306262026B00041", "1306262026B00042", "1306262026B00043"} {
		newSupply(clerk, n, 115.782+float64(i)*0.001)
	}
	newSupply(admin, "1306262026B00044", 115.786) // the admin's own submission

	var res struct {
		Decided []string `json:"decided"`
		Refused []struct {
			Supply string `json:"supply"`
			Reason string `json:"reason"`
		} `json:"refused"`
	}
	decide := func(path, body string) {
		t.Helper()
		resp, b := admin.do("POST", path, nil, []byte(body))
		admin.status(http.StatusOK, resp, b)
		res.Decided, res.Refused = nil, nil
		if err := json.Unmarshal(b, &res); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("a return needs its reason", func(t *testing.T) {
		c := admin.as(t)
		resp, b := c.do("POST", "/api/v1/reviews", nil, []byte(`{"decision":"return","supplies":["1306262026B00041"]}`))
		c.status(http.StatusBadRequest, resp, b)
	})

	// Every submitted record of the county, by the list's filters.
	decide("/api/v1/reviews?region=130626", `{"decision":"approve"}`)
	slices.Sort(res.Decided)
	if !slices.Equal(res.Decided, []string{"1306262026B00041", "1306262026B00042", "1306262026B00043"}) ||
		len(res.Refused) != 1 || res.Refused[0].Supply != "1306262026B00044" || !strings.Contains(res.Refused[0].Reason, "you submitted") {
		t.Fatalf("decided %v, refused %+v", res.Decided, res.Refused)
	}
	for _, n := range res.Decided {
		resp, b := admin.do("GET", "/api/v1/supplies/"+n+"/history", nil, nil)
		admin.status(http.StatusOK, resp, b)
		if !strings.Contains(string(b), `"review_status": "approved"`) && !strings.Contains(string(b), `"review_status":"approved"`) {
			t.Errorf("the history of %s does not keep the approval: %s", n, b)
		}
	}

	// By name: one decided already, one unknown.
	decide("/api/v1/reviews", `{"decision":"return","reason":"请补充","supplies":["1306262026B00041","1306262099B09999"]}`)
	if len(res.Decided) != 0 || len(res.Refused) != 2 {
		t.Fatalf("decided %v, refused %+v", res.Decided, res.Refused)
	}
	reasons := res.Refused[0].Reason + " | " + res.Refused[1].Reason
	if !strings.Contains(reasons, "not waiting for review") || !strings.Contains(reasons, "no such supply") {
		t.Errorf("reasons: %s", reasons)
	}
}
