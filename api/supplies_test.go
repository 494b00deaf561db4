package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"landwatch/land"
	"landwatch/sql/sqltest"
)

// A 100 m square with a 20 m hole near 定兴县 in EPSG:4490, as drawn by a
// clerk's GIS (the ring is counter-clockwise, the hole clockwise).
const clerkParcel = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"number":"1"},
"geometry":{"type":"Polygon","coordinates":[
[[115.780,39.260],[115.781,39.260],[115.781,39.261],[115.780,39.261],[115.780,39.260]],
[[115.7804,39.2604],[115.7804,39.2606],[115.7806,39.2606],[115.7806,39.2604],[115.7804,39.2604]]]}}]}`

func TestSuppliesAreCreatedWithBoundariesAndEvents(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	body := `{"e_number":"1306262026B00001","method":"23","project_name":"测试项目","area_ha":0.8,
"land_use_original":"0701","contract_date":"2026-01-05","agreed_start":"2025-01-06","parcels":` + clerkParcel + `}`

	resp, b := c.do("POST", "/api/v1/supplies", http.Header{"Content-Type": {"application/json"}}, []byte(body))
	c.status(201, resp, b)
	loc, tag := resp.Header.Get("Location"), resp.Header.Get("ETag")
	if !strings.HasPrefix(loc, "/api/v1/supplies/") || tag == "" {
		t.Fatalf("Location %q ETag %q", loc, tag)
	}
	var created struct {
		Stage    string   `json:"stage"`
		Warnings []string `json:"warnings"`
		Parcels  []struct {
			PlaneAreaM2 float64 `json:"plane_area_m2"`
			GKEPSG      int     `json:"gk_epsg"`
		} `json:"parcels"`
	}
	if err := json.Unmarshal(b, &created); err != nil {
		t.Fatal(err)
	}
	if created.Stage != "supplied" || len(created.Parcels) != 1 || created.Parcels[0].GKEPSG != 4527 {
		t.Fatalf("created = %s", b)
	}

	t.Run("the same e-supervision number with another body is a conflict", func(t *testing.T) {
		c := c.as(t)
		resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(body))
		c.status(http.StatusOK, resp, b) // the same body: a retry, answered the record
		resp, b = c.do("POST", "/api/v1/supplies", nil, []byte(strings.Replace(body, `"area_ha":0.8`, `"area_ha":0.9`, 1)))
		c.status(409, resp, b)
	})

	t.Run("a bad field is named in the problem", func(t *testing.T) {
		c := c.as(t)
		bad := strings.Replace(body, `"area_ha":0.8`, `"area_ha":"much"`, 1)
		resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(bad))
		c.status(400, resp, b)
		if !strings.Contains(string(b), `"field":"area_ha"`) {
			t.Errorf("problem does not name area_ha: %s", b)
		}
	})

	t.Run("GeoJSON is served when asked for", func(t *testing.T) {
		c := c.as(t)
		resp, b := c.do("GET", loc, http.Header{"Accept": {"application/geo+json"}}, nil)
		c.status(200, resp, b)
		var fc struct {
			Type     string `json:"type"`
			Features []struct {
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal(b, &fc); err != nil {
			t.Fatal(err)
		}
		if fc.Type != "FeatureCollection" || len(fc.Features) != 1 || fc.Features[0].Properties["e_number"] != "1306262026B00001" {
			t.Errorf("GeoJSON = %s", b)
		}
	})

	t.Run("a coordinate file replaces the boundaries", func(t *testing.T) {
		c := c.as(t)
		file := strings.ReplaceAll(`[属性描述]
