package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

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

// writeResult is the body answered after a write: the record and the
// warnings of its checks.
type writeResult struct {
	*land.Supply
	Warnings []string            `json:"warnings"`
	Overlaps []sql.SupplyOverlap `json:"overlaps"`
}

// checkOverlaps checks a supply's boundaries after a write and fills the
// result's overlaps (DESIGN §4.3: a warning and a finding, never a refusal).
func (s *Server) checkOverlaps(r *http.Request, res *writeResult) error {
	res.Warnings = nonNil(res.Warnings)
	overlaps, err := s.engine.CheckSupplies(r.Context(), actor(r), res.Supply.ID)
	if err != nil {
		return err
	}
	res.Overlaps = overlaps
	for _, o := range overlaps {
		res.Warnings = append(res.Warnings, fmt.Sprintf("parcel %d overlaps parcel %d of supply %s by %.1f m² (%.1f %% of this parcel)",
			o.ParcelID, o.OtherParcelID, o.OtherENumber, o.AreaM2, o.Share*100))
	}
	return nil
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
	sup.ID, sup.Version, sup.Stage = 0, 0, ""
	// A new record waits for review, whatever the body says.
	sup.ReviewStatus, sup.ReviewReason, sup.ReviewedBy = "", "", ""
	for i := range sup.Events {
		if err := newEvent(&sup.Events[i]); err != nil {
			return land.PrefixField(err, "events["+strconv.Itoa(i)+"]")
		}
	}
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
	warnings, err := s.store.CreateSupply(r.Context(), actor(r), &sup)
	if err != nil {
		return err
	}
	res := writeResult{Supply: &sup, Warnings: warnings}
	if err := s.checkOverlaps(r, &res); err != nil {
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
	sup, err := s.store.GetSupply(r.Context(), mux.Vars(r)["id"])
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
	items, total, more, err := s.store.ListSupplies(r.Context(), f)
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
	sup, warnings, err := s.store.UpdateSupply(r.Context(), actor(r), mux.Vars(r)["id"], version, func(cur *land.Supply) error {
		return strictUnmarshal(body, cur)
	})
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(sup.Version))
	s.writeJSON(w, http.StatusOK, "", writeResult{Supply: sup, Warnings: nonNil(warnings), Overlaps: []sql.SupplyOverlap{}})
	return nil
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
