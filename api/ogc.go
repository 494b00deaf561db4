package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"landwatch/cql2"
	"landwatch/land"
	"landwatch/sql"
)

// OGC API – Features (Parts 1 Core, 2 CRS and 3 Filtering) at /ogc: the
// register's collections for GIS clients (QGIS, GDAL's OAPIF driver). The
// same access rules as /api/v1: signed in, each user's region only, and
// under the external profile the features come without geometry.

// ogcRoutes adds the routes of /ogc.
func (s *Server) ogcRoutes(r *mux.Router) {
	read := Access{Perm: land.PermRead}
	// The items carry coordinates, but under the external profile they are
	// served without them (a box is still a question about where land lies).
	items := Access{Perm: land.PermRead, Coords: Either(func(*http.Request) bool { return s.profile != ProfileExternal }, WhenParam("bbox"))}
	ogc := r.PathPrefix("/ogc").Subrouter()
	s.route(r, http.MethodGet, "/ogc", read, s.ogcLanding)
	s.route(ogc, http.MethodGet, "/conformance", read, s.ogcConformance)
	s.route(ogc, http.MethodGet, "/api", read, s.ogcOpenAPI)
	s.route(ogc, http.MethodGet, "/collections", read, s.ogcCollections)
	s.route(ogc, http.MethodGet, "/collections/{collection}", read, s.ogcCollection)
	s.route(ogc, http.MethodGet, "/collections/{collection}/queryables", read, s.ogcQueryables)
	s.route(ogc, http.MethodGet, "/collections/{collection}/items", items, s.ogcItems)
	s.route(ogc, http.MethodGet, "/collections/{collection}/items/{feature}", items, s.ogcItem)
	s.ogcWriteRoutes(ogc)
}

// link is one link of an OGC API document.
type link struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

const (
	mediaJSON    = "application/json"
	mediaGeoJSON = "application/geo+json"
	mediaHTML    = "text/html"
	mediaOpenAPI = "application/vnd.oai.openapi+json;version=3.0"
	mediaSchema  = "application/schema+json"
)

// ogcBase is the absolute URL of /ogc as the client reached it: GIS
// clients follow the links of one answer to the next.
func ogcBase(r *http.Request) string {
	return publicURL(r) + "/ogc"
}

// wantsHTML tells whether the answer is to be a page: f=html, or a browser
// asking for text/html first and no f= to say otherwise.
func wantsHTML(r *http.Request) bool {
	if f := r.URL.Query().Get("f"); f != "" {
		return f == "html"
	}
	accept := r.Header.Get("Accept")
	return strings.HasPrefix(accept, mediaHTML) || strings.Contains(accept, "application/xhtml+xml")
}

// checkFormat refuses an f= the service does not write.
func checkFormat(r *http.Request) error {
	switch r.URL.Query().Get("f") {
	case "", "json", "geojson", "html":
		return nil
	}
	return land.Invalid("f", "%q is not json, geojson or html", r.URL.Query().Get("f"))
}

// ogcAnswer writes a document as JSON (of contentType) or as a page.
func (s *Server) ogcAnswer(w http.ResponseWriter, r *http.Request, contentType, title string, doc any) error {
	if err := checkFormat(r); err != nil {
		return err
	}
	w.Header().Set("Vary", "Accept")
	if wantsHTML(r) {
		return writeOGCPage(w, title, doc)
	}
	s.writeJSON(w, http.StatusOK, contentType, doc)
	return nil
}

// selfLinks are the self and alternate links of a document at path.
func selfLinks(r *http.Request, path, jsonType string) []link {
	base := ogcBase(r) + path
	return []link{
		{Href: base + "?f=json", Rel: "self", Type: jsonType, Title: "this document"},
		{Href: base + "?f=html", Rel: "alternate", Type: mediaHTML, Title: "this document as a page"},
	}
}

func (s *Server) ogcLanding(w http.ResponseWriter, r *http.Request) error {
	base := ogcBase(r)
	links := append(selfLinks(r, "", mediaJSON),
		link{Href: base + "/api", Rel: "service-desc", Type: mediaOpenAPI, Title: "the OpenAPI description"},
		link{Href: base + "/conformance", Rel: "conformance", Type: mediaJSON, Title: "the conformance classes"},
		link{Href: base + "/collections", Rel: "data", Type: mediaJSON, Title: "the collections"})
	return s.ogcAnswer(w, r, mediaJSON, "landwatch", map[string]any{
		"title":       "landwatch: 土地市场动态监测监管 Land market monitoring",
		"description": "The land register's supplies, parcels and reserves as OGC API – Features.",
		"links":       links,
	})
}

// conformance lists the classes /ogc implements, and only those: CQL2's
// spatial and temporal function classes require predicates it does not
// have (S_CROSSES, T_MEETS…), so they are not claimed.
var conformance = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
	"http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
	"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
	"http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
	"http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
	"http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
	"http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
	"http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
	"http://www.opengis.net/spec/cql2/1.0/conf/property-property",
	// Part 4 on the supplies and parcels collections, with ETag/If-Match.
	"http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
	"http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
	"http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags",
	"http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features",
}

