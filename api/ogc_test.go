package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"landwatch/land"
	"landwatch/spatial"
)

// ogcSupply is a new supply of the county its number names, with one square
// parcel at lon/lat, a contract date and an area.
func ogcSupply(number string, lon, lat float64, contract string, areaHa float64) string {
	return fmt.Sprintf(`{"e_number":%q,"method":"23","project_name":"测试%s","area_ha":%g,"land_use_original":"0701",
"contract_date":%q,"parcels":{"type":"Feature","properties":{},"geometry":%s}}`, number, number[12:], areaHa, contract, square(lon, lat, 0.001))
}

// ogcRegister makes a register of 12 supplies in county A (定兴县 130626),
// in a row 0.01° apart from 115.70 east, and 3 in county B (唐县 130627),
// and returns an admin of the nation.
func ogcRegister(t *testing.T, ts *testServer) testClient {
	t.Helper()
	admin := ts.account(t, "root", land.RoleAdmin, land.NationCode)
	for i := range 12 {
		body := ogcSupply(fmt.Sprintf("1306262026B%05d", 100+i), 115.70+0.01*float64(i), 39.20, fmt.Sprintf("2026-%02d-10", i+1), float64(1+i))
		resp, b := admin.do("POST", "/api/v1/supplies", nil, []byte(body))
		admin.status(http.StatusCreated, resp, b)
	}
	for i := range 3 {
		body := ogcSupply(fmt.Sprintf("1306272026B%05d", 100+i), 115.40+0.01*float64(i), 39.00, "2026-03-01", 2)
		resp, b := admin.do("POST", "/api/v1/supplies", nil, []byte(body))
		admin.status(http.StatusCreated, resp, b)
	}
	return admin
}

// itemsPage is an items answer.
type itemsPage struct {
	Type     string `json:"type"`
	Features []struct {
		ID       int64 `json:"id"`
		Geometry *struct {
			Type        string          `json:"type"`
			Coordinates [][][][]float64 `json:"coordinates"`
		} `json:"geometry"`
		Properties map[string]any `json:"properties"`
	} `json:"features"`
	NumberMatched  int    `json:"numberMatched"`
	NumberReturned int    `json:"numberReturned"`
	Links          []link `json:"links"`
}

