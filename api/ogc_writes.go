package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gorilla/mux"
	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
	"landwatch/sql"
)

// OGC API – Features Part 4 (Create, Replace, Update, Delete) on the
// supplies and parcels collections. Every write goes through the service
// calls the /api/v1 handlers use, so a feature written from QGIS is
// reviewed again, checked for overlaps, kept in the history and the audit
// log, and limited to the writer's region, exactly as a write of the API.

// ogcWriter is how one collection's features are written. A record kind
// becomes writable over /ogc by one registration in ogcWriters.
type ogcWriter struct {
	// readOnly are the properties landwatch sets: a body may carry them
	// (a client sends back what it read) but they change nothing.
	readOnly []string
	// current is the version the feature's ETag names.
	current func(s *Server, r *http.Request, id int64) (int, error)
	// create, replace (patch: only what the body names) and remove write
	// through the service; they return the answer and its version.
	create  func(s *Server, r *http.Request, in featureInput) (id int64, out any, version int, err error)
	replace func(s *Server, r *http.Request, id int64, version int, in featureInput, patch bool) (out any, newVersion int, err error)
	remove  func(s *Server, r *http.Request, id int64, version int) error
}

var ogcWriters = map[string]*ogcWriter{"supplies": supplyWriter, "parcels": parcelWriter}

// ogcWriteRoutes adds the routes of Part 4. A write carries coordinates
// (a feature's geometry), so the external profile refuses it.
func (s *Server) ogcWriteRoutes(ogc *mux.Router) {
	write := Access{Perm: land.PermEdit, Coords: Always}
	s.route(ogc, http.MethodPost, "/collections/{collection}/items", write, s.ogcCreate)
	s.route(ogc, http.MethodPut, "/collections/{collection}/items/{feature}", write, s.ogcReplace(false))
	s.route(ogc, http.MethodPatch, "/collections/{collection}/items/{feature}", write, s.ogcReplace(true))
	s.route(ogc, http.MethodDelete, "/collections/{collection}/items/{feature}", write, s.ogcDelete)
	// QGIS asks OPTIONS of both to learn whether a layer can be edited.
	read := Access{Perm: land.PermRead}
	s.route(ogc, http.MethodOptions, "/collections/{collection}/items", read, s.ogcOptions)
	s.route(ogc, http.MethodOptions, "/collections/{collection}/items/{feature}", read, s.ogcOptions)
}

