package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql/sqltest"
	"landwatch/tiles"
)

// twoCounties starts a server with one supply in 定兴县 (130626) and one in
// 唐县 (130627), side by side in the same z15 tile, and returns it with a
// client of an administrator of the whole country.
func twoCounties(t *testing.T) (*testServer, testClient) {
	t.Helper()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	for _, s := range []struct{ number string }{{"1306262026B00020"}, {"1306272026B00021"}} {
		lon := 115.7800
		if strings.HasPrefix(s.number, "130627") {
			lon = 115.7812
		}
		resp, body := c.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON(s.number, square(lon, 39.2600, 0.0008))))
		c.status(201, resp, body)
	}
	return ts, c
}

// tileNumbers returns the e-supervision numbers labelled in a tile, having
// checked that it draws a parcel for each label.
func tileNumbers(c testClient, path string) []string {
	c.t.Helper()
	drawn := map[any]bool{}
	for _, f := range tileLayer(c, path, "parcels") {
		drawn[f.ID] = true
	}
	var out []string
	for _, f := range tileLayer(c, path, "labels") {
		if !drawn[f.ID] {
			c.t.Errorf("%s labels %v, whose parcel it does not draw", path, f.Properties)
		}
		out = append(out, f.Properties.MustString("e_number", ""))
	}
	if len(out) != len(drawn) {
		c.t.Errorf("%s draws %d parcels and labels %v", path, len(drawn), out)
	}
	return out
}