func (p itemsPage) link(rel string) string {
	for _, l := range p.Links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

func (p itemsPage) numbers() []string {
	var out []string
	for _, f := range p.Features {
		out = append(out, f.Properties["e_number"].(string))
	}
	return out
}

// items gets a page of features, failing unless the answer is 200.
func items(c testClient, path string, header http.Header) (itemsPage, *http.Response) {
	c.t.Helper()
	resp, body := c.do("GET", path, header, nil)
	c.status(http.StatusOK, resp, body)
	var p itemsPage
	if err := json.Unmarshal(body, &p); err != nil {
		c.t.Fatalf("%s: %v: %s", path, err, body)
	}
	if p.NumberReturned != len(p.Features) {
		c.t.Errorf("%s: numberReturned %d of %d features", path, p.NumberReturned, len(p.Features))
	}
	return p, resp
}

// relative is the path and query of an absolute link.
func relative(t *testing.T, href string) string {
	u, err := url.Parse(href)
	if err != nil || !u.IsAbs() {
		t.Fatalf("link %q is not absolute", href)
	}
	return u.RequestURI()
}

func TestTheOGCDocumentsDescribeTheCollections(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "analyst", land.RoleAnalyst, "130626")
	resp, body := c.do("GET", "/ogc", nil, nil)
	c.status(http.StatusOK, resp, body)
	for _, rel := range []string{`"service-desc"`, `"conformance"`, `"data"`, `"self"`} {
		if !strings.Contains(string(body), rel) {
			t.Errorf("the landing page has no %s link: %s", rel, body)
		}
	}
	resp, body = c.do("GET", "/ogc/conformance", nil, nil)
	c.status(http.StatusOK, resp, body)
	for _, class := range []string{"ogcapi-features-1/1.0/conf/core", "ogcapi-features-2/1.0/conf/crs", "ogcapi-features-3/1.0/conf/filter", "cql2/1.0/conf/cql2-text", "cql2/1.0/conf/cql2-json"} {
		if !strings.Contains(string(body), class) {
			t.Errorf("conformance does not declare %s", class)
		}
	}
	if strings.Contains(string(body), "temporal-functions") || strings.Contains(string(body), "conf/spatial-functions") {
		t.Errorf("conformance declares a class it does not implement: %s", body)
	}
	resp, body = c.do("GET", "/ogc/collections", nil, nil)
	c.status(http.StatusOK, resp, body)
	var cols struct {
		Collections []struct {
			ID         string   `json:"id"`
			CRS        []string `json:"crs"`
			StorageCRS string   `json:"storageCrs"`
		} `json:"collections"`
	}
	if err := json.Unmarshal(body, &cols); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, col := range cols.Collections {
		ids = append(ids, col.ID)
		if col.StorageCRS != epsgBase+"4490" || !slices.Contains(col.CRS, epsgBase+"4527") || col.CRS[0] != crs84 {
			t.Errorf("collection %s: crs %v, storageCrs %s", col.ID, col.CRS, col.StorageCRS)
		}
	}
	for _, want := range []string{"supplies", "parcels", "reserves"} {
		if !slices.Contains(ids, want) {
			t.Errorf("no collection %s in %v", want, ids)
		}
	}
	resp, body = c.do("GET", "/ogc/collections/supplies/queryables", nil, nil)
	c.status(http.StatusOK, resp, body)
	if !strings.Contains(string(body), `"contract_date":{"format":"date","type":"string"}`) || !strings.Contains(string(body), `"geometry"`) {
		t.Errorf("queryables: %s", body)
	}
	resp, body = c.do("GET", "/ogc/api", nil, nil)
	c.status(http.StatusOK, resp, body)
	var oas struct {
		OpenAPI string         `json:"openapi"`
		Paths   map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(body, &oas); err != nil || !strings.HasPrefix(oas.OpenAPI, "3.") || oas.Paths["/collections/{collection}/items"] == nil {
		t.Errorf("openapi: %v %s", err, body)
	}
	validateOpenAPI(t, body)
	resp, body = c.do("GET", "/ogc/collections", http.Header{"Accept": {"text/html,application/xhtml+xml"}}, nil)
	c.status(http.StatusOK, resp, body)
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(body), "<a href=") {
		t.Errorf("a browser is not answered a page: %s %s", resp.Header.Get("Content-Type"), body)
	}
	resp, body = c.do("GET", "/ogc/collections/nothing", nil, nil)
	c.status(http.StatusNotFound, resp, body)
	resp, body = ts.anonymous(t).do("GET", "/ogc/collections", nil, nil)
	c.status(http.StatusUnauthorized, resp, body)
}

