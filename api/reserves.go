package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"landwatch/land"
	"landwatch/sql"
)

// reserveInput is the body of POST /reserves: a reserve with its parcels
// as GeoJSON.
type reserveInput struct {
	land.Reserve
	Parcels json.RawMessage `json:"parcels"`
}

// reserveFixed are the fields landwatch sets: a PATCH may not send them.
var reserveFixed = []string{"id", "version", "parcels", "created_at", "updated_at", "updated_by", "lag_workdays", "late",
	"remaining_ha", "review_status", "review_reason", "reviewed_by", "submitted_by"}

// createReserve is POST /reserves: land taken into the reserve, with its
// parcels (GeoJSON) when given, waiting for review.
func (s *Server) createReserve(w http.ResponseWriter, r *http.Request) error {
	var in reserveInput
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	res := in.Reserve
	if len(in.Parcels) > 0 && string(in.Parcels) != "null" {
		if err := s.coordsAllowed(callerOf(r)); err != nil {
			return land.PrefixField(err, "parcels")
		}
		ps, err := decodeParcels(in.Parcels)
		if err != nil {
			return err
		}
		res.Parcels = ps
	}
	out, err := s.svc.CreateReserve(r.Context(), scope(r), &res)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/reserves/"+strconv.FormatInt(out.ID, 10))
	w.Header().Set("ETag", etag(out.Version))
	s.writeJSON(w, http.StatusCreated, "", out)
	return nil
}

// getReserve is GET /reserves/{id or number}: the record, or its parcels
// as GeoJSON when asked.
func (s *Server) getReserve(w http.ResponseWriter, r *http.Request) error {
	res, err := s.svc.GetReserve(r.Context(), scope(r), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	w.Header().Set("Vary", "Accept")
	if wantsGeoJSON(r) {
		props := *res
		props.Parcels = nil
		w.Header().Set("ETag", `"v`+strconv.Itoa(res.Version)+`-geo"`)
		s.writeJSON(w, http.StatusOK, "application/geo+json", parcelFeatures(propertiesOf(props), res.Parcels))
		return nil
	}
	w.Header().Set("ETag", etag(res.Version))
	s.writeJSON(w, http.StatusOK, "", res)
	return nil
}

// listReserves is GET /reserves with filters region (subtree),
// acquisition, review, from/to (day taken in), q (free text), late=true.
func (s *Server) listReserves(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, append(reserveParams, "cursor", "limit")...); err != nil {
		return err
	}
	f, err := parseReserveFilter(r)
	if err != nil {
		return err
	}
	items, total, more, err := s.svc.ListReserves(r.Context(), scope(r), f)
	if err != nil {
		return err
	}
	writeKeyset(s, w, r.URL, items, total, more, func(x land.Reserve) int64 { return x.ID })
	return nil
}

// reserveParams are the filters of the reserves list (and export).
var reserveParams = []string{"region", "acquisition", "review", "from", "to", "q", "late"}

// parseReserveFilter reads the reserve list's filters.
func parseReserveFilter(r *http.Request) (sql.ReserveFilter, error) {
	q := r.URL.Query()
	l, err := parseRecordList(q)
	if err != nil {
		return sql.ReserveFilter{}, err
	}
	f := sql.ReserveFilter{Review: l.Review, Region: l.Region, From: l.From, To: l.To, Text: l.Text, Late: l.Late, After: l.After, Limit: l.Limit}
	if v := q.Get("acquisition"); v != "" {
		if f.Acquisition, err = land.ParseAcquisition(v); err != nil {
			return f, err
		}
	}
	return f, nil
}
