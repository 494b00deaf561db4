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

// collectiveJSON is a new supply of collective land (集体建设用地) of 定兴县
// leased (租赁, 4) by its village collective, with one parcel, its
// contract signed on Thursday 2026-02-05; extra fields are set after.
func collectiveJSON(number, geometry, extra string) string {
	s := strings.Replace(supplyJSON(number, geometry), `"contract_date":"2026-01-05"`, `"contract_date":"2026-02-05"`, 1)
	return strings.Replace(s, `"method":"23"`, `"method":"4","collective":true,"collective_owner":"东关村股份经济合作社"`+extra, 1)
}

type collectiveAnswer struct {
	ID              int64  `json:"id"`
	ENumber         string `json:"e_number"`
	Collective      bool   `json:"collective"`
	CollectiveOwner string `json:"collective_owner"`
	ReviewStatus    string `json:"review_status"`
	LagWorkdays     *int   `json:"lag_workdays"`
	Late            bool   `json:"late"`
}

func decodeCollective(t *testing.T, body []byte) collectiveAnswer {
	t.Helper()
	return decodeAs[collectiveAnswer](t, body)
}

// mustName fails unless the answer is a 400 naming field.
func mustName(c testClient, field string, resp *http.Response, body []byte) {
	c.t.Helper()
	c.status(http.StatusBadRequest, resp, body)
	if !strings.Contains(string(body), `"`+field+`"`) {
		c.t.Fatalf("the refusal does not name %s: %s", field, body)
	}
}