func TestRegionsConfidentialityAndSignIn(t *testing.T) {
	t.Parallel()
	ts, c := twoCounties(t)
	tile := tilePath(115.7808, 39.2604, tiles.LabelMinZoom) // a zoom whose tiles carry the numbers

	t.Run("a county user's tiles hold only that county's parcels", func(t *testing.T) {
		if got := tileNumbers(c.as(t), tile); len(got) != 2 {
			t.Fatalf("the administrator's tile has %v, want both supplies", got)
		}
		county := ts.account(t, "clerk-tang", land.RoleClerk, "130627")
		got := tileNumbers(county, tile)
		if len(got) != 1 || got[0] != "1306272026B00021" {
			t.Errorf("唐县's tile has %v, want its own supply only", got)
		}
		resp, body := county.do("GET", "/tiles.json", nil, nil)
		county.status(http.StatusOK, resp, body)
		var tj struct {
			Bounds [4]float64 `json:"bounds"`
		}
		if err := json.Unmarshal(body, &tj); err != nil || tj.Bounds[0] < 115.7811 {
			t.Errorf("唐县's TileJSON bounds %v reach beyond its own land (from 115.7812): %v", tj.Bounds, err)
		}
		// A GIS client zooming to a layer lands on the county's land.
		resp, body = county.do("GET", "/ogc/collections/supplies", nil, nil)
		county.status(http.StatusOK, resp, body)
		var col struct {
			Extent struct {
				Spatial struct {
					BBox [][4]float64 `json:"bbox"`
				} `json:"spatial"`
			} `json:"extent"`
		}
		if err := json.Unmarshal(body, &col); err != nil || len(col.Extent.Spatial.BBox) != 1 || col.Extent.Spatial.BBox[0] != tj.Bounds {
			t.Errorf("唐县's supplies collection lies in %v, want its TileJSON bounds %v: %v", col.Extent.Spatial.BBox, tj.Bounds, err)
		}
		resp, body = county.do("GET", "/api/v1/supplies/1306262026B00020", nil, nil)
		county.status(http.StatusForbidden, resp, body)
		resp, body = county.do("GET", "/api/v1/supplies", nil, nil)
		county.status(200, resp, body)
		if strings.Contains(string(body), "1306262026B00020") {
			t.Errorf("the list shows the neighbour's supply: %s", body)
		}
	})

	t.Run("an import row for another county is rejected with that reason", func(t *testing.T) {
		county := ts.account(t, "clerk-tang2", land.RoleClerk, "130627")
		csv := "电子监管号,项目名称,供地方式,面积(公顷),土地用途,合同签订日期\n" +
			"1306262026B00030,邻县项目,挂牌出让,1,其他普通商品住房用地,2026-01-05\n" +
			"1306272026B00031,本县项目,挂牌出让,1,其他普通商品住房用地,2026-01-05\n"
		resp, body := county.do("POST", "/api/v1/imports?name=rows.csv", nil, []byte(csv))
		county.status(200, resp, body)
		var rep struct {
			Accepted int `json:"accepted"`
			Rejected []struct {
				Line   int    `json:"line"`
				Reason string `json:"reason"`
			} `json:"rejected"`
		}
		if err := json.Unmarshal(body, &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Accepted != 1 || len(rep.Rejected) != 1 || rep.Rejected[0].Line != 2 || !strings.Contains(rep.Rejected[0].Reason, "outside your region 130627") {
			t.Errorf("report %s, want line 2 rejected as another region's", body)
		}
	})

	t.Run("a browser write without the session's CSRF token is refused", func(t *testing.T) {
		ts.account(t, "clerk-dx", land.RoleClerk, "130626")
		c := c.as(t)
		resp, body := c.do("POST", "/api/v1/session", http.Header{"Authorization": nil}, []byte(`{"name":"clerk-dx","password":"`+testPassword+`"}`))
		c.status(200, resp, body)
		var s struct {
			CSRF string `json:"csrf_token"`
		}
		if err := json.Unmarshal(body, &s); err != nil || s.CSRF == "" {
			t.Fatalf("sign-in answer %s", body)
		}
		cookie := resp.Header.Get("Set-Cookie")
		if !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "SameSite=Strict") {
			t.Errorf("cookie %q, want HttpOnly and SameSite=Strict", cookie)
		}
		browser := ts.anonymous(t)
		h := http.Header{"Cookie": {strings.Split(cookie, ";")[0]}}
		resp, body = browser.do("POST", "/api/v1/supplies/1306262026B00020/events", h, []byte(`{"kind":"delivery","occurred_on":"2026-02-01"}`))
		browser.status(http.StatusForbidden, resp, body)
		if !strings.Contains(string(body), "CSRF") {
			t.Errorf("the refusal does not say why: %s", body)
		}
		h.Set("X-CSRF-Token", s.CSRF)
		resp, body = browser.do("POST", "/api/v1/supplies/1306262026B00020/events", h, []byte(`{"kind":"delivery","occurred_on":"2026-02-01"}`))
		browser.status(http.StatusCreated, resp, body)
		if !strings.Contains(string(body), `"recorded_by":"clerk-dx"`) {
			t.Errorf("the event is not attributed to the clerk: %s", body)
		}
		resp, body = browser.do("DELETE", "/api/v1/session", h, nil)
		browser.status(http.StatusNoContent, resp, body)
		resp, body = browser.do("GET", "/api/v1/session", h, nil)
		browser.status(http.StatusUnauthorized, resp, body)
		resp, body = browser.do("GET", "/signin.html", h, nil)
		browser.status(http.StatusOK, resp, body) // an ended session still reaches the sign-in page
	})

	t.Run("a neighbour's drawings and own parcels do not trace this county's land", func(t *testing.T) {
		tang := ts.account(t, "clerk-tang3", land.RoleClerk, "130627")
		resp, body := tang.do("POST", "/api/v1/overlaps/query", nil, []byte(square(115.7801, 39.2601, 0.0004)))
		tang.status(http.StatusOK, resp, body)
		if strings.Contains(string(body), "1306262026B00020") {
			t.Errorf("a drawn shape finds the neighbour's supply: %s", body)
		}
		// 唐县's new parcel lies over 定兴's: the clerk learns only that the land
		// is supplied elsewhere, and the shared ground (which traces 定兴's
		// boundary) is not in its tiles.
		resp, body = tang.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306272026B00022", square(115.7802, 39.2602, 0.0004))))
		tang.status(http.StatusCreated, resp, body)
		if !strings.Contains(string(body), `"elsewhere":true`) || strings.Contains(string(body), "1306262026B00020") ||
			!strings.Contains(string(body), "already supplied in another region") || strings.Contains(string(body), "coordinates") {
			t.Errorf("the overlap report: %s", body)
		}
		shapes := func(who testClient) int { return len(tileLayer(who, tile, "overlaps")) }
		// The shared ground reaches the map through the change feed.
		deadline := time.Now().Add(10 * time.Second)
		for shapes(c.as(t)) != 1 {
			if time.Now().After(deadline) {
				t.Fatal("the administrator's tile never shows the overlap")
			}
			time.Sleep(100 * time.Millisecond)
		}
		if n := shapes(tang); n != 0 {
			t.Errorf("唐县's clerk's tile has %d overlap shapes, want none", n)
		}
	})

	t.Run("a clerk cannot approve its own record or date its own entries", func(t *testing.T) {
		tang := ts.account(t, "clerk-tang4", land.RoleClerk, "130627")
		self := `{"e_number":"1306272026B00023","method":"23","project_name":"测试","area_ha":1,"land_use_original":"0701","contract_date":"2026-01-05","review_status":"approved","reviewed_by":"someone"}`
		resp, body := tang.do("POST", "/api/v1/supplies", nil, []byte(self))
		tang.status(http.StatusCreated, resp, body)
		if !strings.Contains(string(body), `"review_status":"submitted"`) || strings.Contains(string(body), "someone") {
			t.Errorf("a self-approved record: %s", body)
		}
		dated := `{"e_number":"1306272026B00024","method":"23","project_name":"测试","area_ha":1,"land_use_original":"0701","contract_date":"2026-01-05",
"events":[{"kind":"delivery","occurred_on":"2026-01-10","recorded_at":"2026-01-11T00:00:00Z"}]}`
		resp, body = tang.do("POST", "/api/v1/supplies", nil, []byte(dated))
		tang.status(http.StatusBadRequest, resp, body)
		if !strings.Contains(string(body), `"field":"events[0].recorded_at"`) {
			t.Errorf("a dated entry: %s", body)
		}
		resp, body = tang.do("POST", "/api/v1/supplies", nil, []byte(strings.Replace(self, `"测试"`, `"a\u0000b"`, 1)))
		tang.status(http.StatusBadRequest, resp, body)
		resp, body = tang.do("POST", "/api/v1/supplies", nil, []byte(strings.Replace(self, `"测试"`, `"测试二"`, 1)))
		tang.status(http.StatusConflict, resp, body)
		if strings.Contains(string(body), "SQLSTATE") || strings.Contains(string(body), "constraint") {
			t.Errorf("a conflict shows the database's words: %s", body)
		}
	})

	t.Run("a county administrator reads its own region's audit entries only", func(t *testing.T) {
		countyAdmin := ts.account(t, "admin-tang", land.RoleAdmin, "130627")
		resp, body := countyAdmin.do("GET", "/api/v1/audit?limit=1000", nil, nil)
		countyAdmin.status(http.StatusOK, resp, body)
		if strings.Contains(string(body), `"actor":"admin"`) || !strings.Contains(string(body), `"actor":"clerk-tang4"`) {
			t.Errorf("the county administrator's audit view: %s", body)
		}
	})

	t.Run("a body larger than a route takes is refused naming the body and the limit", func(t *testing.T) {
		big := []byte(`{"reason":"` + strings.Repeat("x", 2<<20) + `"}`)
		c := c.as(t)
		resp, body := c.do("PATCH", "/api/v1/findings/1", nil, big)
		c.status(http.StatusRequestEntityTooLarge, resp, body)
		if !strings.Contains(string(body), `"field":"body"`) || !strings.Contains(string(body), "1 MiB") {
			t.Errorf("answer %s", body)
		}
	})

	t.Run("a revoked token stops working at once", func(t *testing.T) {
		c := c.as(t)
		id, secret := newToken(c, "QGIS on the survey laptop")
		qgis := testClient{t: t, srv: ts, token: secret}
		resp, body := qgis.do("GET", tile, nil, nil)
		qgis.status(http.StatusOK, resp, body)
		resp, body = c.do("DELETE", "/api/v1/tokens/"+strconv.FormatInt(id, 10), nil, nil)
		c.status(http.StatusNoContent, resp, body)
		resp, body = qgis.do("GET", tile, nil, nil)
		qgis.status(http.StatusUnauthorized, resp, body)
	})

	t.Run("failed sign-ins are throttled per account", func(t *testing.T) {
		ts.account(t, "guessed", land.RoleAnalyst, "130626")
		anon := ts.anonymous(t)
		for i := 0; i < 5; i++ {
			resp, body := anon.do("POST", "/api/v1/session", nil, []byte(`{"name":"guessed","password":"wrong guess `+strconv.Itoa(i)+`"}`))
			anon.status(http.StatusUnauthorized, resp, body)
		}
		resp, body := anon.do("POST", "/api/v1/session", nil, []byte(`{"name":"guessed","password":"`+testPassword+`"}`))
		anon.status(http.StatusTooManyRequests, resp, body)
		if resp.Header.Get("Retry-After") == "" {
			t.Error("no Retry-After")
		}
	})

	t.Run("the audit log holds the sign-ins, writes and coordinate reads, and verifies", func(t *testing.T) {
		c := c.as(t)
		resp, body := c.do("GET", "/api/v1/audit?limit=1000", nil, nil)
		c.status(200, resp, body)
		for _, action := range []string{`"action":"sign_in"`, `"action":"sign_in_failed"`, `"action":"write"`, `"action":"import"`} {
			if !strings.Contains(string(body), action) {
				t.Errorf("the audit log has no %s", action)
			}
		}
		if rep, err := ts.store.VerifyAudit(context.Background(), nil); err != nil || !rep.Intact() {
			t.Errorf("audit verify: %+v %v", rep, err)
		}
	})

	// Last: it locks this address out for a while.
	t.Run("failed sign-ins are throttled per address too, whatever the name", func(t *testing.T) {
		anon := ts.anonymous(t)
		// One user's typing does not lock out the office behind the same address…
		resp, body := anon.do("POST", "/api/v1/session", nil, []byte(`{"name":"clerk-dx","password":"`+testPassword+`"}`))
		anon.status(http.StatusOK, resp, body)
		// …but guessing through many names does (30 failures, 5 of them
		// above), names of accounts (4 guesses each, under the account's
		// limit) and names of nobody alike.
		var names []string
		for i := range 5 {
			names = append(names, "nobody-"+strconv.Itoa(i))
			ts.account(t, "guessed-"+strconv.Itoa(i), land.RoleAnalyst, "130626")
			for range 4 {
				names = append(names, "guessed-"+strconv.Itoa(i))
			}
		}
		for i, name := range names {
			resp, body := anon.do("POST", "/api/v1/session", nil, []byte(`{"name":"`+name+`","password":"guess `+strconv.Itoa(i)+`"}`))
			anon.status(http.StatusUnauthorized, resp, body)
		}
		resp, body = anon.do("POST", "/api/v1/session", nil, []byte(`{"name":"clerk-dx","password":"`+testPassword+`"}`))
		anon.status(http.StatusTooManyRequests, resp, body)
	})
}

