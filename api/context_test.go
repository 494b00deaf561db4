package api

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"landwatch/land"
)

// The region picker walks the divisions by name: the provinces, then a
// province's prefectures, then a prefecture's counties.
func TestRegionsAreListedByTheirParent(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "clerk-dx", land.RoleClerk, "130626")
	names := func(path string) map[string]string {
		t.Helper()
		resp, body := clerk.do("GET", path, nil, nil)
		clerk.status(http.StatusOK, resp, body)
		var page struct {
			Items []land.Region `json:"items"`
			Total int           `json:"total"`
			Next  *string       `json:"next"`
		}
		if err := json.Unmarshal(body, &page); err != nil || page.Total != len(page.Items) || page.Next != nil {
			t.Fatalf("%s: %v %s", path, err, body)
		}
		out := map[string]string{}
		for _, r := range page.Items {
			out[r.Code] = r.Name
		}
		return out
	}
	if got := names("/api/v1/regions"); got["130000"] != "河北省" || got["110000"] == "" || len(got) < 31 {
		t.Errorf("provinces: %v", got)
	}
	if got := names("/api/v1/regions?parent=130000"); got["130600"] != "保定市" || got["130626"] != "" {
		t.Errorf("Hebei's prefectures: %v", got)
	}
	if got := names("/api/v1/regions?parent=130600"); got["130626"] != "定兴县" || got["130627"] != "唐县" {
		t.Errorf("Baoding's counties: %v", got)
	}
	resp, body := clerk.do("GET", "/api/v1/regions?parent=999999", nil, nil)
	clerk.status(http.StatusNotFound, resp, body)
	resp, body = clerk.do("GET", "/api/v1/regions?name=定兴", nil, nil)
	clerk.status(http.StatusBadRequest, resp, body)
}

// Without a basemap the page may fetch from its own origin only; with one,
// from exactly the basemap's origin as well, and config.json tells the map
// to draw it.
func TestTheBasemapSettingDrawsItAndAdmitsItsOriginAlone(t *testing.T) {
	t.Parallel()
	config := func(ts *testServer) (string, map[string]any) {
		resp, body := ts.anonymous(t).do("GET", "/config.json", nil, nil)
		ts.anonymous(t).status(http.StatusOK, resp, body)
		var c map[string]any
		if err := json.Unmarshal(body, &c); err != nil {
			t.Fatal(err)
		}
		return resp.Header.Get("Content-Security-Policy"), c
	}
	csp, c := config(newTestServer(t, nil))
	if c["basemap"] != nil || c["tiles"] != "/tiles.json" || strings.Contains(csp, "http") {
		t.Errorf("without a basemap: csp %q, config %v", csp, c)
	}
	b, err := ParseBasemap("http://127.0.0.1:9911/tiles/{z}/{x}/{y}.png")
	if err != nil {
		t.Fatal(err)
	}
	csp, c = config(newTestServer(t, func(c *Config) { c.Basemap = b }))
	for _, want := range []string{"img-src 'self' data: blob: http://127.0.0.1:9911;", "connect-src 'self' http://127.0.0.1:9911;"} {
		if !strings.Contains(csp, want) {
			t.Errorf("csp %q lacks %q", csp, want)
		}
	}
	if strings.Count(csp, "http") != 2 {
		t.Errorf("csp %q admits more than the basemap's origin", csp)
	}
	basemap, _ := c["basemap"].(map[string]any)
	if tiles, _ := basemap["tiles"].([]any); len(tiles) != 1 || tiles[0] != b.Template {
		t.Errorf("config basemap %v", c["basemap"])
	}
	for _, bad := range []string{"ftp://h/{z}/{x}/{y}.png", "https://h/{z}/{x}.png", "//h/{z}/{x}/{y}.png", "https://u:p@h/{z}/{x}/{y}.png"} {
		if _, err := ParseBasemap(bad); err == nil {
			t.Errorf("ParseBasemap(%q) accepted it", bad)
		}
	}
}

// A province or the ministry imports boundaries (a county may not); they
// are drawn from a box, and from then on a parcel of 定兴 attached to a
// supply of a county with a boundary elsewhere is refused.
func TestImportedBoundariesAreOutlinedAndCheckParcels(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	ministry := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	clerk := ts.account(t, "clerk-dx", land.RoleClerk, "130626")
	fixture, err := os.ReadFile("../supervision/testdata/boundaries.geojson")
	if err != nil {
		t.Fatal(err)
	}
	geo := http.Header{"Content-Type": {"application/geo+json"}}
	resp, body := clerk.do("POST", "/api/v1/boundaries", geo, fixture)
	clerk.status(http.StatusForbidden, resp, body)

	// Before: a 唐县 supply may be drawn in 定兴 (the province's extent allows it).
	resp, body = ministry.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306272026B00051", square(115.790, 39.270, 0.001))))
	ministry.status(http.StatusCreated, resp, body)

	resp, body = ministry.do("POST", "/api/v1/boundaries", geo, fixture)
	ministry.status(http.StatusOK, resp, body)
	var rep struct {
		Accepted int `json:"accepted"`
	}
	if err := json.Unmarshal(body, &rep); err != nil || rep.Accepted != 3 {
		t.Fatalf("report %s", body)
	}

	resp, body = clerk.do("GET", "/api/v1/boundaries?bbox=115.7,39.2,115.8,39.3&zoom=14", nil, nil)
	clerk.status(http.StatusOK, resp, body)
	var fc struct {
		Features []struct {
			Geometry   struct{ Type string } `json:"geometry"`
			Properties struct{ Code, Name, Level string }
		} `json:"features"`
	}
	if err := json.Unmarshal(body, &fc); err != nil || len(fc.Features) != 2 {
		t.Fatalf("boundaries in the box: %v %s", err, body)
	}
	if p := fc.Features[0].Properties; p.Code != "130626" || p.Name != "定兴县" || p.Level != "county" || fc.Features[1].Properties.Level != "township" {
		t.Errorf("features %+v", fc.Features)
	}

	resp, body = ministry.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306272026B00052", square(115.792, 39.272, 0.001))))
	ministry.status(http.StatusBadRequest, resp, body)
	for _, want := range []string{"130627", "唐县", "parcels[0]"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the refusal %s does not name %s", body, want)
		}
	}
	resp, body = clerk.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00053", square(115.792, 39.272, 0.001))))
	clerk.status(http.StatusCreated, resp, body)
}
