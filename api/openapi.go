package api

import (
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/gorilla/mux"
)

// The OpenAPI 3.0 description of /api/v1 at /api/v1/openapi.json. Its paths
// are the router's routes, walked when asked: a route added to server.go is
// in the description at once, and TestTheOpenAPIDescriptionHasEveryRoute
// fails until apiDocs says what it is for. The error answer of every
// operation is the problem document of problem.go.

// apiDoc is what the description says of a route beyond the route table:
// what it does, its query parameters (named in queryParams) and the media
// type of its body ("" for none).
type apiDoc struct {
	summary string
	query   []string
	body    string
}

const (
	bodyJSON  = mediaJSON
	bodyFiles = "multipart/form-data"
	bodyAny   = "application/octet-stream" // GeoJSON or a coordinate file, by Content-Type
)

// The query parameters of the lists, by what they share.
var (
	pageQuery    = []string{"cursor", "limit"}
	recordQuery  = []string{"review", "region", "from", "to", "late", "q", "cursor", "limit"}
	historyQuery = []string{"geometry"}
)

// apiDocs describes every route of /api/v1, by "METHOD /path" under it.
var apiDocs = map[string]apiDoc{
	"POST /session":                                 {summary: "sign in with a name and password; sets the session cookie", body: bodyJSON},
	"GET /session":                                  {summary: "who is signed in, with their role and region"},
	"DELETE /session":                               {summary: "sign out"},
	"POST /session/password":                        {summary: "change one's own password", body: bodyJSON},
	"GET /accounts":                                 {summary: "the accounts"},
	"POST /accounts":                                {summary: "create an account", body: bodyJSON},
	"PATCH /accounts/{name}":                        {summary: "change an account's role, region or state", body: bodyJSON},
	"GET /tokens":                                   {summary: "one's bearer tokens (not their secrets)"},
	"POST /tokens":                                  {summary: "create a bearer token for a script or a GIS client; its secret is answered once", body: bodyJSON},
	"DELETE /tokens/{id}":                           {summary: "revoke a bearer token"},
	"GET /audit":                                    {summary: "the audit log", query: append([]string{"action", "actor", "from", "to"}, pageQuery...)},
	"GET /supplies":                                 {summary: "the supplies, filtered; GeoJSON with Accept: application/geo+json", query: append([]string{"stage", "method", "land_use", "housing", "overdue", "collective", "mine", "bbox", "f"}, recordQuery...)},
	"POST /supplies":                                {summary: "enter a supply with its parcels; it waits for review and its overlaps are answered", body: bodyJSON},
	"GET /supplies/{id}":                            {summary: "one supply by id or e-supervision number; GeoJSON of its parcels when asked", query: []string{"f"}},
	"PATCH /supplies/{id}":                          {summary: "change a supply's fields (If-Match required); it waits for review again", body: bodyJSON},
	"PUT /supplies/{id}/parcels":                    {summary: "replace a supply's boundaries (GeoJSON or a coordinate file); checked for overlaps", body: bodyAny},
	"POST /supplies/{id}/parcels/check":             {summary: "check boundaries against the index without writing them", body: bodyAny},
	"POST /supplies/{id}/events":                    {summary: "record a development event (delivery, start, completion …)", body: bodyJSON},
	"GET /supplies/{id}/events/{event}":             {summary: "one event with its corrections"},
	"PUT /supplies/{id}/events/{event}":             {summary: "correct an event", body: bodyJSON},
	"POST /supplies/{id}/events/{event}/withdrawal": {summary: "withdraw an event recorded in error", body: bodyJSON},
	"GET /supplies/{id}/history":                    {summary: "every version of a supply", query: historyQuery},
	"POST /supplies/{id}/review":                    {summary: "approve or return a supply (a reviewer of its province)", body: bodyJSON},
	"POST /reviews":                                 {summary: "approve or return many supplies at once", body: bodyJSON},
	"GET /reserves":                                 {summary: "the reserves (储备地), filtered", query: append([]string{"acquisition", "f"}, recordQuery...)},
	"POST /reserves":                                {summary: "enter a reserve with its parcels", body: bodyJSON},
	"GET /reserves/{id}":                            {summary: "one reserve", query: []string{"f"}},
	"PATCH /reserves/{id}":                          {summary: "change a reserve's fields (If-Match required)", body: bodyJSON},
	"PUT /reserves/{id}/parcels":                    {summary: "replace a reserve's boundaries", body: bodyAny},
	"GET /reserves/{id}/history":                    {summary: "every version of a reserve", query: historyQuery},
	"POST /reserves/{id}/review":                    {summary: "approve or return a reserve", body: bodyJSON},
	"GET /transactions":                             {summary: "the transactions (transfers, leases, mortgages), filtered", query: append([]string{"kind", "active", "supply"}, recordQuery...)},
	"POST /transactions":                            {summary: "enter a transaction of a supply's land", body: bodyJSON},
	"GET /transactions/{id}":                        {summary: "one transaction"},
	"PATCH /transactions/{id}":                      {summary: "change a transaction's fields (If-Match required)", body: bodyJSON},
	"POST /transactions/{id}/release":               {summary: "release a mortgage", body: bodyJSON},
	"GET /transactions/{id}/history":                {summary: "every version of a transaction", query: historyQuery},
	"POST /transactions/{id}/review":                {summary: "approve or return a transaction", body: bodyJSON},
	"GET /supplies/{id}/transactions":               {summary: "the transactions of one supply", query: append([]string{"kind", "active"}, recordQuery...)},
	"GET /plans":                                    {summary: "the supply plans (供应计划), filtered", query: append([]string{"year"}, recordQuery...)},
	"POST /plans":                                   {summary: "enter a supply plan", body: bodyJSON},
	"GET /plans/{id}":                               {summary: "one supply plan"},
	"PATCH /plans/{id}":                             {summary: "change a supply plan (If-Match required)", body: bodyJSON},
	"GET /plans/{id}/history":                       {summary: "every version of a supply plan", query: historyQuery},
	"POST /plans/{id}/review":                       {summary: "approve or return a supply plan", body: bodyJSON},
	"GET /announcements":                            {summary: "the transfer announcements (出让公告) with their lots, filtered", query: append([]string{"method"}, recordQuery...)},
	"POST /announcements":                           {summary: "enter an announcement with its lots", body: bodyJSON},
	"GET /announcements/{id}":                       {summary: "one announcement with its lots, their deals and supplies; GeoJSON of the lots when asked", query: []string{"f"}},
	"PATCH /announcements/{id}":                     {summary: "change an announcement (If-Match required; lots sent whole)", body: bodyJSON},
	"PUT /announcements/{id}/lots/{lot}/parcels":    {summary: "replace a lot's boundaries (GeoJSON or a coordinate file)", body: bodyAny},
	"GET /announcements/{id}/history":               {summary: "every version of an announcement, its lots and deals", query: historyQuery},
	"POST /announcements/{id}/review":               {summary: "approve or return an announcement", body: bodyJSON},
	"GET /deals":                                    {summary: "the deals (成交公示), filtered", query: append([]string{"announcement"}, recordQuery...)},
	"POST /deals":                                   {summary: "enter the deal of an announced lot", body: bodyJSON},
	"GET /deals/{id}":                               {summary: "one deal"},
	"PATCH /deals/{id}":                             {summary: "change a deal (If-Match required)", body: bodyJSON},
	"GET /deals/{id}/history":                       {summary: "every version of a deal", query: historyQuery},
	"POST /deals/{id}/review":                       {summary: "approve or return a deal", body: bodyJSON},
	"GET /supplies/{id}/chain":                      {summary: "the plan, announcement, lot and deal a supply came from"},
	"GET /statistics":                               {summary: "statistics of the approved supplies by method, use, housing class, region or month", query: []string{"group", "region", "level", "from", "to"}},
	"GET /exports/{collection}.{format}":            {summary: "a filtered list as GeoPackage, GeoJSON, CSV, Excel or the ministry's coordinate file (internal networks only)", query: []string{"region", "stage", "method", "land_use", "from", "to", "q", "review", "late", "collective", "kind", "status"}},
	"GET /reports":                                  {summary: "who has submitted the quarterly report of a period, who is late and by how many working days", query: []string{"period"}},
	"GET /reports/{region}/{period}":                {summary: "the quarterly analysis report of a region and period (2018Q1, 2018H1, 2018Q1-3, 2018), with its due date and submission"},
	"GET /reports/{region}/{period}.xlsx":           {summary: "the report as an Excel workbook, one sheet per table (after the period)"},
	"POST /reports/{region}/{period}/submission":    {summary: "mark a report reviewed or submitted", body: bodyJSON},
	"GET /statistics/summary":                       {summary: "idle land, overlaps and development of a region and period, each figure with its list", query: []string{"region", "from", "to"}},
	"GET /league":                                   {summary: "the 通报 league of a period: regions one level down ranked by timeliness, backlog, idle land, overlaps, late reports and signs of false or concealed reporting", query: append([]string{"period", "region", "mine"}, pageQuery...)},
	"GET /league/mine":                              {summary: "the caller's region's place in its parent's league", query: []string{"period"}},
	"GET /league/{period}/bulletin":                 {summary: "the 通报 of a period: the league and the regions criticised, with why", query: []string{"region"}},
	"GET /league/{period}/bulletin.xlsx":            {summary: "the 通报 as an Excel workbook", query: []string{"region"}},
	"POST /imports":                                 {summary: "import files of records (tables, coordinate files, GeoJSON); a report of every row, or with Accept: application/x-ndjson a line for each step as it goes, then the report", query: []string{"dry_run", "partial", "name", "supply"}, body: bodyFiles},
	"POST /footprints":                              {summary: "import footprints observed from imagery", query: []string{"dry_run", "observed", "source"}, body: bodyFiles},
	"GET /overlaps":                                 {summary: "the overlapping pairs of parcels in the index", query: append([]string{"region", "supply", "bbox"}, pageQuery...)},
	"POST /overlaps/query":                          {summary: "the parcels a geometry overlaps", body: bodyAny},
	"POST /overlaps/scan":                           {summary: "scan the index for overlaps and record them as findings"},
	"GET /findings":                                 {summary: "what the rules flagged, filtered", query: append([]string{"kind", "status", "grade", "assignee", "region", "supply", "notice", "near", "within"}, pageQuery...)},
	"GET /findings/{id}":                            {summary: "one finding with its verifications"},
	"PATCH /findings/{id}":                          {summary: "move a finding on (assign, confirm, dismiss …)", body: bodyJSON},
	"GET /assignees":                                {summary: "who a finding may be assigned to", query: []string{"region", "role"}},
	"POST /findings/{id}/verifications":             {summary: "record a field verification with photos", body: bodyFiles},
	"GET /workdays":                                 {summary: "working days: the day a number of working days after another", query: []string{"from", "add"}},
	"GET /lag":                                      {summary: "how late records are entered, by region", query: []string{"from"}},
	"GET /timeliness":                               {summary: "the share of records entered in time, by region", query: []string{"region"}},
	"GET /codes":                                    {summary: "the code lists: supply methods, land uses, stages"},
	"GET /late-events":                              {summary: "events recorded past their deadline"},
	"GET /regions":                                  {summary: "the administrative regions", query: []string{"parent"}},
	"GET /boundaries":                               {summary: "the regions' boundaries", query: []string{"bbox", "zoom"}},
	"POST /boundaries":                              {summary: "import regions' boundaries", query: []string{"dry_run"}, body: bodyFiles},
	"GET /openapi.json":                             {summary: "this description"},
}

