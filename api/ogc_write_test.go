package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"landwatch/land"
	"landwatch/spatial"
)

// parcelFeature is a parcel written over Part 4: a square at lon/lat.
func parcelFeature(props string, lon, lat float64) []byte {
	return []byte(`{"type":"Feature","properties":{` + props + `},"geometry":` + square(lon, lat, 0.001) + `}`)
}

// Part 4 goes through the service as /api/v1 does: If-Match is required
// and must be current, a changed parcel sends its supply back to review and
// is checked for overlaps, creating and deleting keep the history, and a
// clerk of another county cannot write.
func TestPart4WritesGoThroughReviewAndTheOverlapCheck(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ogcRegister(t, ts)
	clerk := ts.account(t, "clerk-a", land.RoleClerk, "130626")
	reviewer := ts.account(t, "reviewer-hebei", land.RoleReviewer, "130000")
	resp, b := reviewer.do("POST", "/api/v1/supplies/1306262026B00101/review", nil, []byte(`{"decision":"approve"}`))
	reviewer.status(http.StatusOK, resp, b)
	supplyID := ts.supplyID(t, "1306262026B00101")

	page, _ := items(admin, "/ogc/collections/parcels/items?filter="+url.QueryEscape("e_number='1306262026B00101'"), nil)
	if len(page.Features) != 1 {
		t.Fatalf("parcels of B00101: %+v", page)
	}
	item := fmt.Sprintf("/ogc/collections/parcels/items/%d", page.Features[0].ID)
	resp, b = clerk.do("GET", item, nil, nil)
	clerk.status(http.StatusOK, resp, b)
	tag := resp.Header.Get("ETag")

	// Moved onto its neighbour B00100 (at 115.70, 39.20), half over it.
	moved := parcelFeature(`"number":"1"`, 115.7005, 39.2000)
	resp, b = clerk.do("PUT", item, nil, moved)
	clerk.status(http.StatusPreconditionRequired, resp, b)
	resp, b = clerk.do("PUT", item, http.Header{"If-Match": {`"v999"`}}, moved)
	clerk.status(http.StatusPreconditionFailed, resp, b)
	clerkB := ts.account(t, "clerk-b", land.RoleClerk, "130627")
	resp, b = clerkB.do("PUT", item, http.Header{"If-Match": {tag}}, moved)
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
		t.Errorf("a clerk of another county: %d %s", resp.StatusCode, b)
	}
	resp, b = clerk.do("PUT", item, http.Header{"If-Match": {tag}}, moved)
	clerk.status(http.StatusOK, resp, b)
	if !strings.Contains(string(b), "1306262026B00100") {
		t.Errorf("the answer names no overlap with B00100: %s", b)
	}
	sup, err := ts.svc.GetSupply(context.Background(), land.SystemScope("test"), "1306262026B00101")
	if err != nil {
		t.Fatal(err)
	}
	if sup.ReviewStatus != "submitted" || len(sup.Parcels) != 1 || sup.Parcels[0].Geometry[0][0][0][0] != 115.7005 {
		t.Errorf("after the PUT: review %s, parcels %+v", sup.ReviewStatus, sup.Parcels)
	}
	if sup.Parcels[0].ID != page.Features[0].ID {
		t.Errorf("the parcel changed its id from %d to %d", page.Features[0].ID, sup.Parcels[0].ID)
	}
	findings, _ := items(admin, "/ogc/collections/findings/items?filter="+url.QueryEscape("kind='overlap'"), nil)
	if findings.NumberMatched == 0 {
		t.Errorf("no overlap finding after the parcel moved onto its neighbour")
	}
	// The old ETag is stale now.
	resp, b = clerk.do("PATCH", item, http.Header{"If-Match": {tag}}, []byte(`{"type":"Feature","properties":{"name":"西块"},"geometry":null}`))
	clerk.status(http.StatusPreconditionFailed, resp, b)

	// A new parcel in Gauss-Krüger zone 39 (EPSG:4527, northing first).
	gk := gkSquare(115.75, 39.30)
	resp, b = clerk.do("POST", "/ogc/collections/parcels/items", http.Header{"Content-Crs": {"<" + epsgBase + "4527>"}},
		[]byte(`{"type":"Feature","properties":{"supply_id":`+strconv.FormatInt(supplyID, 10)+`,"number":"2"},"geometry":`+gk+`}`))
	clerk.status(http.StatusCreated, resp, b)
	created := resp.Header.Get("Location")
	resp, b = clerk.do("GET", relative(t, created), nil, nil)
	clerk.status(http.StatusOK, resp, b)
	var f struct {
		Geometry struct {
			Coordinates [][][][]float64 `json:"coordinates"`
		} `json:"geometry"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if c := f.Geometry.Coordinates[0][0][0]; abs(c[0]-115.75) > 1e-7 || abs(c[1]-39.30) > 1e-7 {
		t.Errorf("the parcel sent in EPSG:4527 reads back at %v", c)
	}
	// Deleted: gone from the collection, kept in the history.
	resp, b = clerk.do("DELETE", relative(t, created), http.Header{"If-Match": {resp.Header.Get("ETag")}}, nil)
	clerk.status(http.StatusNoContent, resp, b)
	resp, b = clerk.do("GET", relative(t, created), nil, nil)
	clerk.status(http.StatusNotFound, resp, b)
	resp, b = clerk.do("GET", "/api/v1/supplies/1306262026B00101/history", nil, nil)
	clerk.status(http.StatusOK, resp, b)
	if !strings.Contains(string(b), `"number":"2"`) {
		t.Errorf("the history lost the deleted parcel: %s", b)
	}

	// A supply is created with its geometry as its one parcel, and its
	// fields are changed waiting for review; it is not deleted.
	resp, b = clerk.do("POST", "/ogc/collections/supplies/items", nil, []byte(`{"type":"Feature","properties":{"e_number":"1306262026B00200",
"method":"23","project_name":"新建","area_ha":1,"land_use_original":"0701","contract_date":"2026-05-05"},"geometry":`+square(115.90, 39.40, 0.001)+`}`))
	clerk.status(http.StatusCreated, resp, b)
	supply := relative(t, resp.Header.Get("Location"))
	resp, b = clerk.do("PATCH", supply, http.Header{"If-Match": {resp.Header.Get("ETag")}}, []byte(`{"type":"Feature","properties":{"project_name":"改名","stage":"ignored"},"geometry":null}`))
	clerk.status(http.StatusOK, resp, b)
	if !strings.Contains(string(b), `"project_name":"改名"`) || !strings.Contains(string(b), `"review_status":"submitted"`) {
		t.Errorf("PATCH of a supply: %s", b)
	}
	resp, b = clerk.do("DELETE", supply, http.Header{"If-Match": {"*"}}, nil)
	clerk.status(http.StatusMethodNotAllowed, resp, b)

	// OPTIONS tells a client (QGIS) which collections it may edit.
	for path, want := range map[string]string{
		"/ogc/collections/parcels/items":    "GET, HEAD, OPTIONS, POST",
		"/ogc/collections/parcels/items/1":  "GET, HEAD, OPTIONS, PUT, PATCH, DELETE",
		"/ogc/collections/supplies/items/1": "GET, HEAD, OPTIONS, PUT, PATCH",
		"/ogc/collections/findings/items":   "GET, HEAD, OPTIONS",
	} {
		resp, b = clerk.do("OPTIONS", path, nil, nil)
		clerk.status(http.StatusNoContent, resp, b)
		if got := resp.Header.Get("Allow"); got != want {
			t.Errorf("OPTIONS %s: Allow %q, want %q", path, got, want)
		}
	}
}

// gkSquare is square(lon, lat, 0.001) in EPSG:4527 (zone 39, northing
// first), as GeoJSON.
func gkSquare(lon, lat float64) string {
	var ring [][2]float64
	for _, p := range [][2]float64{{lon, lat}, {lon + 0.001, lat}, {lon + 0.001, lat + 0.001}, {lon, lat + 0.001}, {lon, lat}} {
		n, e := spatial.ToPlane(117, p[0], p[1])
		ring = append(ring, [2]float64{n, 39e6 + e})
	}
	b, _ := json.Marshal(ring)
	return `{"type":"Polygon","coordinates":[` + string(b) + `]}`
}

// The description of /api/v1 has every route of the router (its paths are
// walked from it), each described, and it is valid OpenAPI 3.
func TestTheOpenAPIDescriptionHasEveryRoute(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	if missing := ts.Server.undocumented(); len(missing) > 0 {
		t.Errorf("routes apiDocs does not describe: %v", missing)
	}
	reader := ts.account(t, "reader", land.RoleAnalyst, "130626")
	resp, b := reader.do("GET", "/api/v1/openapi.json", nil, nil)
	reader.status(http.StatusOK, resp, b)
	var doc struct {
		Paths map[string]map[string]struct {
			Summary   string `json:"summary"`
			Responses map[string]struct {
				Content map[string]any `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	routes := ts.Server.apiRoutes()
	if len(routes) < 60 {
		t.Fatalf("only %d routes walked", len(routes))
	}
	for _, route := range routes {
		method, path, _ := strings.Cut(route, " ")
		op, ok := doc.Paths[path][strings.ToLower(method)]
		if !ok {
			t.Errorf("%s is not in the description", route)
			continue
		}
		if op.Summary == "" || op.Responses["4XX"].Content["application/problem+json"] == nil {
			t.Errorf("%s: summary %q, error answer %+v", route, op.Summary, op.Responses["4XX"])
		}
	}
	validateOpenAPI(t, b)
}

