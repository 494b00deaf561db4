package api

import (
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"landwatch/land"
	"landwatch/sql"
)

// supplyInput is the body of POST /supplies: a supply with its parcels as
// GeoJSON and, optionally, events already known.
type supplyInput struct {
	land.Supply
	Parcels json.RawMessage `json:"parcels"`
}

// createSupply is POST /supplies: a new supply, with its parcels (GeoJSON,
// coordinates) and events when given, waiting for review; the answer warns
// of the overlaps its parcels make.
func (s *Server) createSupply(w http.ResponseWriter, r *http.Request) error {
	body, err := readJSON(r)
	if err != nil {
		return err // nothing was read of the body's fields to check
	}
	var in supplyInput
	if err := strictUnmarshal(body, &in); err != nil {
		return s.andSupplyChecks(err, in.Supply)
	}
	sup := in.Supply
	if len(in.Parcels) > 0 && string(in.Parcels) != "null" {
		if err := s.coordsAllowed(callerOf(r)); err != nil {
			return land.PrefixField(err, "parcels")
		}
		ps, err := decodeParcels(in.Parcels)
		if err != nil {
			return err
		}
		sup.Parcels = ps
	}
	req, err := createRequest(r, in)
	if err != nil {
		return err
	}
	res, made, err := s.svc.CreateSupplyOnce(r.Context(), scope(r), &sup, req)
	if err != nil {
		return outcomeUnknown(err, "e_number", sup.ENumber)
	}
	w.Header().Set("Location", "/api/v1/supplies/"+strconv.FormatInt(res.ID, 10))
	w.Header().Set("ETag", etag(res.Version))
	status := http.StatusCreated
	if made {
		status = http.StatusOK // a retry: the record the same request made
	}
	res.Warnings = s.sayAll(r, res.Warnings)
	s.writeJSON(w, status, "", res)
	return nil
}

// createRequest identifies a create by the client's Idempotency-Key, if
// any, and a digest of its body as decoded (so that spacing and the order
// of keys do not make a retry a different request).
func createRequest(r *http.Request, in supplyInput) (sql.CreateRequest, error) {
	key := r.Header.Get("Idempotency-Key")
	if len(key) > 255 || !utf8.ValidString(key) {
		return sql.CreateRequest{}, land.Invalid("Idempotency-Key", "is at most 255 bytes of UTF-8")
	}
	body, err := json.Marshal(in)
	if err != nil {
		return sql.CreateRequest{}, err
	}
	digest := sha256.Sum256(body)
	return sql.CreateRequest{Key: key, Digest: digest[:]}, nil
}

// andSupplyChecks adds to the fields a body could not be read into the
// refusals the supply's own checks make of the fields it could: one answer
// names every field to fix. A field already named is not named again (its
// zero value would be refused as missing). A body that was not an object is
// answered alone.
func (s *Server) andSupplyChecks(decodeErr error, sup land.Supply) error {
	named := land.FieldErrors(decodeErr)
	if len(named) == 0 || slices.ContainsFunc(named, func(n land.FieldError) bool { return n.Field == "body" }) {
		return decodeErr // not an object: its fields were not read at all
	}
	_, err := sup.Normalize(s.svc.Rules().Regions)
	issued := strings.TrimSpace(sup.ENumber) == "" // landwatch issues it: not missing
	errs := []error{decodeErr}
	for _, f := range land.FieldErrors(err) {
		if issued && f.Field == "e_number" {
			continue
		}
		if !slices.ContainsFunc(named, func(n land.FieldError) bool { return n.Field == f.Field }) {
			errs = append(errs, land.Invalid(f.Field, "%s", f.Reason))
		}
	}
	return land.JoinInvalid(errs...)
}

// getSupply is GET /supplies/{id or e-supervision number}: the record, or
// its parcels as GeoJSON when asked; 304 when If-None-Match names the
// version the client has.
func (s *Server) getSupply(w http.ResponseWriter, r *http.Request) error {
	sup, err := s.svc.GetSupply(r.Context(), scope(r), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	tag, body, contentType := etag(sup.Version), any(sup), ""
	if wantsGeoJSON(r) {
		tag, body, contentType = `"v`+strconv.Itoa(sup.Version)+`-geo"`, supplyFeatures(sup), "application/geo+json"
	}
	w.Header().Set("ETag", tag)
	w.Header().Set("Vary", "Accept")
	if match := strings.Join(r.Header.Values("If-None-Match"), ","); match != "" && etagMatches(match, tag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	s.writeJSON(w, http.StatusOK, contentType, body)
	return nil
}

// listSupplies is GET /supplies with the filters of parseSupplyFilter.
func (s *Server) listSupplies(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := parseSupplyFilter(q)
	if err != nil {
		return err
	}
	if err := ownWork(q, scope(r), &f); err != nil {
		return err
	}
	items, total, more, err := s.svc.ListSupplies(r.Context(), scope(r), f)
	if err != nil {
		return err
	}
	writeKeyset(s, w, r.URL, items, total, more, func(x land.Supply) int64 { return x.ID })
	return nil
}

// patchBody reads the JSON object of a PATCH, refusing the fields
// landwatch sets (fixed), each named.
func patchBody(r *http.Request, fixed ...string) ([]byte, error) {
	body, err := readJSON(r)
	if err != nil {
		return nil, err
	}
	fields, err := decodeObject(body)
	if err != nil {
		return nil, err
	}
	var refused []error
	for _, k := range fixed {
		if _, ok := fields[k]; ok {
			refused = append(refused, land.Invalid(k, "cannot be changed with PATCH"))
		}
	}
	return body, land.JoinInvalid(refused...)
}

// patchSupply is PATCH /supplies/{id} with the fields to change; If-Match
// must name the current version.
func (s *Server) patchSupply(w http.ResponseWriter, r *http.Request) error {
	version, err := s.ifMatchVersion(r, true)
	if err != nil {
		return err
	}
	body, err := patchBody(r, "id", "version", "stage", "parcels", "events", "created_at", "updated_at", "updated_by", "kind", "lag_workdays", "late")
	if err != nil {
		return err
	}
	res, err := s.svc.UpdateSupply(r.Context(), scope(r), mux.Vars(r)["id"], version, func(cur *land.Supply) error {
		if err := strictUnmarshal(body, cur); err != nil {
			return s.andSupplyChecks(err, *cur)
		}
		return nil
	})
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(res.Version))
	res.Warnings = s.sayAll(r, res.Warnings)
	s.writeJSON(w, http.StatusOK, "", res)
	return nil
}
