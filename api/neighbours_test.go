package api

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb/encoding/mvt"

	"landwatch/land"
)

// A clerk of 唐县 (130627) who draws a supply over land of 定兴 (130626)
// learns only that the ground is already supplied in another region: no
// number, id, area, share or position, in the write's answer, the finding,
// the overlap list or the tiles. Both counties find the finding; the
// province above both sees it whole.
func TestANeighboursDrawingRevealsNothingOfTheOtherCounty(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	dingxing := ts.account(t, "clerk-dingxing", land.RoleClerk, "130626")
	inspector := ts.account(t, "inspector-dingxing", land.RoleInspector, "130626")
	tang := ts.account(t, "clerk-tang", land.RoleClerk, "130627")
	province := ts.account(t, "reviewer-hebei", land.RoleReviewer, "130000")
	const theirs, mine = "1306262026B00040", "1306272026B00041"
	resp, body := dingxing.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON(theirs, square(115.780, 39.260, 0.001))))
	dingxing.status(201, resp, body)
	var their struct {
		ID      int64 `json:"id"`
		Parcels []struct {
			ID int64 `json:"id"`
		} `json:"parcels"`
	}
	if err := json.Unmarshal(body, &their); err != nil || len(their.Parcels) != 1 {
		t.Fatalf("%v: %s", err, body)
	}
	// Secret values of 定兴's side that must not reach 唐县.
	secrets := []string{theirs, `"other_supply_id"`, `"other_parcel_id"`, `"area_m2"`, `"share`, "130626", "115.78"}
	leaks := func(t *testing.T, what string, body []byte) {
		t.Helper()
		for _, s := range secrets {
			if strings.Contains(string(body), s) {
				t.Errorf("%s shows %s: %s", what, s, body)
			}
		}
	}

	resp, body = tang.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON(mine, square(115.7805, 39.260, 0.001))))
	tang.status(201, resp, body)
	var w struct {
		Overlaps []struct {
			Elsewhere bool  `json:"elsewhere"`
			FindingID int64 `json:"finding_id"`
		} `json:"overlaps"`
	}
	if err := json.Unmarshal(body, &w); err != nil || len(w.Overlaps) != 1 || !w.Overlaps[0].Elsewhere || w.Overlaps[0].FindingID == 0 {
		t.Fatalf("the write's overlaps: %v %s; want one, supplied elsewhere", err, body)
	}
	secrets = append(secrets, `"parcel_id":`+strconv.FormatInt(their.Parcels[0].ID, 10))
	leaks(t, "the write's answer", body[strings.Index(string(body), `"warnings"`):])
	finding := "/api/v1/findings/" + strconv.FormatInt(w.Overlaps[0].FindingID, 10)

	t.Run("each county finds the finding, told from its own side", func(t *testing.T) {
		for _, c := range []struct {
			who    testClient
			number string
		}{{tang, mine}, {dingxing, theirs}} {
			resp, body := c.who.do("GET", "/api/v1/findings?kind=overlap", nil, nil)
			c.who.status(200, resp, body)
			if !strings.Contains(string(body), `"total":1`) || !strings.Contains(string(body), `"e_number":"`+c.number+`"`) ||
				!strings.Contains(string(body), `"elsewhere":true`) {
				t.Errorf("findings of %s: %s", c.number, body)
			}
		}
		resp, body := tang.do("GET", finding, nil, nil)
		tang.status(200, resp, body)
		leaks(t, "the finding", body)
	})

	t.Run("a position probe near the neighbour's land finds nothing more", func(t *testing.T) {
		// 定兴's parcel reaches 115.7800; 唐县's starts at 115.7805.
		resp, body := tang.do("GET", "/api/v1/findings?kind=overlap&near=115.7801,39.2605&within=10", nil, nil)
		tang.status(200, resp, body)
		if !strings.Contains(string(body), `"total":0`) {
			t.Errorf("a probe of the neighbour's land only: %s", body)
		}
	})

	t.Run("the overlap list names no neighbour", func(t *testing.T) {
		resp, body := tang.do("GET", "/api/v1/overlaps?region=130627", nil, nil)
		tang.status(200, resp, body)
		if !strings.Contains(string(body), `"total":1`) || !strings.Contains(string(body), mine) || !strings.Contains(string(body), `"elsewhere":true`) {
			t.Errorf("overlaps of 唐县: %s", body)
		}
		leaks(t, "the overlap list", body)
	})

	t.Run("the clerk's tiles mark nothing on the shared ground", func(t *testing.T) {
		resp, body := tang.do("GET", tilePath(115.7807, 39.2605, 15), nil, nil)
		tang.status(200, resp, body)
		layers, err := mvt.Unmarshal(body)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range layers {
			if (l.Name == "findings" || l.Name == "overlaps") && len(l.Features) > 0 {
				t.Errorf("layer %s has %d features on 唐县's tile", l.Name, len(l.Features))
			}
		}
	})

	t.Run("the province sees both sides", func(t *testing.T) {
		resp, body := province.do("GET", finding, nil, nil)
		province.status(200, resp, body)
		for _, want := range []string{theirs, mine, `"area_m2"`, `"other_region_code"`} {
			if !strings.Contains(string(body), want) {
				t.Errorf("the province's finding lacks %s: %s", want, body)
			}
		}
		if strings.Contains(string(body), `"elsewhere"`) {
			t.Errorf("the province is told of elsewhere: %s", body)
		}
	})

	t.Run("either county may work the finding", func(t *testing.T) {
		resp, body := inspector.do("PATCH", finding, nil, []byte(`{"status":"assigned","assignee":"inspector-dingxing","reason":"与唐县核对"}`))
		inspector.status(200, resp, body)
		if !strings.Contains(string(body), `"e_number":"`+theirs+`"`) || strings.Contains(string(body), mine) {
			t.Errorf("定兴's answer: %s", body)
		}
	})
}