// Supply plans and transactions are collections by one registration each:
// plans without geometry (a box is refused), transactions with their
// supply's parcels, each in its region only.
func TestPlansAndTransactionsAreCollections(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ogcRegister(t, ts)
	resp, b := admin.do("POST", "/api/v1/plans", nil, []byte(planJSON("130626", "2026", "2026-02-05")))
	admin.status(http.StatusCreated, resp, b)
	resp, b = admin.do("POST", "/api/v1/transactions", nil, []byte(transactionJSON("mortgage", "1306262026B00100", "DY130626-OGC", "2026-03-10")))
	admin.status(http.StatusCreated, resp, b)

	plans, _ := items(admin, "/ogc/collections/plans/items", nil)
	if plans.NumberMatched != 1 || plans.Features[0].Geometry != nil || plans.Features[0].Properties["year"] != float64(2026) {
		t.Errorf("plans: %+v", plans)
	}
	resp, b = admin.do("GET", "/ogc/collections/plans/items?bbox=115,39,116,40", nil, nil)
	admin.status(http.StatusBadRequest, resp, b)
	deals, _ := items(admin, "/ogc/collections/transactions/items?filter="+url.QueryEscape("kind='mortgage'"), nil)
	if deals.NumberMatched != 1 || deals.Features[0].Geometry == nil || deals.Features[0].Geometry.Coordinates[0][0][0][0] != 115.70 {
		t.Fatalf("transactions: %+v", deals)
	}
	clerkB := ts.account(t, "clerk-b", land.RoleClerk, "130627")
	for _, c := range []string{"plans", "transactions"} {
		if p, _ := items(clerkB, "/ogc/collections/"+c+"/items", nil); p.NumberMatched != 0 {
			t.Errorf("county B sees %d of county A's %s", p.NumberMatched, c)
		}
	}
}

