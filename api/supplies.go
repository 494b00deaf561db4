package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"landwatch/land"
)

// supplyInput is the body of POST /supplies: a supply with its parcels as
// GeoJSON and, optionally, events already known.
type supplyInput struct {
	land.Supply
	Parcels json.RawMessage `json:"parcels"`
}

func (s *Server) createSupply(w http.ResponseWriter, r *http.Request) {
	var in supplyInput
	if err := decodeJSON(r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	sup := in.Supply
	if len(in.Parcels) > 0 && string(in.Parcels) != "null" {
		if err := s.coordsAllowed(callerOf(r)); err != nil {
			s.writeError(w, r, land.PrefixField(err, "parcels"))
			return
		}
		ps, err := decodeParcels(in.Parcels)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		sup.Parcels = ps
	}
	res, err := s.svc.CreateSupply(r.Context(), scope(r), &sup)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/supplies/"+strconv.FormatInt(sup.ID, 10))
	w.Header().Set("ETag", etag(sup.Version))
	s.writeJSON(w, http.StatusCreated, "", res)
}

func (s *Server) getSupply(w http.ResponseWriter, r *http.Request) {
	sup, err := s.svc.GetSupply(r.Context(), scope(r), mux.Vars(r)["id"])
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if wantsGeoJSON(r) {
		w.Header().Set("ETag", `"v`+strconv.Itoa(sup.Version)+`-geo"`)
		w.Header().Set("Vary", "Accept")
		s.writeJSON(w, http.StatusOK, "application/geo+json", supplyFeatures(sup))
		return
	}
	w.Header().Set("ETag", etag(sup.Version))
	w.Header().Set("Vary", "Accept")
	s.writeJSON(w, http.StatusOK, "", sup)
}

func wantsGeoJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/geo+json") || r.URL.Query().Get("f") == "geojson"
}

// listPage is the body of every list response.
type listPage[T any] struct {
	Items []T     `json:"items"`
	Total int     `json:"total"`
	Next  *string `json:"next"`
}

func (s *Server) listSupplies(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := parseSupplyFilter(q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	items, total, more, err := s.svc.ListSupplies(r.Context(), scope(r), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeKeyset(s, w, r.URL, items, total, more, func(x land.Supply) int64 { return x.ID })
}

// writeKeyset answers one page of a list read in id order; the cursor of
// the next page is the last id.
func writeKeyset[T any](s *Server, w http.ResponseWriter, u *url.URL, items []T, total int, more bool, id func(T) int64) {
	page := listPage[T]{Items: items, Total: total}
	if page.Items == nil {
		page.Items = []T{}
	}
	if more {
		next := nextLink(u, strconv.FormatInt(id(items[len(items)-1]), 10))
		page.Next = &next
	}
	s.writeJSON(w, http.StatusOK, "", page)
}

// nextLink is the URL of the page after cursor, keeping every filter.
func nextLink(u *url.URL, cursor string) string {
	q := u.Query()
	q.Set("cursor", cursor)
	return u.Path + "?" + q.Encode()
}

func (s *Server) patchSupply(w http.ResponseWriter, r *http.Request) {
	version, err := ifMatchVersion(r, true)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	body, err := readBody(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		s.writeError(w, r, land.Invalid("body", "a JSON object of the fields to change is expected: %v", err))
		return
	}
	for _, k := range []string{"id", "version", "stage", "parcels", "events", "created_at", "updated_at", "updated_by", "kind"} {
		if _, ok := fields[k]; ok {
			s.writeError(w, r, land.Invalid(k, "cannot be changed with PATCH"))
			return
		}
	}
	res, err := s.svc.UpdateSupply(r.Context(), scope(r), mux.Vars(r)["id"], version, func(cur *land.Supply) error {
		return strictUnmarshal(body, cur)
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(res.Version))
	s.writeJSON(w, http.StatusOK, "", res)
}

func (s *Server) addEvent(w http.ResponseWriter, r *http.Request) {
	var e land.Event
	if err := decodeJSON(r, &e); err != nil {
		s.writeError(w, r, err)
		return
	}
	ev, stage, err := s.svc.AddEvent(r.Context(), scope(r), mux.Vars(r)["id"], e)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusCreated, "", struct {
		Event land.Event `json:"event"`
		Stage land.Stage `json:"stage"`
	}{ev, stage})
}

func (s *Server) history(w http.ResponseWriter, r *http.Request) {
	versions, err := s.svc.History(r.Context(), scope(r), mux.Vars(r)["id"], false)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{"items": versions, "total": len(versions), "next": nil})
}