// queryParams describes each query parameter by name.
var queryParams = map[string]struct{ desc, typ string }{
	"cursor": {"the page after this one (the next link's cursor)", "string"}, "limit": {"items per page", "integer"},
	"review": {"submitted, approved or returned", "string"}, "region": {"a region code: its subtree", "string"},
	"from": {"from this day (YYYY-MM-DD)", "string"}, "to": {"to this day (YYYY-MM-DD)", "string"},
	"late": {"true: only records entered late", "boolean"}, "q": {"free text", "string"},
	"geometry": {"true: with the boundaries of each version", "boolean"}, "f": {"geojson: the answer as GeoJSON", "string"},
	"action": {"an audit action", "string"}, "actor": {"who acted", "string"},
	"stage": {"the supply's stage", "string"}, "method": {"the supply method code", "string"}, "land_use": {"a land use code", "string"},
	"overdue": {"true: past an agreed date", "boolean"}, "collective": {"true: collective land only", "boolean"},
	"mine": {"true: one's own work only", "boolean"}, "bbox": {"minLon,minLat,maxLon,maxLat (coordinates: internal networks only)", "string"},
	"acquisition": {"how the reserve's land was taken", "string"}, "kind": {"the record's kind", "string"},
	"active": {"true: only those in force", "boolean"}, "supply": {"a supply's id or e-supervision number", "string"},
	"year": {"the plan's year", "integer"}, "dry_run": {"true: check without writing", "boolean"},
	"partial": {"true: write the good rows and report the others", "boolean"}, "name": {"the file's name", "string"},
	"observed": {"the day the footprints were observed", "string"}, "source": {"where the footprints come from", "string"},
	"status": {"the finding's status", "string"}, "grade": {"the finding's grade", "string"}, "assignee": {"who it is assigned to", "string"},
	"notice": {"the notice of a finding", "string"}, "near": {"lon,lat: findings near a point", "string"},
	"within": {"metres around near", "number"}, "role": {"a role", "string"}, "add": {"working days to add", "integer"},
	"parent": {"the parent region's code", "string"}, "announcement": {"an announcement's id", "integer"},
	"group":   {"method, method_class, land_use, housing (housing by the class its land use as written tells), region or month", "string"},
	"housing": {"a housing class: affordable, shanty, small_units, other_housing or unclassified", "string"}, "level": {"province, city or county", "string"}, "period": {"a period: 2026Q1, 2026H1, 2026Q1-3 or 2026", "string"}, "zoom": {"the map zoom the boundaries are simplified for", "integer"},
}