// The overlaps collection serves the engine's pairs with the area they
// share, paged by the pair's key; to a county with one side of a pair
// across its border, the pair says only that the ground is supplied
// elsewhere, without geometry.
func TestTheOverlapsCollectionIsTheEnginesPairs(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ts.account(t, "root", land.RoleAdmin, land.NationCode)
	// Three pairs: each new supply covers the east half of one before it.
	for _, s := range []struct {
		number string
		lon    float64
	}{{"1306262026B00001", 115.70}, {"1306262026B00002", 115.7005}, {"1306262026B00003", 115.80}, {"1306262026B00004", 115.8005},
		{"1306272026B00001", 115.8008}} {
		resp, b := admin.do("POST", "/api/v1/supplies", nil, []byte(ogcSupply(s.number, s.lon, 39.20, "2026-03-01", 1)))
		admin.status(http.StatusCreated, resp, b)
	}
	if err := ts.svc.Engine().CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	all, _ := items(admin, "/ogc/collections/overlaps/items", nil)
	if all.NumberMatched != 4 { // 1–2, 3–4, 3–B1, 4–B1
		t.Fatalf("%d pairs: %+v", all.NumberMatched, all)
	}
	// One per page through next, each once, in the key's order.
	var keys []int64
	for next := "/ogc/collections/overlaps/items?limit=1"; next != ""; {
		p, _ := items(admin, next, nil)
		for _, f := range p.Features {
			keys = append(keys, f.ID)
			if f.Geometry == nil || f.Properties["area_m2"].(float64) < 1000 {
				t.Errorf("pair %d: geometry %v, area %v", f.ID, f.Geometry, f.Properties["area_m2"])
			}
		}
		next = ""
		if l := p.link("next"); l != "" {
			next = relative(t, l)
		}
	}
	if len(keys) != 4 || !slices.IsSorted(keys) {
		t.Errorf("paged keys %v", keys)
	}
	// The shared area of 1–2 is the half both cover: its west edge at 115.7005.
	one, _ := items(admin, "/ogc/collections/overlaps/items?bbox=115.69,39.19,115.72,39.21", nil)
	if one.NumberMatched != 1 || one.Features[0].Properties["a_e_number"] != "1306262026B00001" {
		t.Fatalf("the box: %+v", one)
	}
	if west := one.Features[0].Geometry.Coordinates[0][0]; !slices.ContainsFunc(west, func(p []float64) bool { return abs(p[0]-115.7005) < 1e-9 }) {
		t.Errorf("shared area %v", west)
	}
	resp, b := admin.do("GET", fmt.Sprintf("/ogc/collections/overlaps/items/%d", keys[0]), nil, nil)
	admin.status(http.StatusOK, resp, b)
	// County B sees its two pairs, its neighbour's side withheld.
	clerkB := ts.account(t, "clerk-b", land.RoleClerk, "130627")
	seen, _ := items(clerkB, "/ogc/collections/overlaps/items", nil)
	if seen.NumberMatched != 2 {
		t.Fatalf("county B: %+v", seen)
	}
	for _, f := range seen.Features {
		if f.Geometry != nil || f.Properties["elsewhere"] != true || f.Properties["b_e_number"] != nil || f.Properties["a_region_code"] != "130627" {
			t.Errorf("county B is told of its neighbour's land: %+v", f)
		}
	}
	resp, b = admin.do("GET", "/ogc/collections/overlaps/items?filter="+url.QueryEscape("area_m2 > 1"), nil, nil)
	admin.status(http.StatusBadRequest, resp, b)
}

