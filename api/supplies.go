package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

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

func wantsGeoJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/geo+json") || r.URL.Query().Get("f") == "geojson"
}

// listPage is the body of every list response.
type listPage[T any] struct {
	Items []T     `json:"items"`
	Total int     `json:"total"`
	Next  *string `json:"next"`
}

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

// newEvent clears what landwatch sets on an event sent by a user (who
// recorded it, that it was imported) and refuses a recording time: the
// lag of an entry is measured, never declared.
func newEvent(e *land.Event) error {
	e.ID, e.Imported, e.RecordedBy = 0, false, ""
	if !e.RecordedAt.IsZero() {
		return land.Invalid("recorded_at", "is set by landwatch when the event is recorded")
	}
	return nil
}

func (s *Server) addEvent(w http.ResponseWriter, r *http.Request) error {
	var e land.Event
	if err := decodeJSON(r, &e); err != nil {
		return err
	}
	if err := newEvent(&e); err != nil {
		return err
	}
	ev, stage, err := s.store.AddEvent(r.Context(), actor(r), mux.Vars(r)["id"], e)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusCreated, "", struct {
		Event land.Event `json:"event"`
		Stage land.Stage `json:"stage"`
	}{ev, stage})
	return nil
}

func (s *Server) history(w http.ResponseWriter, r *http.Request) error {
	versions, err := s.store.History(r.Context(), mux.Vars(r)["id"], false)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{"items": versions, "total": len(versions), "next": nil})
	return nil
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