// ogcOptions answers OPTIONS with the methods the collection's items (or
// one item) take in Allow: the writes only where the collection takes them
// and the profile serves coordinates.
func (s *Server) ogcOptions(w http.ResponseWriter, r *http.Request) error {
	c, err := collectionOf(r)
	if err != nil {
		return err
	}
	allow := []string{http.MethodGet, http.MethodHead, http.MethodOptions}
	if wr, ok := ogcWriters[c.ID]; ok && s.profile != ProfileExternal {
		switch {
		case mux.Vars(r)["feature"] == "":
			allow = append(allow, http.MethodPost)
		case wr.remove != nil:
			allow = append(allow, http.MethodPut, http.MethodPatch, http.MethodDelete)
		default:
			allow = append(allow, http.MethodPut, http.MethodPatch)
		}
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// featureInput is the feature of a write's body: its properties, without
// the read-only ones, as a JSON object, and its geometry in EPSG:4490
// (nil when the body has none).
type featureInput struct {
	properties []byte
	names      []string // the properties the body gives
	geometry   orb.MultiPolygon
}

// writerOf is the collection a write names and how it is written; a
// collection that takes no writes is 405.
func writerOf(r *http.Request) (*sql.FeatureCollection, *ogcWriter, error) {
	c, err := collectionOf(r)
	if err != nil {
		return nil, nil, err
	}
	wr, ok := ogcWriters[c.ID]
	if !ok {
		return nil, nil, notWritable(c.ID + " is read-only: only the collections supplies and parcels take writes")
	}
	return c, wr, nil
}

func notWritable(detail string) error {
	return &Problem{Type: "about:blank", Title: "Method Not Allowed", Status: http.StatusMethodNotAllowed, Detail: detail}
}

// readFeature reads a write's body: a GeoJSON Feature whose geometry is in
// the CRS of Content-Crs (CRS84 when absent), any CRS the collections offer.
func readFeature(r *http.Request, wr *ogcWriter) (featureInput, error) {
	var in featureInput
	body, err := readJSON(r)
	if err != nil {
		return in, err
	}
	var f struct {
		Type       string                     `json:"type"`
		Properties map[string]json.RawMessage `json:"properties"`
		Geometry   json.RawMessage            `json:"geometry"`
	}
	if err := json.Unmarshal(body, &f); err != nil || f.Type != "Feature" {
		return in, land.Invalid("body", "is not a GeoJSON Feature")
	}
	for k := range f.Properties {
		if slices.Contains(wr.readOnly, k) {
			delete(f.Properties, k)
		} else {
			in.names = append(in.names, k)
		}
	}
	if in.properties, err = json.Marshal(f.Properties); err != nil {
		return in, err
	}
	if g := strings.TrimSpace(string(f.Geometry)); g == "" || g == "null" {
		return in, nil
	}
	crs, err := parseCRS("Content-Crs", strings.Trim(strings.TrimSpace(r.Header.Get("Content-Crs")), "<>"))
	if err != nil {
		return in, err
	}
	if in.geometry, err = spatial.ParseGeoJSONGeometry(f.Geometry); err != nil {
		return in, err
	}
	toCGCS2000(in.geometry, crs)
	return in, nil
}

// toCGCS2000 turns mp, in crs, into longitude, latitude in place.
func toCGCS2000(mp orb.MultiPolygon, crs sql.CRS) {
	for _, poly := range mp {
		for _, ring := range poly {
			for i, p := range ring {
				ring[i] = crs.LonLat(p)
			}
		}
	}
}

// featureID is the request's {feature}, or CodeNotFound.
func featureID(r *http.Request, c *sql.FeatureCollection) (int64, error) {
	raw := mux.Vars(r)["feature"]
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, &land.Error{Code: land.CodeNotFound, Field: "featureId", Message: "no feature " + strconv.Quote(raw) + " in " + c.ID}
	}
	return id, nil
}

// ogcIfMatch is the version a write may change: If-Match is required (428
// without it) and must name the feature's current ETag, or be * (412
// otherwise). The service checks the version again as it writes.
func ogcIfMatch(s *Server, r *http.Request, wr *ogcWriter, id int64) (int, error) {
	m, err := parseIfMatch(r)
	if err != nil {
		return 0, err
	}
	if !m.sent {
		return 0, &land.Error{Code: land.CodePreconditionRequired, Field: "If-Match",
			Message: "send the feature's ETag in If-Match (or * to change whatever is current)"}
	}
	cur, err := wr.current(s, r, id)
	if err != nil {
		return 0, err
	}
	if !m.any && !slices.Contains(m.versions, cur) {
		return 0, &land.Error{Code: land.CodeStale, Field: "If-Match",
			Message: "the feature has changed: its current ETag is " + etag(cur) + "; read it again"}
	}
	return cur, nil
}

// ogcCreate is POST …/items: a new feature, answered 201 with its address.
func (s *Server) ogcCreate(w http.ResponseWriter, r *http.Request) error {
	c, wr, err := writerOf(r)
	if err != nil {
		return err
	}
	in, err := readFeature(r, wr)
	if err != nil {
		return err
	}
	id, out, version, err := wr.create(s, r, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", ogcBase(r)+"/collections/"+c.ID+"/items/"+strconv.FormatInt(id, 10))
	w.Header().Set("ETag", etag(version))
	s.writeJSON(w, http.StatusCreated, "", out)
	return nil
}

// ogcReplace is PUT (the feature as given) or PATCH (the properties and
// geometry the body names) of …/items/{featureId}.
func (s *Server) ogcReplace(patch bool) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		_, wr, id, version, err := s.writeTarget(r, false)
		if err != nil {
			return err
		}
		in, err := readFeature(r, wr)
		if err != nil {
			return err
		}
		out, version, err := wr.replace(s, r, id, version, in, patch)
		if err != nil {
			return err
		}
		w.Header().Set("ETag", etag(version))
		s.writeJSON(w, http.StatusOK, "", out)
		return nil
	}
}

// ogcDelete is DELETE …/items/{featureId}: the record's history keeps it.
func (s *Server) ogcDelete(w http.ResponseWriter, r *http.Request) error {
	_, wr, id, version, err := s.writeTarget(r, true)
	if err != nil {
		return err
	}
	if err := wr.remove(s, r, id, version); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// writeTarget is the feature a PUT, PATCH or DELETE names, how its
// collection is written, and the version If-Match allows to change.
func (s *Server) writeTarget(r *http.Request, deleting bool) (*sql.FeatureCollection, *ogcWriter, int64, int, error) {
	c, wr, err := writerOf(r)
	if err != nil {
		return nil, nil, 0, 0, err
	}
	if deleting && wr.remove == nil {
		return nil, nil, 0, 0, notWritable("a " + c.ID + " feature is not deleted from the register")
	}
	id, err := featureID(r, c)
	if err != nil {
		return nil, nil, 0, 0, err
	}
	version, err := ogcIfMatch(s, r, wr, id)
	return c, wr, id, version, err
}

// featureVersion is the version in a feature's ETag.
func featureVersion(c *sql.FeatureCollection, f sql.Feature) int {
	var props map[string]json.RawMessage
	if json.Unmarshal(f.Properties, &props) != nil {
		return 0
	}
	v, _ := strconv.Atoi(string(props[c.VersionOf()]))
	return v
}