var pathParam = regexp.MustCompile(`\{([^}:]+)(:[^}]*)?\}`)

// apiRoutes are the routes of /api/v1 as "METHOD /path" under it, in the
// router's order.
func (s *Server) apiRoutes() []string {
	var out []string
	_ = s.router.Walk(func(rt *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tpl, err := rt.GetPathTemplate()
		methods, merr := rt.GetMethods()
		if err != nil || merr != nil || !strings.HasPrefix(tpl, "/api/v1/") {
			return nil
		}
		for _, m := range methods {
			if m != http.MethodHead {
				out = append(out, m+" "+strings.TrimPrefix(tpl, "/api/v1"))
			}
		}
		return nil
	})
	return out
}

// apiOpenAPI is GET /api/v1/openapi.json.
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	problem := map[string]any{"description": "a problem document (RFC 9457): status, title, detail, and the field at fault",
		"content": map[string]any{"application/problem+json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Problem"}}}}
	paths := map[string]map[string]any{}
	for _, route := range s.apiRoutes() {
		method, path, _ := strings.Cut(route, " ")
		doc := apiDocs[route]
		var params []map[string]any
		for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
		for _, q := range doc.query {
			p := queryParams[q]
			params = append(params, map[string]any{"name": q, "in": "query", "description": p.desc, "schema": map[string]any{"type": p.typ}})
		}
		op := map[string]any{
			"operationId": strings.ToLower(method) + strings.NewReplacer("/", "_", "{", "", "}", "", "-", "_", ".", "_").Replace(path),
			"summary":     doc.summary,
			"parameters":  append([]map[string]any{}, params...),
			"responses": map[string]any{
				"2XX":     map[string]any{"description": "done", "content": map[string]any{mediaJSON: map[string]any{"schema": map[string]any{"type": "object"}}}},
				"4XX":     problem,
				"5XX":     problem,
				"default": problem,
			},
		}
		if doc.body != "" {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{doc.body: map[string]any{"schema": map[string]any{}}}}
		}
		if method == http.MethodPost && path == "/session" || path == "/workdays" {
			op["security"] = []map[string]any{} // public
		}
		key := pathParam.ReplaceAllString(path, "{$1}")
		if paths[key] == nil {
			paths[key] = map[string]any{}
		}
		paths[key][strings.ToLower(method)] = op
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	doc := map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "landwatch API", "version": "1",
			"description": "土地市场动态监测监管: the land register's records, reviews, findings and imports. Coordinates are served on the internal networks only."},
		"servers": []map[string]any{{"url": scheme + "://" + r.Host + "/api/v1"}},
		"components": map[string]any{
			"securitySchemes": map[string]any{
				"bearer":  map[string]any{"type": "http", "scheme": "bearer"},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": sessionCookie},
			},
			"schemas": map[string]any{"Problem": map[string]any{"type": "object", "properties": map[string]any{
				"type": map[string]any{"type": "string"}, "title": map[string]any{"type": "string"}, "status": map[string]any{"type": "integer"},
				"detail": map[string]any{"type": "string"}, "field": map[string]any{"type": "string"},
			}}},
		},
		"security": []map[string]any{{"bearer": []string{}}, {"session": []string{}}},
		"paths":    paths,
	}
	s.writeJSON(w, http.StatusOK, mediaOpenAPI, doc)
	return nil
}

// undocumented are the routes of /api/v1 apiDocs does not describe.
func (s *Server) undocumented() []string {
	return slices.DeleteFunc(s.apiRoutes(), func(route string) bool { _, ok := apiDocs[route]; return ok })
}