func TestPagingThroughNextReadsEveryFeatureOnce(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ogcRegister(t, ts)
	clerkA := ts.account(t, "clerk-a", land.RoleClerk, "130626")
	for _, tc := range []struct {
		name   string
		c      testClient
		total  int
		county string
	}{{"an admin of the nation pages through all 15", admin, 15, ""}, {"a clerk of county A pages through its 12 only", clerkA, 12, "130626"}} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c.as(t)
			var seen []string
			path := "/ogc/collections/supplies/items?limit=5"
			var pages []itemsPage
			for path != "" {
				p, resp := items(c, path, http.Header{"Accept": {mediaGeoJSON}})
				if ct := resp.Header.Get("Content-Type"); ct != mediaGeoJSON {
					t.Errorf("content type %s", ct)
				}
				if p.NumberMatched != tc.total {
					t.Errorf("numberMatched %d, want %d", p.NumberMatched, tc.total)
				}
				seen = append(seen, p.numbers()...)
				pages = append(pages, p)
				path = ""
				if next := p.link("next"); next != "" {
					path = relative(t, next)
				}
			}
			if len(seen) != tc.total || len(slices.Compact(slices.Sorted(slices.Values(seen)))) != tc.total {
				t.Errorf("paged through %d features (%v), want %d once each", len(seen), seen, tc.total)
			}
			for _, n := range seen {
				if tc.county != "" && !strings.HasPrefix(n, tc.county) {
					t.Errorf("a clerk of %s is served %s", tc.county, n)
				}
			}
			if len(pages) < 2 || pages[0].link("prev") != "" || pages[1].link("prev") == "" {
				t.Fatalf("prev links: %d pages", len(pages))
			}
			back, _ := items(c, relative(t, pages[1].link("prev")), nil)
			if !slices.Equal(back.numbers(), pages[0].numbers()) {
				t.Errorf("prev of page 2 is %v, want page 1 %v", back.numbers(), pages[0].numbers())
			}
		})
	}
	// GDAL appends its connection's parameters to the next links it
	// follows: a parameter given twice is linked once.
	twice, _ := items(admin, "/ogc/collections/supplies/items?limit=2&bbox=115,39,116,40&bbox=115,39,116,40&after=1", nil)
	if next := twice.link("next"); strings.Count(next, "bbox=") != 1 || strings.Count(next, "after=") != 1 {
		t.Errorf("next link %s", next)
	}
	// A supply's geometry is its parcels' MultiPolygon, in CRS84 by default.
	p, resp := items(admin, "/ogc/collections/supplies/items?limit=1", nil)
	g := p.Features[0].Geometry
	if g == nil || g.Type != "MultiPolygon" || g.Coordinates[0][0][0][0] != 115.70 || g.Coordinates[0][0][0][1] != 39.20 {
		t.Errorf("geometry %+v", g)
	}
	if resp.Header.Get("Content-Crs") != "<"+crs84+">" {
		t.Errorf("Content-Crs %q", resp.Header.Get("Content-Crs"))
	}
	// One feature, with its version as ETag.
	id := p.Features[0].ID
	resp, body := admin.do("GET", fmt.Sprintf("/ogc/collections/supplies/items/%d", id), nil, nil)
	admin.status(http.StatusOK, resp, body)
	if resp.Header.Get("ETag") != `"v1"` || !strings.Contains(string(body), `"type":"Feature"`) {
		t.Errorf("one feature: %s %s", resp.Header.Get("ETag"), body)
	}
	clerkB := ts.account(t, "clerk-b", land.RoleClerk, "130627")
	resp, body = clerkB.do("GET", fmt.Sprintf("/ogc/collections/supplies/items/%d", id), nil, nil)
	clerkB.status(http.StatusNotFound, resp, body)
	// Parcels and reserves are collections too.
	parcels, _ := items(admin, "/ogc/collections/parcels/items?limit=100", nil)
	if parcels.NumberMatched != 15 || parcels.Features[0].Geometry == nil {
		t.Errorf("parcels: %d matched", parcels.NumberMatched)
	}
	resp, body = admin.do("POST", "/api/v1/reserves", nil, []byte(reserveJSON("CB130626-OGC", "2026-02-10", square(115.95, 39.30, 0.001))))
	admin.status(http.StatusCreated, resp, body)
	reserves, _ := items(admin, "/ogc/collections/reserves/items?datetime=2026-02-01/2026-02-28", nil)
	if reserves.NumberMatched != 1 || reserves.Features[0].Properties["number"] != "CB130626-OGC" {
		t.Errorf("reserves: %+v", reserves)
	}
}

// gkBox is the box of lon/lat corners in Gauss-Krüger zone 39 (EPSG:4527),
// northing first as EPSG orders its axes.
func gkBox(minLon, minLat, maxLon, maxLat float64) string {
	n1, e1 := spatial.ToPlane(117, minLon, minLat)
	n2, e2 := spatial.ToPlane(117, maxLon, maxLat)
	return fmt.Sprintf("%.3f,%.3f,%.3f,%.3f", min(n1, n2), 39e6+min(e1, e2), max(n1, n2), 39e6+max(e1, e2))
}