// Under the external profile nothing with coordinates leaves, whoever asks:
// a walk of the API as an administrator on the internal network finds no
// coordinate pair in any answer, and the map data is refused.
func TestTheExternalProfileServesNoCoordinates(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(c *Config) { c.Profile = ProfileExternal })
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	resp, body := c.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00040", square(115.78, 39.26, 0.001))))
	c.status(http.StatusForbidden, resp, body)
	if !strings.Contains(string(body), "LANDWATCH_PROFILE=external") {
		t.Errorf("the refusal does not name the rule: %s", body)
	}
	noGeometry := `{"e_number":"1306262026B00040","method":"23","project_name":"外网录入","area_ha":1,"land_use_original":"0701","contract_date":"2026-01-05"}`
	resp, body = c.do("POST", "/api/v1/supplies", nil, []byte(noGeometry))
	c.status(http.StatusCreated, resp, body)
	walk := []struct {
		path   string
		header http.Header
	}{
		{"/healthz", nil}, {"/public/idle-land", nil}, {"/public/supplies", nil}, {"/api/v1/session", nil},
		{"/api/v1/supplies", nil}, {"/api/v1/supplies?f=geojson", nil}, {"/api/v1/supplies/1306262026B00040", nil},
		{"/api/v1/supplies/1306262026B00040", http.Header{"Accept": {"application/geo+json"}}},
		{"/api/v1/supplies/1306262026B00040/history", nil}, {"/api/v1/findings", nil}, {"/api/v1/findings?near=115.78,39.26", nil},
		{"/api/v1/overlaps?region=130626", nil}, {"/api/v1/overlaps?bbox=115.7,39.2,115.9,39.3", nil},
		{"/api/v1/timeliness", nil}, {"/api/v1/accounts", nil}, {"/api/v1/tokens", nil}, {"/api/v1/audit", nil},
		{"/tiles.json", nil}, {tilePath(115.78, 39.26, 15), nil},
	}
	resp, body = c.do("GET", "/js/", nil, nil)
	c.status(http.StatusNotFound, resp, body) // no folder listings
	resp, body = c.do("GET", "/api/v1/nothing-here", nil, nil)
	c.status(http.StatusNotFound, resp, body)
	if resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("an unknown API path answers %q", resp.Header.Get("Content-Type"))
	}
	// A box asks where land lies: refused like coordinates.
	resp, body = c.do("GET", "/api/v1/supplies?bbox=115.7,39.2,115.9,39.3", nil, nil)
	c.status(http.StatusForbidden, resp, body)
	for _, w := range walk {
		resp, body := c.do("GET", w.path, w.header, nil)
		if resp.StatusCode >= 500 {
			t.Errorf("%s: %d %s", w.path, resp.StatusCode, body)
		}
		if bytes.HasPrefix(body, []byte{0x1a}) || resp.Header.Get("Content-Type") == "application/vnd.mapbox-vector-tile" {
			t.Errorf("%s: a vector tile was served", w.path)
		}
		if found := sqltest.FindCoordinates(body); len(found) > 0 {
			t.Errorf("%s carries coordinates %v: %s", w.path, found, body)
		}
	}
}
