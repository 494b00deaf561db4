package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"landwatch/land"
)

// A clerk corrects a recorded event with a reason, and withdraws one entered
// in error: the correction is a new version beside the old one in the
// supply's history, the withdrawal takes the event out of the record and
// its stage, and another county's clerk can do neither.
func TestEventsAreCorrectedAndWithdrawnWithAReason(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "clerk-dx", land.RoleClerk, "130626")
	other := ts.account(t, "clerk-tang", land.RoleClerk, "130627")
	body := `{"e_number":"1306262023B00011","method":"23","project_name":"更正项目","area_ha":0.8,"land_use_original":"0701",
"contract_date":"2023-12-01","agreed_delivery":"2024-01-31","agreed_start":"2024-03-01","parcels":` + clerkParcel + `}`
	resp, b := clerk.do("POST", "/api/v1/supplies", http.Header{"Content-Type": {"application/json"}}, []byte(body))
	clerk.status(201, resp, b)
	supply := resp.Header.Get("Location")
	record := func(event string) string {
		resp, b := clerk.do("POST", supply+"/events", nil, []byte(event))
		clerk.status(201, resp, b)
		return resp.Header.Get("Location")
	}
	record(`{"kind":"delivery","occurred_on":"2024-01-20"}`)
	start := record(`{"kind":"construction_start","occurred_on":"2024-03-05"}`)
	stageOf := func() string {
		resp, b := clerk.do("GET", supply, nil, nil)
		clerk.status(200, resp, b)
		var s struct {
			Stage  string       `json:"stage"`
			Events []land.Event `json:"events"`
		}
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		return s.Stage + " " + strconv.Itoa(len(s.Events))
	}

	t.Run("a correction without a reason is refused naming reason", func(t *testing.T) {
		c := clerk.as(t)
		resp, b := c.do("PUT", start, nil, []byte(`{"event":{"kind":"construction_start","occurred_on":"2024-03-04"},"reason":" "}`))
		c.status(400, resp, b)
		if !strings.Contains(string(b), `"field":"reason"`) {
			t.Errorf("the refusal does not name reason: %s", b)
		}
	})
	t.Run("another county's clerk can neither correct nor withdraw", func(t *testing.T) {
		c := other.as(t)
		resp, b := c.do("PUT", start, nil, []byte(`{"event":{"kind":"construction_start","occurred_on":"2024-03-04"},"reason":"测试"}`))
		if resp.StatusCode != 403 && resp.StatusCode != 404 {
			t.Errorf("a correction from another county: %d %s", resp.StatusCode, b)
		}
		resp, b = c.do("POST", start+"/withdrawal", nil, []byte(`{"reason":"测试"}`))
		if resp.StatusCode != 403 && resp.StatusCode != 404 {
			t.Errorf("a withdrawal from another county: %d %s", resp.StatusCode, b)
		}
	})
	t.Run("a correction of the date is a new version kept beside the old in the history", func(t *testing.T) {
		c := clerk.as(t)
		resp, _ := c.do("GET", supply, nil, nil)
		tag := resp.Header.Get("ETag")
		resp, b := c.do("PUT", start, nil, []byte(`{"event":{"kind":"construction_start","occurred_on":"2024-03-04","version":1},"reason":"开工日期录错"}`))
		c.status(200, resp, b)
		if resp, _ := c.do("GET", supply, http.Header{"If-None-Match": {tag}}, nil); resp.StatusCode != 200 {
			t.Errorf("the supply with a corrected event still answers %d to the entity tag it had before", resp.StatusCode)
		}
		if !strings.Contains(string(b), `"occurred_on":"2024-03-04"`) || !strings.Contains(string(b), `"version":2`) {
			t.Errorf("the corrected event: %s", b)
		}
		resp, b = c.do("PUT", start, nil, []byte(`{"event":{"kind":"construction_start","occurred_on":"2024-03-03","version":1},"reason":"再改"}`))
		c.status(412, resp, b)
		resp, b = c.do("GET", supply+"/history", nil, nil)
		c.status(200, resp, b)
		var history struct {
			Items []struct {
				Entity string `json:"entity"`
				Data   struct {
					ID         int64  `json:"id"`
					OccurredOn string `json:"occurred_on"`
					Amendment  string `json:"amendment"`
					Kind       string `json:"kind"`
				} `json:"data"`
			} `json:"items"`
		}
		if err := json.Unmarshal(b, &history); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
		var versions []string
		for _, v := range history.Items {
			if v.Entity == "event" && v.Data.Kind == "construction_start" {
				versions = append(versions, v.Data.OccurredOn+" "+v.Data.Amendment)
			}
		}
		if strings.Join(versions, "|") != "2024-03-05 |2024-03-04 开工日期录错" {
			t.Errorf("the start's versions in the history: %q", versions)
		}
	})
	t.Run("withdrawing the start sends the stage back", func(t *testing.T) {
		if got := stageOf(); got != "under_construction 2" {
			t.Fatalf("before: %s", got)
		}
		c := clerk.as(t)
		resp, b := c.do("POST", start+"/withdrawal", nil, []byte(`{}`))
		c.status(400, resp, b)
		resp, b = c.do("POST", start+"/withdrawal", nil, []byte(`{"reason":"误录"}`))
		c.status(200, resp, b)
		if !strings.Contains(string(b), `"stage":"delivered"`) {
			t.Errorf("the answer's stage: %s", b)
		}
		if got := stageOf(); got != "delivered 1" {
			t.Errorf("after the withdrawal: %s", got)
		}
		resp, b = c.do("GET", start, nil, nil)
		c.status(404, resp, b)
	})
	t.Run("withdrawing the delivery under a recorded start is a conflict", func(t *testing.T) {
		c := clerk.as(t)
		record(`{"kind":"construction_start","occurred_on":"2024-03-06"}`)
		resp, b := c.do("GET", supply, nil, nil)
		c.status(200, resp, b)
		var s struct{ Events []land.Event }
		_ = json.Unmarshal(b, &s)
		for _, e := range s.Events {
			if e.Kind == land.EventDelivery {
				resp, b := c.do("POST", supply+"/events/"+strconv.FormatInt(e.ID, 10)+"/withdrawal", nil, []byte(`{"reason":"误录"}`))
				c.status(409, resp, b)
			}
		}
	})
}

// The lag a clerk sees before saving is the one the store will measure: none
// for today, late for an event of long ago, and a future day is refused.
func TestTheLagOfAnEntryIsShownBeforeSaving(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "clerk-dx", land.RoleClerk, "130626")
	today := ts.svc.Rules().Today()
	for _, step := range []struct {
		name, from string
		status     int
		want       string
	}{
		{"an event of today is not late", today.String(), 200, `"working_days":0,`},
		{"an event of two years ago is late", today.AddDays(-730).String(), 200, `"late":true`},
		{"a future day is refused", today.AddDays(2).String(), 400, `"field":"from"`},
	} {
		t.Run(step.name, func(t *testing.T) {
			resp, b := c.do("GET", "/api/v1/lag?from="+step.from, nil, nil)
			c.status(step.status, resp, b)
			if !strings.Contains(string(b), step.want) {
				t.Errorf("want %s in %s", step.want, b)
			}
		})
	}
}