func TestABoxInAGaussKrugerZoneSelectsWhatTheSameBoxInCGCS2000Does(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ogcRegister(t, ts)
	// The box's edges lie between the parcels: its corners' curvature in
	// the plane does not change which it holds.
	crs84Box := "115.725,39.15,115.765,39.25"
	want, _ := items(admin, "/ogc/collections/supplies/items?bbox="+crs84Box, nil)
	if want.NumberMatched != 4 {
		t.Fatalf("the CRS84 box holds %v, want 4 supplies", want.numbers())
	}
	for name, q := range map[string]string{
		"EPSG:4490, latitude first": "bbox=39.15,115.725,39.25,115.765&bbox-crs=" + url.QueryEscape(epsgBase+"4490"),
		"Gauss-Krüger zone 39":      "bbox=" + gkBox(115.725, 39.15, 115.765, 39.25) + "&bbox-crs=" + url.QueryEscape(epsgBase+"4527"),
	} {
		got, _ := items(admin, "/ogc/collections/supplies/items?"+q, nil)
		if !slices.Equal(got.numbers(), want.numbers()) {
			t.Errorf("%s: %v, want %v", name, got.numbers(), want.numbers())
		}
	}
	// Answers in EPSG:4490 put latitude first, in zone 39 northing first.
	p, resp := items(admin, "/ogc/collections/supplies/items?limit=1&crs="+url.QueryEscape(epsgBase+"4490"), nil)
	if c := p.Features[0].Geometry.Coordinates[0][0][0]; c[0] != 39.20 || c[1] != 115.70 || resp.Header.Get("Content-Crs") != "<"+epsgBase+"4490>" {
		t.Errorf("EPSG:4490 coordinates %v, Content-Crs %s", c, resp.Header.Get("Content-Crs"))
	}
	p, _ = items(admin, "/ogc/collections/supplies/items?limit=1&crs="+url.QueryEscape(epsgBase+"4527"), nil)
	n, e := spatial.ToPlane(117, 115.70, 39.20)
	if c := p.Features[0].Geometry.Coordinates[0][0][0]; abs(c[0]-n) > 0.01 || abs(c[1]-39e6-e) > 0.01 {
		t.Errorf("EPSG:4527 coordinates %v, want %.3f, %.3f", c, n, 39e6+e)
	}
}

func abs(f float64) float64 { return max(f, -f) }