// A supply of collective land is a supply carrying collective and its
// owner, end to end: entered on the Spring Festival's make-up working
// Saturday (2026-02-14) seven working days after its contract it is on
// time, entered after the festival it is late and counted in the late
// list; it is listed by collective=true|false with pages, changed with
// If-Match, approved by the province's reviewer (not its clerk), kept in
// history, published with its owner and no coordinates, audited, hidden
// from another county, and drawn in its tile with collective 1, as is
// state land once made collective.
// Collective land without its owner, or allocated, and state land with a
// collective owner are refused naming the field.
func TestCollectiveSupplyEndToEnd(t *testing.T) {
	var now atomic.Value
	now.Store(time.Date(2026, 2, 14, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	// The engine runs, so that the tiles follow the change feed.
	svc := sqltest.RunningWith(t, func(c *supervision.Config) { c.Now = func() time.Time { return now.Load().(time.Time) } })
	ts := newTestServerOf(t, svc, nil)
	clerk := ts.account(t, "village-clerk", land.RoleClerk, "130626")
	other := ts.account(t, "other-county-clerk", land.RoleClerk, "130627")
	reviewer := ts.account(t, "province-reviewer", land.RoleReviewer, "130000")
	admin := ts.account(t, "collective-admin", land.RoleAdmin, land.NationCode)

	resp, body := clerk.do("POST", "/api/v1/supplies", nil, []byte(collectiveJSON("1306262026B00501", square(115.8300, 39.2800, 0.001), "")))
	clerk.status(http.StatusCreated, resp, body)
	made := decodeCollective(t, body)
	if !made.Collective || made.CollectiveOwner != "东关村股份经济合作社" || made.LagWorkdays == nil || *made.LagWorkdays != 7 || made.Late {
		t.Fatalf("entered on the make-up Saturday: %s; want collective with its owner, 7 working days, on time", body)
	}
	resp, body = clerk.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00502", square(115.8400, 39.2800, 0.001))))
	clerk.status(http.StatusCreated, resp, body)

	t.Run("collective land without its owner, or allocated, and state land with an owner are refused", func(t *testing.T) {
		c := clerk.as(t)
		resp, body := c.do("POST", "/api/v1/supplies", nil, []byte(strings.Replace(
			collectiveJSON("1306262026B00503", square(115.8500, 39.2800, 0.001), ""), `"东关村股份经济合作社"`, `""`, 1)))
		mustName(c, "collective_owner", resp, body)
		resp, body = c.do("POST", "/api/v1/supplies", nil, []byte(strings.Replace(
			collectiveJSON("1306262026A00504", square(115.8500, 39.2800, 0.001), ""), `"method":"4"`, `"method":"1"`, 1)))
		mustName(c, "method", resp, body)
		resp, body = c.do("POST", "/api/v1/supplies", nil, []byte(strings.Replace(
			supplyJSON("1306262026B00505", square(115.8500, 39.2800, 0.001)), `"method":"23"`, `"method":"23","collective_owner":"东关村股份经济合作社"`, 1)))
		mustName(c, "collective_owner", resp, body)
	})

	t.Run("entered after the festival it is late and counted late", func(t *testing.T) {
		now.Store(time.Date(2026, 2, 24, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)))
		c := clerk.as(t)
		resp, body := c.do("POST", "/api/v1/supplies", nil, []byte(collectiveJSON("1306262026B00506", square(115.8600, 39.2800, 0.001), "")))
		c.status(http.StatusCreated, resp, body)
		if a := decodeCollective(t, body); a.LagWorkdays == nil || *a.LagWorkdays != 8 || !a.Late {
			t.Fatalf("%s: want 8 working days, late", body)
		}
		resp, body = c.do("GET", "/api/v1/supplies?collective=true&late=true", nil, nil)
		c.status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), "1306262026B00506") || strings.Contains(string(body), "1306262026B00501") {
			t.Fatalf("the late collective list: %s", body)
		}
		// Counted against the county with every supply: the state one
		// entered late (30 working days) and this one.
		resp, body = c.do("GET", "/api/v1/timeliness?region=130626&from=2000-01-01&to=2100-12-31", nil, nil)
		c.status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), `"supplies":3,"supplies_late":2`) {
			t.Fatalf("timeliness of the county: %s", body)
		}
	})

	t.Run("the list keeps one side by collective, in pages", func(t *testing.T) {
		c := clerk.as(t)
		var page struct {
			Items []collectiveAnswer `json:"items"`
			Total int                `json:"total"`
			Next  *string            `json:"next"`
		}
		resp, body := c.do("GET", "/api/v1/supplies?collective=true&limit=1", nil, nil)
		c.status(http.StatusOK, resp, body)
		if err := json.Unmarshal(body, &page); err != nil || page.Total != 2 || len(page.Items) != 1 || !page.Items[0].Collective || page.Next == nil {
			t.Fatalf("first page of collective land: %s", body)
		}
		resp, body = c.do("GET", *page.Next, nil, nil)
		c.status(http.StatusOK, resp, body)
		page.Next = nil
		if err := json.Unmarshal(body, &page); err != nil || len(page.Items) != 1 || page.Items[0].ENumber != "1306262026B00506" || page.Next != nil {
			t.Fatalf("second page of collective land: %s", body)
		}
		resp, body = c.do("GET", "/api/v1/supplies?collective=false", nil, nil)
		c.status(http.StatusOK, resp, body)
		page.Items = nil
		if err := json.Unmarshal(body, &page); err != nil || page.Total != 1 || page.Items[0].ENumber != "1306262026B00502" || page.Items[0].Collective {
			t.Fatalf("state land: %s", body)
		}
		resp, body = c.do("GET", "/api/v1/supplies?collective=village", nil, nil)
		mustName(c, "collective", resp, body)
	})

	t.Run("another county neither reads nor lists it", func(t *testing.T) {
		o := other.as(t)
		resp, body := o.do("GET", "/api/v1/supplies/1306262026B00501", nil, nil)
		o.status(http.StatusForbidden, resp, body)
		resp, body = o.do("GET", "/api/v1/supplies?collective=true", nil, nil)
		o.status(http.StatusOK, resp, body)
		if strings.Contains(string(body), "130626") {
			t.Fatalf("another county lists the village's land: %s", body)
		}
	})

	t.Run("a PATCH needs the current version and keeps the owner's rule", func(t *testing.T) {
		c := clerk.as(t)
		resp, body := c.do("PATCH", "/api/v1/supplies/1306262026B00501", http.Header{"If-Match": {`"v0"`}}, []byte(`{"collective_owner":"东关村经济合作社"}`))
		c.status(http.StatusPreconditionFailed, resp, body)
		resp, _ = c.do("GET", "/api/v1/supplies/1306262026B00501", nil, nil)
		resp, body = c.do("PATCH", "/api/v1/supplies/1306262026B00501", http.Header{"If-Match": {resp.Header.Get("ETag")}}, []byte(`{"collective_owner":""}`))
		mustName(c, "collective_owner", resp, body)
		resp, _ = c.do("GET", "/api/v1/supplies/1306262026B00501", nil, nil)
		resp, body = c.do("PATCH", "/api/v1/supplies/1306262026B00501", http.Header{"If-Match": {resp.Header.Get("ETag")}},
			[]byte(`{"collective_owner":"东关村经济合作社","method":"5"}`))
		c.status(http.StatusOK, resp, body)
		if a := decodeCollective(t, body); a.CollectiveOwner != "东关村经济合作社" || !a.Collective || *a.LagWorkdays != 7 || a.ReviewStatus != land.ReviewSubmitted {
			t.Fatalf("after the PATCH: %s", body)
		}
	})

	t.Run("the province's reviewer approves it; its clerk may not", func(t *testing.T) {
		approvedByReviewerNotClerk(t, clerk, reviewer, "/api/v1/supplies/1306262026B00501")
	})

	t.Run("its history holds the owner of each version", func(t *testing.T) {
		var owners []string
		for _, v := range historyOfRecord(t, clerk, "/api/v1/supplies/1306262026B00501/history") {
			data := decodeAs[collectiveAnswer](t, v.Data)
			if v.Entity == "supply" && data.Collective {
				owners = append(owners, data.CollectiveOwner)
			}
		}
		if len(owners) < 2 || owners[0] != "东关村股份经济合作社" || owners[len(owners)-1] != "东关村经济合作社" {
			t.Fatalf("owners in history %q", owners)
		}
	})

	t.Run("the public sees 集体 with its owner and no coordinates", func(t *testing.T) {
		a := ts.anonymous(t)
		resp, body := a.do("GET", "/public/supplies?collective=true", nil, nil)
		a.status(http.StatusOK, resp, body)
		sqltest.AssertNoCoordinates(t, body)
		var page struct {
			Items []collectiveAnswer `json:"items"`
		}
		if err := json.Unmarshal(body, &page); err != nil || len(page.Items) != 1 || !page.Items[0].Collective ||
			page.Items[0].CollectiveOwner != "东关村经济合作社" {
			t.Fatalf("published collective land: %s", body)
		}
		resp, body = a.do("GET", "/public/supplies?collective=false", nil, nil)
		a.status(http.StatusOK, resp, body)
		if strings.Contains(string(body), "1306262026B00501") {
			t.Fatalf("collective land among state land: %s", body)
		}
	})

	t.Run("the audit log has the clerk's entry", func(t *testing.T) {
		audited(t, admin, "village-clerk", "/api/v1/supplies")
	})

	t.Run("its tile marks it collective, state land beside it not", func(t *testing.T) {
		c := clerk.as(t)
		collectiveIn := func(number string, lon float64) (any, bool) {
			p, ok := parcelOf(c, tilePath(lon, 39.2805, 16), number)
			return p["collective"], ok
		}
		waitFor(t, 10*time.Second, "the collective parcel in its tile", func() bool {
			v, ok := collectiveIn("1306262026B00501", 115.8305)
			return ok && v == float64(1)
		})
		if v, ok := collectiveIn("1306262026B00502", 115.8405); !ok || v != nil {
			t.Fatalf("the state parcel: found %v, collective %v; want found without collective", ok, v)
		}
		// Found to be the village's land after all: the change of the
		// flag alone is followed into the tile.
		resp, _ := c.do("GET", "/api/v1/supplies/1306262026B00502", nil, nil)
		resp, body := c.do("PATCH", "/api/v1/supplies/1306262026B00502", http.Header{"If-Match": {resp.Header.Get("ETag")}},
			[]byte(`{"collective":true,"collective_owner":"东关村股份经济合作社"}`))
		c.status(http.StatusOK, resp, body)
		waitFor(t, 10*time.Second, "the parcel made collective in its tile", func() bool {
			v, ok := collectiveIn("1306262026B00502", 115.8405)
			return ok && v == float64(1)
		})
	})
}
