package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"landwatch/land"
)

// A clerk's own work: the records the clerk submitted, in whatever state
// the review left them, with the reviewer's reason, and the late ones.
func TestAClerkListsOwnSubmissionsAndLateEntries(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "clerk-dx", land.RoleClerk, "130626")
	other := ts.account(t, "clerk-dx2", land.RoleClerk, "130626")
	reviewer := ts.account(t, "reviewer-hebei", land.RoleReviewer, "130000")
	today := time.Now().Format(time.DateOnly)

	late := created(clerk, unnumbered("23", "2025-01-06", "逾期录入"))
	onTime := created(clerk, unnumbered("23", today, "及时录入"))
	created(other, unnumbered("23", today, "他人"))
	resp, b := reviewer.do("POST", "/api/v1/supplies/"+onTime+"/review", nil, []byte(`{"decision":"return","reason":"宗地面积与合同不符"}`))
	reviewer.status(http.StatusOK, resp, b)

	type item struct {
		ENumber      string `json:"e_number"`
		ReviewStatus string `json:"review_status"`
		ReviewReason string `json:"review_reason"`
		LagWorkdays  *int   `json:"lag_workdays"`
		Late         bool   `json:"late"`
	}
	list := func(c testClient, query string) []item {
		t.Helper()
		resp, b := c.do("GET", "/api/v1/supplies?"+query, nil, nil)
		c.status(http.StatusOK, resp, b)
		var page struct{ Items []item }
		if err := json.Unmarshal(b, &page); err != nil {
			t.Fatal(err)
		}
		return page.Items
	}
	numbers := func(items []item) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.ENumber)
		}
		return out
	}

	mine := list(clerk, "mine=true")
	if got := numbers(mine); !slices.Equal(got, []string{late, onTime}) {
		t.Fatalf("mine = %v, want %v and %v only", got, late, onTime)
	}
	if r := mine[1]; r.ReviewStatus != "returned" || r.ReviewReason != "宗地面积与合同不符" {
		t.Errorf("the returned record: %+v", r)
	}
	if r := mine[0]; r.ReviewStatus != "submitted" || !r.Late || r.LagWorkdays == nil || *r.LagWorkdays <= 7 {
		t.Errorf("the late record: %+v", r)
	}
	if got := numbers(list(clerk, "mine=true&late=true")); !slices.Equal(got, []string{late}) {
		t.Errorf("my late entries = %v, want %v", got, late)
	}
	if got := numbers(list(clerk, "mine=true&review=returned")); !slices.Equal(got, []string{onTime}) {
		t.Errorf("my returned records = %v, want %v", got, onTime)
	}
	resp, b = clerk.do("GET", "/api/v1/supplies?mine=yes", nil, nil)
	clerk.status(http.StatusBadRequest, resp, b)

	t.Run("an event entered late is among the clerk's late entries, and not another's", func(t *testing.T) {
		c := clerk.as(t)
		resp, b := c.do("POST", "/api/v1/supplies/"+late+"/events", nil, []byte(`{"kind":"delivery","occurred_on":"2025-02-03"}`))
		c.status(http.StatusCreated, resp, b)
		type lateEvent struct {
			ENumber     string `json:"e_number"`
			Kind        string `json:"kind"`
			LagWorkdays int    `json:"lag_workdays"`
		}
		events := func(c testClient) []lateEvent {
			resp, b := c.do("GET", "/api/v1/late-events?mine=true", nil, nil)
			c.status(http.StatusOK, resp, b)
			var page struct{ Items []lateEvent }
			if err := json.Unmarshal(b, &page); err != nil {
				t.Fatal(err)
			}
			return page.Items
		}
		if got := events(c); len(got) != 1 || got[0].ENumber != late || got[0].Kind != "delivery" || got[0].LagWorkdays <= 7 {
			t.Errorf("my late events = %+v", got)
		}
		if got := events(other.as(t)); len(got) != 0 {
			t.Errorf("another clerk's late events = %+v", got)
		}
	})

	t.Run("lateness is landwatch's to say, not a field to patch", func(t *testing.T) {
		c := clerk.as(t)
		resp, b := c.do("PATCH", "/api/v1/supplies/"+late, http.Header{"If-Match": {`"v1"`}}, []byte(`{"late":false}`))
		c.status(http.StatusBadRequest, resp, b)
	})

	t.Run("the entry form's code lists name each code", func(t *testing.T) {
		c := clerk.as(t)
		resp, b := c.do("GET", "/api/v1/codes", nil, nil)
		c.status(http.StatusOK, resp, b)
		var codes struct {
			Methods       []land.CodeName `json:"methods"`
			LandUses      []land.CodeName `json:"land_uses"`
			EntryWorkdays int             `json:"entry_workdays"`
		}
		if err := json.Unmarshal(b, &codes); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(codes.Methods, land.CodeName{Code: "23", Name: "挂牌出让"}) ||
			!slices.Contains(codes.LandUses, land.CodeName{Code: "0601", Name: "工业用地"}) || codes.EntryWorkdays != 7 {
			t.Errorf("codes = %s", b)
		}
	})
}