func TestCQL2FiltersSelectTheSupplies(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ogcRegister(t, ts)
	// Supply i (0–11) of county A: at 115.70 + 0.01·i east, contract
	// 2026-(i+1)-10, area 1 + i ha; county B's three: 2026-03-01, 2 ha.
	for _, tc := range []struct {
		name, text, json string
		want             int
	}{
		{"equality", `e_number = '1306262026B00100'`, `{"op":"=","args":[{"property":"e_number"},"1306262026B00100"]}`, 1},
		{"inequality", `e_number <> '1306262026B00100'`, `{"op":"<>","args":[{"property":"e_number"},"1306262026B00100"]}`, 14},
		{"a number comparison", `area_ha > 10`, `{"op":">","args":[{"property":"area_ha"},10]}`, 2},
		{"two comparisons and", `area_ha >= 2 AND area_ha <= 3`, `{"op":"and","args":[{"op":">=","args":[{"property":"area_ha"},2]},{"op":"<=","args":[{"property":"area_ha"},3]}]}`, 5},
		{"LIKE", `e_number LIKE '130627%'`, `{"op":"like","args":[{"property":"e_number"},"130627%"]}`, 3},
		{"NOT LIKE", `e_number NOT LIKE '130627%'`, `{"op":"not","args":[{"op":"like","args":[{"property":"e_number"},"130627%"]}]}`, 12},
		{"IN", `e_number IN ('1306262026B00100', '1306262026B00101', 'none')`, `{"op":"in","args":[{"property":"e_number"},["1306262026B00100","1306262026B00101","none"]]}`, 2},
		{"BETWEEN", `area_ha BETWEEN 11 AND 12`, `{"op":"between","args":[{"property":"area_ha"},11,12]}`, 2},
		{"IS NULL", `reserve_number IS NULL`, `{"op":"isNull","args":[{"property":"reserve_number"}]}`, 15},
		{"IS NOT NULL", `reserve_number IS NOT NULL`, `{"op":"not","args":[{"op":"isNull","args":[{"property":"reserve_number"}]}]}`, 0},
		{"OR", `area_ha = 1 OR area_ha = 12`, `{"op":"or","args":[{"op":"=","args":[{"property":"area_ha"},1]},{"op":"=","args":[{"property":"area_ha"},12]}]}`, 2},
		{"a date comparison", `contract_date >= DATE('2026-11-01')`, `{"op":">=","args":[{"property":"contract_date"},{"date":"2026-11-01"}]}`, 2},
		{"T_AFTER", `T_AFTER(contract_date, DATE('2026-11-10'))`, `{"op":"t_after","args":[{"property":"contract_date"},{"date":"2026-11-10"}]}`, 1},
		{"T_BEFORE", `T_BEFORE(contract_date, DATE('2026-02-10'))`, `{"op":"t_before","args":[{"property":"contract_date"},{"date":"2026-02-10"}]}`, 1},
		{"T_DURING", `T_DURING(contract_date, INTERVAL('2026-02-28', '2026-04-30'))`, `{"op":"t_during","args":[{"property":"contract_date"},{"interval":["2026-02-28","2026-04-30"]}]}`, 5},
		{"S_INTERSECTS a polygon", `S_INTERSECTS(geometry, POLYGON((115.695 39.19, 115.715 39.19, 115.715 39.21, 115.695 39.21, 115.695 39.19)))`,
			`{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[115.695,39.19],[115.715,39.19],[115.715,39.21],[115.695,39.21],[115.695,39.19]]]}]}`, 2},
		{"S_INTERSECTS a point", `S_INTERSECTS(geometry, POINT(115.7005 39.2005))`, `{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Point","coordinates":[115.7005,39.2005]}]}`, 1},
		{"S_WITHIN a box", `S_WITHIN(geometry, BBOX(115.3, 38.9, 115.5, 39.1))`, `{"op":"s_within","args":[{"property":"geometry"},{"bbox":[115.3,38.9,115.5,39.1]}]}`, 3},
		{"S_WITHIN a box it straddles", `S_WITHIN(geometry, BBOX(115.3, 38.9, 115.4005, 39.1))`, `{"op":"s_within","args":[{"property":"geometry"},{"bbox":[115.3,38.9,115.4005,39.1]}]}`, 0},
		{"a string with a quote matches no number", `e_number = 'x'' OR ''1''=''1'`, `{"op":"=","args":[{"property":"e_number"},"x' OR '1'='1"]}`, 0},
		{"property and property", `plot_ratio_min = plot_ratio_max OR "area_ha" = 1`, `{"op":"or","args":[{"op":"=","args":[{"property":"plot_ratio_min"},{"property":"plot_ratio_max"}]},{"op":"=","args":[{"property":"area_ha"},1]}]}`, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := admin.as(t)
			for lang, f := range map[string]string{"cql2-text": tc.text, "cql2-json": tc.json} {
				p, _ := items(c, "/ogc/collections/supplies/items?filter-lang="+lang+"&filter="+url.QueryEscape(f), nil)
				if p.NumberMatched != tc.want {
					t.Errorf("%s %s: %d matched (%v), want %d", lang, f, p.NumberMatched, p.numbers(), tc.want)
				}
			}
		})
	}
	// A filter's geometry in a Gauss-Krüger zone, northing first.
	n1, e1 := spatial.ToPlane(117, 115.695, 39.19)
	n2, e2 := spatial.ToPlane(117, 115.715, 39.21)
	gk := fmt.Sprintf("S_INTERSECTS(geometry, BBOX(%.3f, %.3f, %.3f, %.3f))", n1, 39e6+e1, n2, 39e6+e2)
	p, _ := items(admin, "/ogc/collections/supplies/items?filter-crs="+url.QueryEscape(epsgBase+"4527")+"&filter="+url.QueryEscape(gk), nil)
	if p.NumberMatched != 2 {
		t.Errorf("a Gauss-Krüger filter matches %v", p.numbers())
	}
}

