package api

import (
	"encoding/json"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gorilla/mux"

	"landwatch/land"
)

// The addresses the matrix sends from, through a trusted proxy (loopback):
// one inside the internal networks, one outside.
const (
	internalAddr = "10.20.30.40"
	externalAddr = "198.51.100.7"
)

// rule is what the matrix expects of a route, written down here on its own
// (not read from the router), so that a route added without thinking about
// who may use it fails the test.
type rule struct {
	roles              []land.Role // who may; nil is the public
	coords             bool        // the request below carries or asks for coordinates
	scoped             bool        // it names a record of county A: another county is refused (403) or told it does not exist (404)
	method, path, body string
	header             http.Header
}

func TestEveryRouteHasTheAccessTheMatrixExpects(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(c *Config) {
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
		c.InternalNetworks = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	})
	admin := ts.account(t, "root", land.RoleAdmin, land.NationCode)
	internal := http.Header{"X-Forwarded-For": {internalAddr}}
	for _, n := range []string{"1306262026B00010", "1306262026B00011"} {
		lon := 115.780
		if strings.HasSuffix(n, "11") {
			lon = 115.7805 // covers half of the first: an overlap finding in county A
		}
		resp, body := admin.do("POST", "/api/v1/supplies", internal, []byte(supplyJSON(n, square(lon, 39.260, 0.001))))
		admin.status(201, resp, body)
	}
	resp, body := admin.do("GET", "/api/v1/findings?region=130626", internal, nil)
	admin.status(200, resp, body)
	var findings struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	if err := json.Unmarshal(body, &findings); err != nil || len(findings.Items) == 0 {
		t.Fatalf("no finding in county A: %s", body)
	}
	finding := strconv.FormatInt(findings.Items[0].ID, 10)
	supplyID := strconv.FormatInt(ts.supplyID(t, "1306262026B00010"), 10)
	resp, body = admin.do("POST", "/api/v1/reserves", internal, []byte(reserveJSON("CB130626-1", "2026-02-10", square(115.790, 39.260, 0.001))))
	admin.status(201, resp, body)
	resp, body = admin.do("POST", "/api/v1/transactions", internal, []byte(transactionJSON("mortgage", "1306262026B00010", "DY130626-1", "2026-02-10")))
	admin.status(201, resp, body)
	resp, body = admin.do("POST", "/api/v1/plans", internal, []byte(planJSON("130626", "2026", "2026-02-05")))
	admin.status(201, resp, body)
	resp, body = admin.do("POST", "/api/v1/announcements", nil, []byte(announcementJSON("定自然资告字〔2026〕1号",
		"2026-01-05", "2026-01-06", "2026-02-03", "2026-01-26", "2026-02-05", "DX2026-01")))
	admin.status(201, resp, body)
	ann := "/api/v1/announcements/" + strconv.FormatInt(decodeInto[announcementAnswer](t, body).ID, 10)
	resp, body = admin.do("POST", "/api/v1/deals", nil, []byte(`{"announcement_number":"定自然资告字〔2026〕1号","region_code":"130626","lot_number":"DX2026-01","winner":"某公司","price_wan":100,"deal_on":"2026-02-05"}`))
	admin.status(201, resp, body)
	deal := "/api/v1/deals/" + strconv.FormatInt(decodeInto[land.Deal](t, body).ID, 10)

	// Each role in county A (定兴县 130626) and in its neighbour county B (唐县 130627).
	clients := map[string]testClient{"": ts.anonymous(t)}
	for _, r := range land.Roles() {
		clients[string(r)+"-a"] = ts.account(t, string(r)+"-a", r, "130626")
		clients[string(r)+"-b"] = ts.account(t, string(r)+"-b", r, "130627")
	}
	all := land.Roles()
	readers := all
	editors := []land.Role{land.RoleClerk, land.RoleAdmin}
	workers := []land.Role{land.RoleInspector, land.RoleReviewer, land.RoleAdmin}
	admins := []land.Role{land.RoleAdmin}
	// Reviews and footprint imports are a province's work: every caller of
	// the matrix works for a county, so all are refused.
	provinceOnly := []land.Role{}
	geo := http.Header{"Accept": {"application/geo+json"}}
	tile := tilePath(115.7807, 39.2605, 15)
	signIn := `{"name":"clerk-a","password":"` + testPassword + `"}`
	routes := map[string]rule{
		"GET /healthz":                                      {path: "/healthz"},
		"GET /public/idle-land":                             {path: "/public/idle-land"},
		"GET /public/regions":                               {path: "/public/regions"},
		"GET /public/supplies":                              {path: "/public/supplies?region=130626"},
		"GET /public/supplies/{number}":                     {path: "/public/supplies/1306262026B00010"},
		"GET /public/announcements":                         {path: "/public/announcements?region=130626"},
		"GET /public/announcements/{id}":                    {path: strings.Replace(ann, "/api/v1", "/public", 1)},
		"GET /public/deals":                                 {path: "/public/deals?region=130626"},
		"GET /public/deals/{id}":                            {path: strings.Replace(deal, "/api/v1", "/public", 1)},
		"GET /":                                             {path: "/"},
		"GET /tiles.json":                                   {roles: readers, coords: true, path: "/tiles.json"},
		"GET /tiles/{z}/{x}/{y}.mvt":                        {roles: readers, coords: true, path: tile},
		"POST /api/v1/session":                              {method: "POST", path: "/api/v1/session", body: signIn},
		"GET /api/v1/session":                               {roles: readers, path: "/api/v1/session"},
		"DELETE /api/v1/session":                            {roles: readers, method: "DELETE", path: "/api/v1/session"},
		"POST /api/v1/session/password":                     {roles: readers, method: "POST", path: "/api/v1/session/password", body: `{"current_password":"wrong","new_password":"x"}`},
		"GET /api/v1/accounts":                              {roles: admins, path: "/api/v1/accounts"},
		"POST /api/v1/accounts":                             {roles: admins, scoped: true, method: "POST", path: "/api/v1/accounts", body: `{"name":"new-clerk","role":"clerk","region_code":"130626"}`},
		"PATCH /api/v1/accounts/{name}":                     {roles: admins, scoped: true, method: "PATCH", path: "/api/v1/accounts/analyst-a", body: `{}`},
		"GET /api/v1/tokens":                                {roles: readers, path: "/api/v1/tokens"},
		"POST /api/v1/tokens":                               {roles: readers, method: "POST", path: "/api/v1/tokens", body: `{"name":"matrix"}`},
		"DELETE /api/v1/tokens/{id}":                        {roles: readers, method: "DELETE", path: "/api/v1/tokens/999999"},
		"GET /api/v1/audit":                                 {roles: admins, path: "/api/v1/audit?limit=5"},
		"GET /api/v1/supplies":                              {roles: readers, coords: true, scoped: true, path: "/api/v1/supplies?region=130626", header: geo},
		"POST /api/v1/supplies":                             {roles: editors, coords: true, method: "POST", path: "/api/v1/supplies", body: `{}`, header: http.Header{"Content-Type": {"application/geo+json"}}},
		"GET /api/v1/supplies/{id}":                         {roles: readers, coords: true, scoped: true, path: "/api/v1/supplies/1306262026B00010", header: geo},
		"PATCH /api/v1/supplies/{id}":                       {roles: editors, scoped: true, method: "PATCH", path: "/api/v1/supplies/1306262026B00010", body: `{"project_name":"改"}`, header: http.Header{"If-Match": {`"v999"`}}},
		"PUT /api/v1/supplies/{id}/parcels":                 {roles: editors, coords: true, scoped: true, method: "PUT", path: "/api/v1/supplies/1306262026B00010/parcels", body: square(115.780, 39.260, 0.001), header: http.Header{"Content-Type": {"application/geo+json"}}},
		"POST /api/v1/supplies/{id}/events":                 {roles: []land.Role{land.RoleClerk, land.RoleInspector, land.RoleAdmin}, scoped: true, method: "POST", path: "/api/v1/supplies/1306262026B00010/events", body: `{"kind":"delivery","occurred_on":"2099-01-01"}`},
		"GET /api/v1/supplies/{id}/events/{event}":          {roles: readers, scoped: true, path: "/api/v1/supplies/1306262026B00010/events/999999"},
		"GET /api/v1/supplies/{id}/history":                 {roles: readers, coords: true, scoped: true, path: "/api/v1/supplies/1306262026B00010/history"},
		"POST /api/v1/supplies/{id}/review":                 {roles: provinceOnly, scoped: true, method: "POST", path: "/api/v1/supplies/1306262026B00010/review", body: `{"decision":"maybe"}`},
		"POST /api/v1/reviews":                              {roles: provinceOnly, method: "POST", path: "/api/v1/reviews", body: `{"decision":"maybe","supplies":["1306262026B00010"]}`},
		"GET /api/v1/reserves":                              {roles: readers, scoped: true, path: "/api/v1/reserves?region=130626"},
		"POST /api/v1/reserves":                             {roles: editors, method: "POST", path: "/api/v1/reserves", body: `{}`},
		"GET /api/v1/reserves/{id}":                         {roles: readers, coords: true, scoped: true, path: "/api/v1/reserves/CB130626-1", header: geo},
		"PATCH /api/v1/reserves/{id}":                       {roles: editors, scoped: true, method: "PATCH", path: "/api/v1/reserves/CB130626-1", body: `{"location":"改"}`, header: http.Header{"If-Match": {`"v999"`}}},
		"PUT /api/v1/reserves/{id}/parcels":                 {roles: editors, coords: true, scoped: true, method: "PUT", path: "/api/v1/reserves/CB130626-1/parcels", body: square(115.790, 39.260, 0.001), header: http.Header{"Content-Type": {"application/geo+json"}, "If-Match": {`"v999"`}}},
		"GET /api/v1/reserves/{id}/history":                 {roles: readers, coords: true, scoped: true, path: "/api/v1/reserves/CB130626-1/history"},
		"GET /api/v1/announcements":                         {roles: readers, scoped: true, path: "/api/v1/announcements?region=130626"},
		"POST /api/v1/announcements":                        {roles: editors, method: "POST", path: "/api/v1/announcements", body: `{}`},
		"GET /api/v1/announcements/{id}":                    {roles: readers, coords: true, scoped: true, path: ann, header: geo},
		"PATCH /api/v1/announcements/{id}":                  {roles: editors, scoped: true, method: "PATCH", path: ann, body: `{"authority":"改"}`, header: http.Header{"If-Match": {`"v999"`}}},
		"PUT /api/v1/announcements/{id}/lots/{lot}/parcels": {roles: editors, coords: true, scoped: true, method: "PUT", path: ann + "/lots/DX2026-01/parcels", body: square(115.790, 39.260, 0.001), header: http.Header{"Content-Type": {"application/geo+json"}, "If-Match": {`"v999"`}}},
		"GET /api/v1/announcements/{id}/history":            {roles: readers, coords: true, scoped: true, path: ann + "/history"},
		"POST /api/v1/announcements/{id}/review":            {roles: provinceOnly, scoped: true, method: "POST", path: ann + "/review", body: `{"decision":"maybe"}`},
		"GET /api/v1/deals":                                 {roles: readers, scoped: true, path: "/api/v1/deals?region=130626"},
		"POST /api/v1/deals":                                {roles: editors, method: "POST", path: "/api/v1/deals", body: `{}`},
		"GET /api/v1/deals/{id}":                            {roles: readers, scoped: true, path: deal},
		"PATCH /api/v1/deals/{id}":                          {roles: editors, scoped: true, method: "PATCH", path: deal, body: `{"winner":"改"}`, header: http.Header{"If-Match": {`"v999"`}}},
		"GET /api/v1/deals/{id}/history":                    {roles: readers, scoped: true, path: deal + "/history"},
		"POST /api/v1/deals/{id}/review":                    {roles: provinceOnly, scoped: true, method: "POST", path: deal + "/review", body: `{"decision":"maybe"}`},
		"GET /api/v1/supplies/{id}/chain":                   {roles: readers, scoped: true, path: "/api/v1/supplies/1306262026B00010/chain"},
		"POST /api/v1/reserves/{id}/review":                 {roles: provinceOnly, scoped: true, method: "POST", path: "/api/v1/reserves/CB130626-1/review", body: `{"decision":"maybe"}`},
		"POST /api/v1/imports":                              {roles: editors, coords: true, method: "POST", path: "/api/v1/imports?name=p.geojson&dry_run=true", body: `{"type":"FeatureCollection","features":[]}`},
		"POST /api/v1/footprints":                           {roles: provinceOnly, coords: true, method: "POST", path: "/api/v1/footprints", body: `{"type":"FeatureCollection","features":[]}`},
		"GET /api/v1/overlaps":                              {roles: readers, coords: true, path: "/api/v1/overlaps?bbox=115.77,39.25,115.79,39.27"},
		"POST /api/v1/overlaps/query":                       {roles: readers, coords: true, method: "POST", path: "/api/v1/overlaps/query", body: square(115.7801, 39.2601, 0.0002)},
		"POST /api/v1/overlaps/scan":                        {roles: workers, method: "POST", path: "/api/v1/overlaps/scan"},
		"GET /api/v1/findings":                              {roles: readers, coords: true, path: "/api/v1/findings?near=115.7807,39.2605"},
		"GET /api/v1/findings/{id}":                         {roles: readers, scoped: true, path: "/api/v1/findings/" + finding},
		"PATCH /api/v1/findings/{id}":                       {roles: workers, scoped: true, method: "PATCH", path: "/api/v1/findings/" + finding, body: `{"status":"nowhere","reason":"matrix"}`},
		"POST /api/v1/findings/{id}/verifications":          {roles: workers, coords: true, scoped: true, method: "POST", path: "/api/v1/findings/" + finding + "/verifications", body: `{"lon":115.7807,"lat":39.2605,"accuracy_m":8,"observed_at":"2026-11-20T10:00:00+08:00","verdict":"not_idle"}`},
		"GET /api/v1/assignees":                             {roles: workers, scoped: true, path: "/api/v1/assignees?region=130626"},
		"GET /api/v1/workdays":                              {path: "/api/v1/workdays?from=2026-09-30&add=7"},
		"GET /api/v1/timeliness":                            {roles: readers, path: "/api/v1/timeliness"},
		"GET /public/plans":                                 {path: "/public/plans?region=130626"},
		"GET /public/plans/{id}":                            {path: "/public/plans/1"},
		"GET /api/v1/transactions":                          {roles: readers, scoped: true, path: "/api/v1/transactions?region=130626"},
		"POST /api/v1/transactions":                         {roles: editors, method: "POST", path: "/api/v1/transactions", body: `{}`},
		"GET /api/v1/transactions/{id}":                     {roles: readers, scoped: true, path: "/api/v1/transactions/DY130626-1"},
		"PATCH /api/v1/transactions/{id}":                   {roles: editors, scoped: true, method: "PATCH", path: "/api/v1/transactions/DY130626-1", body: `{"party_to":"改"}`, header: http.Header{"If-Match": {`"v999"`}}},
		"POST /api/v1/transactions/{id}/release":            {roles: editors, scoped: true, method: "POST", path: "/api/v1/transactions/DY130626-1/release", body: `{"released_on":"2000-01-01"}`},
		"GET /api/v1/transactions/{id}/history":             {roles: readers, scoped: true, path: "/api/v1/transactions/DY130626-1/history"},
		"POST /api/v1/transactions/{id}/review":             {roles: provinceOnly, scoped: true, method: "POST", path: "/api/v1/transactions/DY130626-1/review", body: `{"decision":"maybe"}`},
		"GET /api/v1/supplies/{id}/transactions":            {roles: readers, scoped: true, path: "/api/v1/supplies/1306262026B00010/transactions"},
		"GET /api/v1/plans":                                 {roles: readers, scoped: true, path: "/api/v1/plans?region=130626"},
		"POST /api/v1/plans":                                {roles: editors, method: "POST", path: "/api/v1/plans", body: `{}`},
		"GET /api/v1/plans/{id}":                            {roles: readers, scoped: true, path: "/api/v1/plans/130626-2026"},
		"PATCH /api/v1/plans/{id}":                          {roles: editors, scoped: true, method: "PATCH", path: "/api/v1/plans/130626-2026", body: `{"title":"改"}`, header: http.Header{"If-Match": {`"v999"`}}},
		"GET /api/v1/plans/{id}/history":                    {roles: readers, scoped: true, path: "/api/v1/plans/130626-2026/history"},
		"POST /api/v1/plans/{id}/review":                    {roles: provinceOnly, scoped: true, method: "POST", path: "/api/v1/plans/130626-2026/review", body: `{"decision":"maybe"}`},
		"GET /api/v1/statistics":                            {roles: readers, scoped: true, path: "/api/v1/statistics?group=method&region=130626"},
		"GET /api/v1/reports":                               {roles: readers, path: "/api/v1/reports?period=2018"},
		"GET /api/v1/reports/{region}/{period}":             {roles: readers, scoped: true, path: "/api/v1/reports/130626/2018"},
		"GET /api/v1/reports/{region}/{period}.xlsx":        {roles: readers, scoped: true, path: "/api/v1/reports/130626/2018.xlsx"},
		// only the region's own account: county B's reviewer is refused, county A's told it submits none
		"POST /api/v1/reports/{region}/{period}/submission": {roles: []land.Role{land.RoleReviewer, land.RoleAdmin}, scoped: true, method: "POST", path: "/api/v1/reports/130626/2018/submission", body: `{"state":"reviewed"}`},
		"GET /api/v1/statistics/summary":                    {roles: readers, scoped: true, path: "/api/v1/statistics/summary?region=130626"},
		"GET /api/v1/league":                                {roles: readers, scoped: true, path: "/api/v1/league?period=2026&region=130626"},
		"GET /api/v1/league/mine":                           {roles: readers, path: "/api/v1/league/mine?period=2026"},
		"GET /api/v1/league/{period}/bulletin":              {roles: readers, scoped: true, path: "/api/v1/league/2026/bulletin?region=130626"},
		"GET /api/v1/league/{period}/bulletin.xlsx":         {roles: readers, scoped: true, path: "/api/v1/league/2026/bulletin.xlsx?region=130626"},

		// correcting and withdrawing events, and the lag shown before saving one
		"PUT /api/v1/supplies/{id}/events/{event}":             {roles: []land.Role{land.RoleClerk, land.RoleInspector, land.RoleAdmin}, scoped: true, method: "PUT", path: "/api/v1/supplies/1306262026B00010/events/999999", body: `{"event":{"kind":"delivery","occurred_on":"2099-01-01"},"reason":"matrix"}`},
		"POST /api/v1/supplies/{id}/events/{event}/withdrawal": {roles: []land.Role{land.RoleClerk, land.RoleInspector, land.RoleAdmin}, scoped: true, method: "POST", path: "/api/v1/supplies/1306262026B00010/events/999999/withdrawal", body: `{"reason":"matrix"}`},
		"GET /api/v1/lag":                           {roles: readers, path: "/api/v1/lag?from=2026-09-30"},
		"POST /api/v1/supplies/{id}/parcels/check":  {roles: editors, coords: true, scoped: true, method: "POST", path: "/api/v1/supplies/1306262026B00010/parcels/check", body: square(115.780, 39.260, 0.001), header: http.Header{"Content-Type": {"application/geo+json"}}},
		"GET /api/v1/codes":                         {roles: readers, path: "/api/v1/codes"},
		"GET /api/v1/late-events":                   {roles: readers, path: "/api/v1/late-events?mine=true"},
		"GET /config.json":                          {path: "/config.json"},
		"GET /style.json":                           {path: "/style.json"},
		"GET /api/v1/regions":                       {roles: readers, path: "/api/v1/regions?parent=130600"},
		"GET /api/v1/exports/{collection}.{format}": {roles: readers, coords: true, path: "/api/v1/exports/supplies.csv?region=130626"},
		"GET /api/v1/boundaries":                    {roles: readers, coords: true, path: "/api/v1/boundaries?bbox=115.7,39.2,115.8,39.3"},
		"POST /api/v1/boundaries":                   {roles: provinceOnly, coords: true, method: "POST", path: "/api/v1/boundaries?dry_run=true", body: `{"type":"FeatureCollection","features":[]}`},

		// OGC API – Features: the items carry coordinates; the documents do not.
		"GET /api/v1/openapi.json":                              {roles: readers, path: "/api/v1/openapi.json"},
		"GET /ogc":                                              {roles: readers, path: "/ogc"},
		"GET /ogc/conformance":                                  {roles: readers, path: "/ogc/conformance"},
		"GET /ogc/api":                                          {roles: readers, path: "/ogc/api"},
		"GET /ogc/collections":                                  {roles: readers, path: "/ogc/collections"},
		"GET /ogc/collections/{collection}":                     {roles: readers, path: "/ogc/collections/supplies"},
		"GET /ogc/collections/{collection}/queryables":          {roles: readers, path: "/ogc/collections/supplies/queryables"},
		"GET /ogc/collections/{collection}/items":               {roles: readers, coords: true, path: "/ogc/collections/supplies/items"},
		"GET /ogc/collections/{collection}/items/{feature}":     {roles: readers, coords: true, scoped: true, path: "/ogc/collections/supplies/items/" + supplyID},
		"OPTIONS /ogc/collections/{collection}/items":           {roles: readers, method: "OPTIONS", path: "/ogc/collections/supplies/items"},
		"OPTIONS /ogc/collections/{collection}/items/{feature}": {roles: readers, method: "OPTIONS", path: "/ogc/collections/parcels/items/1"},
		"POST /ogc/collections/{collection}/items":              {roles: editors, coords: true, method: "POST", path: "/ogc/collections/supplies/items", body: `{}`},
		"PUT /ogc/collections/{collection}/items/{feature}":     {roles: editors, coords: true, scoped: true, method: "PUT", path: "/ogc/collections/supplies/items/" + supplyID, body: `{"type":"Feature","properties":{},"geometry":null}`, header: http.Header{"If-Match": {`"v999"`}}},
		"PATCH /ogc/collections/{collection}/items/{feature}":   {roles: editors, coords: true, scoped: true, method: "PATCH", path: "/ogc/collections/supplies/items/" + supplyID, body: `{"type":"Feature","properties":{},"geometry":null}`, header: http.Header{"If-Match": {`"v999"`}}},
		"DELETE /ogc/collections/{collection}/items/{feature}":  {roles: editors, coords: true, scoped: true, method: "DELETE", path: "/ogc/collections/parcels/items/999999", header: http.Header{"If-Match": {`"v999"`}}},
	}

	// Every route of the router, the map's files included.
	walked := map[string]bool{}
	err := ts.Router().Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tpl, err := route.GetPathTemplate()
		if err != nil {
			return nil // a subrouter's prefix
		}
		methods, err := route.GetMethods()
		if err != nil {
			return nil
		}
		for _, m := range methods {
			if m != http.MethodHead {
				walked[m+" "+tpl] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for r := range walked {
		if _, ok := routes[r]; !ok {
			t.Errorf("route %s has no row in the authorisation matrix: say who may use it", r)
		}
	}
	for r := range routes {
		if !walked[r] {
			t.Errorf("the matrix has a row for %s, which the router does not have", r)
		}
	}

	type who struct {
		name, account string
		role          land.Role
		inRegion      bool
	}
	callers := []who{{name: "the public"}}
	for _, r := range all {
		callers = append(callers, who{string(r) + " of county A", string(r) + "-a", r, true}, who{string(r) + " of county B", string(r) + "-b", r, false})
	}
	for name, ru := range routes {
		for _, w := range callers {
			for _, addr := range []string{internalAddr, externalAddr} {
				net := map[string]string{internalAddr: "internal", externalAddr: "external"}[addr]
				t.Run(name+"/"+w.name+"/"+net, func(t *testing.T) {
					c := clients[w.account].as(t)
					h := http.Header{"X-Forwarded-For": {addr}}
					for k, v := range ru.header {
						h[k] = v
					}
					method := ru.method
					if method == "" {
						method = "GET"
					}
					resp, body := c.do(method, ru.path, h, []byte(ru.body))
					got := resp.StatusCode
					may := ru.roles == nil || (w.account != "" && slices.Contains(ru.roles, w.role))
					switch {
					case got >= 500:
						t.Fatalf("status %d: %s", got, body)
					case w.account == "" && (ru.roles != nil || ru.coords):
						expect(t, got, body, http.StatusUnauthorized)
					case !may:
						expect(t, got, body, http.StatusForbidden)
					case ru.coords && addr == externalAddr:
						expect(t, got, body, http.StatusForbidden)
						if !strings.Contains(string(body), "LANDWATCH_INTERNAL_NETWORKS") {
							t.Errorf("the refusal does not name the rule: %s", body)
						}
					case ru.scoped && !w.inRegion && ru.roles != nil:
						expect(t, got, body, http.StatusForbidden, http.StatusNotFound)
					default:
						if got == http.StatusUnauthorized || got == http.StatusForbidden {
							t.Errorf("status %d, want the request let through: %s", got, body)
						}
					}
				})
			}
		}
	}
}

// expect fails t unless the status is one of want.
func expect(t *testing.T, got int, body []byte, want ...int) {
	t.Helper()
	if !slices.Contains(want, got) {
		t.Errorf("status %d, want %v: %s", got, want, body)
	}
}