func (s *Server) ogcConformance(w http.ResponseWriter, r *http.Request) error {
	return s.ogcAnswer(w, r, mediaJSON, "Conformance", map[string]any{"conformsTo": conformance, "links": selfLinks(r, "/conformance", mediaJSON)})
}

// ogcExtent is the bound, in CRS84, of the land the user's region holds on
// the register (supplies, reserves, lots: every collection with geometry
// lies on it), as /tiles.json gives it, so that a GIS client zooming to a
// layer lands on it; China's bound while the register is empty.
func (s *Server) ogcExtent(r *http.Request) ([4]float64, error) {
	_, b, ok, err := s.userExtent(r, s.svc.Engine().Index().Snapshot())
	if err != nil || !ok {
		return [4]float64{73.5, 18, 135.1, 53.6}, err
	}
	return [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}, nil
}

// collectionDoc describes one collection, which lies within extent.
func collectionDoc(r *http.Request, c *sql.FeatureCollection, extent [4]float64) map[string]any {
	base := ogcBase(r) + "/collections/" + c.ID
	links := append(selfLinks(r, "/collections/"+c.ID, mediaJSON),
		link{Href: base + "/items?f=json", Rel: "items", Type: mediaGeoJSON, Title: "the features"},
		link{Href: base + "/items?f=html", Rel: "items", Type: mediaHTML, Title: "the features as a page"},
		link{Href: base + "/queryables", Rel: "http://www.opengis.net/def/rel/ogc/1.0/queryables", Type: mediaSchema, Title: "what a filter may name"})
	doc := map[string]any{
		"id": c.ID, "title": c.Title, "description": c.Description, "itemType": "feature",
		"crs": ogcCRSList(), "storageCrs": epsgBase + "4490",
		"extent": map[string]any{"spatial": map[string]any{"bbox": [][4]float64{extent}, "crs": crs84}},
		"links":  links,
	}
	if !c.HasGeometry() { // a table of records: it lies nowhere
		delete(doc, "extent")
	}
	return doc
}

func (s *Server) ogcCollections(w http.ResponseWriter, r *http.Request) error {
	extent, err := s.ogcExtent(r)
	if err != nil {
		return err
	}
	var docs []map[string]any
	for _, c := range sql.Collections {
		docs = append(docs, collectionDoc(r, c, extent))
	}
	return s.ogcAnswer(w, r, mediaJSON, "Collections", map[string]any{
		"collections": docs, "crs": ogcCRSList(), "links": selfLinks(r, "/collections", mediaJSON)})
}

// collectionOf is the collection a request names, or CodeNotFound.
func collectionOf(r *http.Request) (*sql.FeatureCollection, error) {
	id := mux.Vars(r)["collection"]
	c, ok := sql.CollectionByID(id)
	if !ok {
		return nil, &land.Error{Code: land.CodeNotFound, Field: "collection", Message: "no collection " + strconv.Quote(id)}
	}
	return c, nil
}

func (s *Server) ogcCollection(w http.ResponseWriter, r *http.Request) error {
	c, err := collectionOf(r)
	if err != nil {
		return err
	}
	extent, err := s.ogcExtent(r)
	if err != nil {
		return err
	}
	return s.ogcAnswer(w, r, mediaJSON, c.Title, collectionDoc(r, c, extent))
}

// ogcQueryables is the JSON Schema of what a filter may name.
func (s *Server) ogcQueryables(w http.ResponseWriter, r *http.Request) error {
	c, err := collectionOf(r)
	if err != nil {
		return err
	}
	props := map[string]any{}
	for _, q := range c.Properties {
		switch q.Type {
		case sql.GeometryName:
			props[q.Name] = map[string]any{"title": "the boundaries", "format": "geometry-multipolygon"}
		case "date":
			props[q.Name] = map[string]any{"type": "string", "format": "date"}
		default:
			props[q.Name] = map[string]any{"type": q.Type}
		}
	}
	return s.ogcAnswer(w, r, mediaSchema, c.Title+" queryables", map[string]any{
		"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": ogcBase(r) + "/collections/" + c.ID + "/queryables",
		"type": "object", "title": c.Title, "properties": props, "additionalProperties": false,
	})
}