func TestBadOGCParametersAre400sNamingTheParameter(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ogcRegister(t, ts)
	for _, tc := range []struct{ name, query, field, detail string }{
		{"a filter that does not parse names its position", "filter=" + url.QueryEscape("area_ha > 1 AND AND"), "filter", "position 16"},
		{"an unknown queryable", "filter=" + url.QueryEscape("id = 1"), "filter", `"id" is not a queryable`},
		{"SQL in a property name", "filter=" + url.QueryEscape(`"s.id; DROP TABLE supply" = 1`), "filter", "is not a queryable"},
		{"SQL after a complete expression", "filter=" + url.QueryEscape("area_ha = 1; DROP TABLE supply"), "filter", "position 11"},
		{"a value of the wrong type", "filter=" + url.QueryEscape("area_ha = 'big'"), "filter", "position 10"},
		{"LIKE on a number", "filter=" + url.QueryEscape("area_ha LIKE '1%'"), "filter", "LIKE"},
		{"a JSON filter names its path", "filter-lang=cql2-json&filter=" + url.QueryEscape(`{"op":"and","args":[{"op":"=","args":[{"property":"area_ha"},1]},{"op":"??","args":[]}]}`), "filter", "$.args[1]"},
		{"an unknown filter language", "filter-lang=ecql&filter=x", "filter-lang", "cql2-text"},
		{"an unknown CRS", "crs=" + url.QueryEscape(epsgBase+"3857"), "crs", "not a CRS"},
		{"an unknown bbox CRS", "bbox=1,2,3,4&bbox-crs=EPSG:4326", "bbox-crs", "not a CRS"},
		{"a box of three numbers", "bbox=1,2,3", "bbox", "bbox"},
		{"a limit of 0", "limit=0", "limit", "whole number"},
		{"a datetime that is not one", "datetime=yesterday", "datetime", "not a date"},
		{"an unknown format", "f=xml", "f", "xml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := admin.as(t)
			resp, body := c.do("GET", "/ogc/collections/supplies/items?"+tc.query, nil, nil)
			c.status(http.StatusBadRequest, resp, body)
			var p Problem
			_ = json.Unmarshal(body, &p)
			if p.Field != tc.field || !strings.Contains(p.Detail, tc.detail) {
				t.Errorf("field %q, detail %q; want %q naming %q", p.Field, p.Detail, tc.field, tc.detail)
			}
		})
	}
	// The supplies are still there.
	p, _ := items(admin, "/ogc/collections/supplies/items", nil)
	if p.NumberMatched != 15 {
		t.Errorf("%d supplies after the injections", p.NumberMatched)
	}
}

func TestTheExternalProfileServesTheCollectionsWithoutGeometry(t *testing.T) {
	t.Parallel()
	inside := newTestServer(t, nil)
	ogcRegister(t, inside)
	ts := newTestServerOf(t, inside.svc, func(c *Config) { c.Profile = ProfileExternal })
	admin := ts.account(t, "outside", land.RoleAdmin, land.NationCode)
	p, resp := items(admin, "/ogc/collections/supplies/items?limit=3", nil)
	if p.NumberMatched != 15 || len(p.Features) != 3 || resp.Header.Get("Content-Crs") != "" {
		t.Fatalf("%d matched", p.NumberMatched)
	}
	for _, f := range p.Features {
		if f.Geometry != nil {
			t.Errorf("feature %d has a geometry under the external profile", f.ID)
		}
	}
	for _, q := range []string{"bbox=115,39,116,40", "filter=" + url.QueryEscape("S_INTERSECTS(geometry, POINT(115.7005 39.2005))")} {
		resp, body := admin.do("GET", "/ogc/collections/supplies/items?"+q, nil, nil)
		admin.status(http.StatusForbidden, resp, body)
	}
}

// supplyID is the id of the supply with the e-supervision number.
func (ts *testServer) supplyID(t *testing.T, number string) int64 {
	t.Helper()
	sup, err := ts.svc.GetSupply(context.Background(), land.SystemScope("test"), number)
	if err != nil {
		t.Fatal(err)
	}
	return sup.ID
}

// validateOpenAPI checks an OpenAPI description against the OpenAPI
// schema of its version with @seriousme/openapi-schema-validator (npm,
// installed beside the browser tests by scripts/test). Without it the test
// fails: a check skipped where it is missing would pass in every CI that
// never installed it.
func validateOpenAPI(t *testing.T, doc []byte) {
	t.Helper()
	dir, err := filepath.Abs("../web-map/browsertest")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@seriousme", "openapi-schema-validator")); err != nil {
		t.Fatalf("the OpenAPI validator is not installed (npm ci in web-map/browsertest; scripts/test does): %v", err)
	}
	file := filepath.Join(t.TempDir(), "openapi.json")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("node", filepath.Join(dir, "validate-openapi.mjs"), file).CombinedOutput(); err != nil {
		t.Errorf("the OpenAPI description is not valid: %v\n%s", err, out)
	}
}