// The lots of announcements are a collection with their boundaries and
// their deal: a lot not sold is found by a filter on its status, with its
// geometry; a county sees none of another's.
func TestAnnouncedLotsAreACollection(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ts.account(t, "root", land.RoleAdmin, land.NationCode)
	resp, b := admin.do("POST", "/api/v1/announcements", nil, []byte(announcementJSON("定自然资告字〔2026〕9号",
		"2026-01-05", "2026-01-06", "2026-02-03", "2026-01-26", "2026-02-05", "DX2026-09")))
	admin.status(http.StatusCreated, resp, b)
	ann := "/api/v1/announcements/" + strconv.FormatInt(decodeInto[announcementAnswer](t, b).ID, 10)
	resp, b = admin.do("PUT", ann+"/lots/DX2026-09/parcels", http.Header{"Content-Type": {"application/geo+json"}}, []byte(square(115.7100, 39.2100, 0.001)))
	admin.status(http.StatusOK, resp, b)

	lots, _ := items(admin, "/ogc/collections/lots/items?filter="+url.QueryEscape("status='unsold'"), nil)
	if lots.NumberMatched != 1 || lots.Features[0].Geometry == nil || lots.Features[0].Properties["number"] != "DX2026-09" ||
		lots.Features[0].Properties["announcement_number"] != "定自然资告字〔2026〕9号" {
		t.Fatalf("unsold lots: %+v", lots)
	}
	resp, b = admin.do("POST", "/api/v1/deals", nil, []byte(`{"announcement_number":"定自然资告字〔2026〕9号","region_code":"130626","lot_number":"DX2026-09","winner":"某公司","price_wan":100,"deal_on":"2026-02-05"}`))
	admin.status(http.StatusCreated, resp, b)
	sold, _ := items(admin, "/ogc/collections/lots/items?filter="+url.QueryEscape("status='sold' AND price_wan > 50"), nil)
	if sold.NumberMatched != 1 || sold.Features[0].Properties["winner"] != "某公司" {
		t.Fatalf("sold lots: %+v", sold)
	}
	clerkB := ts.account(t, "clerk-b", land.RoleClerk, "130627")
	if p, _ := items(clerkB, "/ogc/collections/lots/items", nil); p.NumberMatched != 0 {
		t.Errorf("county B sees %d of county A's lots", p.NumberMatched)
	}
}