// geoFeature is one feature of an answer.
type geoFeature struct {
	Type       string          `json:"type"`
	ID         int64           `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
	Links      []link          `json:"links,omitempty"`
}

// featureQuery reads the request's items parameters and decides whether
// the geometry may be served (DESIGN §9): not under the external profile,
// where a spatial filter is refused like a box.
func (s *Server) featureQuery(r *http.Request) (sql.FeatureQuery, error) {
	if err := checkFormat(r); err != nil {
		return sql.FeatureQuery{}, err
	}
	q, err := parseFeatureQuery(r.URL.Query(), s.zone)
	if err != nil {
		return q, err
	}
	q.NoGeometry = s.profile == ProfileExternal
	if q.Filter != nil && spatialIn(q.Filter) {
		if err := s.coordsAllowed(callerOf(r)); err != nil {
			return q, land.PrefixField(err, "filter")
		}
	}
	return q, nil
}

// spatialIn tells whether a filter has a spatial predicate.
func spatialIn(e cql2.Expr) bool {
	switch x := e.(type) {
	case cql2.Spatial:
		return true
	case cql2.Not:
		return spatialIn(x.Arg)
	case cql2.Logical:
		for _, a := range x.Args {
			if spatialIn(a) {
				return true
			}
		}
	}
	return false
}

// ogcItems is a page of a collection's features, keyset-paged by id: next
// and prev carry the last and first id of the page.
func (s *Server) ogcItems(w http.ResponseWriter, r *http.Request) error {
	c, err := collectionOf(r)
	if err != nil {
		return err
	}
	q, err := s.featureQuery(r)
	if err != nil {
		return err
	}
	page, err := s.svc.Features(r.Context(), scope(r), c.ID, q)
	if err != nil {
		return err
	}
	base := ogcBase(r) + "/collections/" + c.ID + "/items"
	self := pageLink(base, r.URL.Query(), "", 0, "json")
	links := []link{
		{Href: self, Rel: "self", Type: mediaGeoJSON, Title: "this page"},
		{Href: pageLink(base, r.URL.Query(), "", 0, "html"), Rel: "alternate", Type: mediaHTML, Title: "this page as a page"},
		{Href: ogcBase(r) + "/collections/" + c.ID, Rel: "collection", Type: mediaJSON, Title: c.Title},
	}
	if page.Next && len(page.Features) > 0 {
		links = append(links, link{Href: pageLink(base, r.URL.Query(), "after", page.Last, "json"), Rel: "next", Type: mediaGeoJSON, Title: "the next page"})
	}
	if page.Prev && len(page.Features) > 0 {
		links = append(links, link{Href: pageLink(base, r.URL.Query(), "before", page.FirstID, "json"), Rel: "prev", Type: mediaGeoJSON, Title: "the previous page"})
	}
	features := make([]geoFeature, len(page.Features))
	for i, f := range page.Features {
		features[i] = geoFeature{Type: "Feature", ID: f.ID, Geometry: f.Geometry, Properties: f.Properties}
	}
	setContentCRS(w, q)
	return s.ogcAnswer(w, r, mediaGeoJSON, c.Title, map[string]any{
		"type": "FeatureCollection", "features": features,
		"numberMatched": page.Matched, "numberReturned": len(features),
		"timeStamp": time.Now().UTC().Format(time.RFC3339), "links": links,
	})
}

// setContentCRS says which CRS the answer's coordinates are in (Part 2).
func setContentCRS(w http.ResponseWriter, q sql.FeatureQuery) {
	if !q.NoGeometry {
		w.Header().Set("Content-Crs", "<"+crsURI(q.CRS)+">")
	}
}

// pageLink is the items URL with the request's parameters, the cursor
// (after or before a feature id) and the format.
//
// Each parameter keeps its first value only: GDAL appends the parameters of
// its connection string to every URL it fetches, the next links included,
// and links that kept every copy would grow by them on each page.
func pageLink(base string, q url.Values, cursor string, id int64, f string) string {
	q = firstValues(q)
	q.Del("after")
	q.Del("before")
	if cursor != "" {
		q.Set(cursor, strconv.FormatInt(id, 10))
	}
	q.Set("f", f)
	return base + "?" + q.Encode()
}

func firstValues(q url.Values) url.Values {
	out := url.Values{}
	for k := range q {
		out.Set(k, q.Get(k))
	}
	return out
}

// ogcItem is one feature; its ETag is the record's version, which the
// writes of Part 4 must name in If-Match.
func (s *Server) ogcItem(w http.ResponseWriter, r *http.Request) error {
	c, err := collectionOf(r)
	if err != nil {
		return err
	}
	raw := mux.Vars(r)["feature"]
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return &land.Error{Code: land.CodeNotFound, Field: "featureId", Message: "no feature " + strconv.Quote(raw) + " in " + c.ID}
	}
	q, err := s.featureQuery(r)
	if err != nil {
		return err
	}
	q.ID, q.Limit, q.Filter, q.BBox, q.From, q.To = id, 1, nil, nil, land.Date{}, land.Date{}
	page, err := s.svc.Features(r.Context(), scope(r), c.ID, q)
	if err != nil {
		return err
	}
	if len(page.Features) == 0 {
		return &land.Error{Code: land.CodeNotFound, Field: "featureId", Message: "no feature " + raw + " in " + c.ID}
	}
	f := page.Features[0]
	base := ogcBase(r) + "/collections/" + c.ID
	if v := featureVersion(c, f); v > 0 {
		w.Header().Set("ETag", etag(v))
	}
	setContentCRS(w, q)
	return s.ogcAnswer(w, r, mediaGeoJSON, c.Title+" "+raw, geoFeature{Type: "Feature", ID: f.ID, Geometry: f.Geometry, Properties: f.Properties,
		Links: []link{
			{Href: base + "/items/" + raw + "?f=json", Rel: "self", Type: mediaGeoJSON},
			{Href: base + "/items/" + raw + "?f=html", Rel: "alternate", Type: mediaHTML},
			{Href: base, Rel: "collection", Type: mediaJSON, Title: c.Title},
		}})
}