// A read of features is a read of coordinates, in the audit log with its
// query; listed under the external profile, a filter (which may hold a
// geometry in whole metres) is hidden.
func TestReadingFeaturesIsAudited(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ogcRegister(t, ts)
	filter := url.QueryEscape("S_INTERSECTS(geometry, BBOX(4335930, 39389783, 4346985, 39393392))")
	items(admin, "/ogc/collections/supplies/items?filter-crs="+url.QueryEscape(epsgBase+"4527")+"&filter="+filter, nil)
	resp, body := admin.do("GET", "/api/v1/audit?action=read_coordinates", nil, nil)
	admin.status(http.StatusOK, resp, body)
	if !strings.Contains(string(body), "4335930") || !strings.Contains(string(body), "/ogc/collections/supplies/items") {
		t.Fatalf("the read is not in the audit log with its filter: %s", body)
	}
	external := &testServer{Server: New(Config{Service: ts.svc, Log: logOnFailure(t), Profile: ProfileExternal, InternalNetworks: ts.internalNets}), svc: ts.svc, store: ts.store}
	outside := admin
	outside.srv = external
	resp, body = outside.do("GET", "/api/v1/audit?action=read_coordinates", nil, nil)
	outside.status(http.StatusOK, resp, body)
	if strings.Contains(string(body), "4335930") {
		t.Errorf("outside, the filter's geometry is shown: %s", body)
	}
}

// A finding across two counties is whole to a scope over both; to a county,
// it says only that the ground is supplied elsewhere: no geometry, number
// or region of either side, and a filter on them finds nothing.
func TestAFindingAcrossCountiesIsConfinedInTheFindingsCollection(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ts.account(t, "root", land.RoleAdmin, land.NationCode)
	for _, n := range []string{"1306262026B00200", "1306272026B00200"} {
		lon := 115.60
		if strings.HasPrefix(n, "130627") {
			lon = 115.6005
		}
		resp, body := admin.do("POST", "/api/v1/supplies", nil, []byte(ogcSupply(n, lon, 39.10, "2026-05-01", 1)))
		admin.status(http.StatusCreated, resp, body)
	}
	whole, _ := items(admin, "/ogc/collections/findings/items?filter="+url.QueryEscape("kind = 'overlap'"), nil)
	if whole.NumberMatched != 1 || whole.Features[0].Geometry == nil || whole.Features[0].Properties["other_e_number"] == nil {
		t.Fatalf("the nation's admin does not see the whole finding: %+v", whole)
	}
	for _, county := range []string{"130626", "130627"} {
		c := ts.account(t, "clerk-"+county, land.RoleClerk, county)
		p, _ := items(c, "/ogc/collections/findings/items?filter="+url.QueryEscape("kind = 'overlap'"), nil)
		if p.NumberMatched != 1 {
			t.Fatalf("county %s: %d findings", county, p.NumberMatched)
		}
		f := p.Features[0]
		if f.Geometry != nil || f.Properties["elsewhere"] != true {
			t.Errorf("county %s is shown the shared area: %+v", county, f)
		}
		for _, k := range []string{"e_number", "other_e_number", "region_code", "other_region_code", "supply_id", "other_supply_id"} {
			if f.Properties[k] != nil {
				t.Errorf("county %s is shown %s %v", county, k, f.Properties[k])
			}
		}
		for _, filter := range []string{"other_e_number LIKE '1306%'", "e_number LIKE '1306%'", "S_INTERSECTS(geometry, BBOX(115.5, 39, 115.7, 39.2))"} {
			p, _ := items(c, "/ogc/collections/findings/items?filter="+url.QueryEscape(filter), nil)
			if p.NumberMatched != 0 {
				t.Errorf("county %s finds the finding by %s", county, filter)
			}
		}
	}
}
