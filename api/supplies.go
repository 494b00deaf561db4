package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"landwatch/land"
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
	var in supplyInput
	if err := decodeJSON(r, &in); err != nil {
		return err
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
	res, err := s.svc.CreateSupply(r.Context(), scope(r), &sup)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/supplies/"+strconv.FormatInt(sup.ID, 10))
	w.Header().Set("ETag", etag(sup.Version))
	s.writeJSON(w, http.StatusCreated, "", res)
	return nil
}

// getSupply is GET /supplies/{id or e-supervision number}: the record, or
// its parcels as GeoJSON when asked.
func (s *Server) getSupply(w http.ResponseWriter, r *http.Request) error {
	sup, err := s.svc.GetSupply(r.Context(), scope(r), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	if wantsGeoJSON(r) {
		w.Header().Set("ETag", `"v`+strconv.Itoa(sup.Version)+`-geo"`)
		w.Header().Set("Vary", "Accept")
		s.writeJSON(w, http.StatusOK, "application/geo+json", supplyFeatures(sup))
		return nil
	}
	w.Header().Set("ETag", etag(sup.Version))
	w.Header().Set("Vary", "Accept")
	s.writeJSON(w, http.StatusOK, "", sup)
	return nil
}

// listSupplies is GET /supplies with the filters of parseSupplyFilter.
func (s *Server) listSupplies(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := parseSupplyFilter(q)
	if err != nil {
		return err
	}
	items, total, more, err := s.svc.ListSupplies(r.Context(), scope(r), f)
	if err != nil {
		return err
	}
	writeKeyset(s, w, r.URL, items, total, more, func(x land.Supply) int64 { return x.ID })
	return nil
}

// patchSupply is PATCH /supplies/{id} with the fields to change; If-Match
// must name the current version.
func (s *Server) patchSupply(w http.ResponseWriter, r *http.Request) error {
	version, err := ifMatchVersion(r, true)
	if err != nil {
		return err
	}
	body, err := readBody(r)
	if err != nil {
		return err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return land.Invalid("body", "a JSON object of the fields to change is expected: %v", err)
	}
	for _, k := range []string{"id", "version", "stage", "parcels", "events", "created_at", "updated_at", "updated_by", "kind"} {
		if _, ok := fields[k]; ok {
			return land.Invalid(k, "cannot be changed with PATCH")
		}
	}
	res, err := s.svc.UpdateSupply(r.Context(), scope(r), mux.Vars(r)["id"], version, func(cur *land.Supply) error {
		return strictUnmarshal(body, cur)
	})
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(res.Version))
	s.writeJSON(w, http.StatusOK, "", res)
	return nil
}