带号=39
[地块坐标]
5,0.25,1306262026B00001,测试,面,,,,@
J1,1,4348000.000,39393000.000
J2,1,4348000.000,39393050.000
J3,1,4348050.000,39393050.000
J4,1,4348050.000,39393000.000
J1,1,4348000.000,39393000.000
`, "\n", "\r\n")
		resp, b := c.do("PUT", loc+"/parcels", http.Header{"Content-Type": {"text/plain; charset=utf-8"}, "If-Match": {tag}}, []byte(file))
		c.status(200, resp, b)
		var got struct {
			Parcels []struct {
				PlaneAreaM2 float64 `json:"plane_area_m2"`
			} `json:"parcels"`
		}
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Parcels) != 1 || got.Parcels[0].PlaneAreaM2 < 2499.99 || got.Parcels[0].PlaneAreaM2 > 2500.01 {
			t.Errorf("parcels after the coordinate file = %s", b)
		}
		broken := strings.Replace(file, "J3,1,4348050.000", "J3,1,north", 1)
		resp, b = c.do("PUT", loc+"/parcels", http.Header{"Content-Type": {"text/plain"}}, []byte(broken))
		c.status(400, resp, b)
		if !strings.Contains(string(b), `"line":7`) {
			t.Errorf("the problem does not give line 7: %s", b)
		}
	})

	t.Run("events move the stage and bad orders are refused", func(t *testing.T) {
		c := c.as(t)
		resp, b := c.do("POST", loc+"/events", nil, []byte(`{"kind":"completion","occurred_on":"2026-03-01"}`))
		c.status(400, resp, b)
		resp, b = c.do("POST", loc+"/events", nil, []byte(`{"kind":"delivery","occurred_on":"2026-02-01"}`))
		c.status(201, resp, b)
		if !strings.Contains(string(b), `"stage":"delivered"`) {
			t.Errorf("after delivery: %s", b)
		}
	})

	t.Run("a review round-trips between the county and the province", func(t *testing.T) {
		c := c.as(t)
		beijing := ts.account(t, "reviewer-bj", land.RoleReviewer, "110000")
		hebei := ts.account(t, "reviewer-hb", land.RoleReviewer, "130000")
		clerk := ts.account(t, "clerk-dx", land.RoleClerk, "130626")
		resp, b := beijing.do("POST", loc+"/review", nil, []byte(`{"decision":"approve"}`))
		beijing.status(403, resp, b)
		resp, b = hebei.do("POST", loc+"/review", nil, []byte(`{"decision":"return","reason":"土地用途与合同不符"}`))
		hebei.status(200, resp, b)
		resp, b = clerk.do("GET", "/api/v1/supplies?review=returned", nil, nil)
		clerk.status(200, resp, b)
		if !strings.Contains(string(b), `"review_reason":"土地用途与合同不符"`) || !strings.Contains(string(b), `"total":1`) {
			t.Fatalf("the clerk's returned records: %s", b)
		}
		resp, b = clerk.do("GET", loc, nil, nil)
		clerk.status(200, resp, b)
		resp, b = clerk.do("PATCH", loc, http.Header{"If-Match": {resp.Header.Get("ETag")}}, []byte(`{"project_name":"测试项目（已改）"}`))
		clerk.status(200, resp, b)
		if !strings.Contains(string(b), `"review_status":"submitted"`) {
			t.Errorf("a fixed record is not submitted again: %s", b)
		}
		resp, b = hebei.do("POST", loc+"/review", nil, []byte(`{"decision":"approve"}`))
		hebei.status(200, resp, b)
		resp, b = clerk.do("GET", loc+"/history", nil, nil)
		clerk.status(200, resp, b)
		for _, step := range []string{`"review_status":"returned"`, `"review_status":"approved"`, `"reviewed_by":"reviewer-hb"`} {
			if !strings.Contains(string(b), step) {
				t.Errorf("the history lacks %s", step)
			}
		}
		resp, b = c.do("GET", "/public/supplies/1306262026B00001", nil, nil)
		c.status(200, resp, b)
		sqltest.AssertNoCoordinates(t, b)
	})

	// The agreed start 2025-01-06 has been a full year past since 2026-01-07:
	// the land is idle by the rule when it is determined.
	t.Run("determined idle land is published without coordinates", func(t *testing.T) {
		c := c.as(t)
		resp, b := c.do("POST", loc+"/events", nil, []byte(`{"kind":"idle_determination","occurred_on":"2026-03-02","cause":"holder"}`))
		c.status(201, resp, b)
		resp, b = c.do("GET", "/public/idle-land", nil, nil)
		c.status(200, resp, b)
		if !strings.Contains(string(b), `"e_number":"1306262026B00001"`) || !strings.Contains(string(b), `"determined_on":"2026-03-02"`) {
			t.Fatalf("public idle list: %s", b)
		}
		sqltest.AssertNoCoordinates(t, b)
	})
}
