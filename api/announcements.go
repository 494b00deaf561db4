package api

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"landwatch/land"
	"landwatch/sql"
)

// announcementFixed are the fields landwatch sets: a PATCH may not send
// them. Lots are sent whole (matched by number); their parcels change
// through PUT …/lots/{lot}/parcels.
var announcementFixed = []string{"id", "version", "created_at", "updated_at", "updated_by", "lag_workdays", "late",
	"review_status", "review_reason", "reviewed_by", "submitted_by", "plan"}

// createAnnouncement is POST /announcements: a transfer announcement with
// its lots, waiting for review. Its answer carries the warnings of the
// checks (a notice shorter than Order 39's 20 days among them).
func (s *Server) createAnnouncement(w http.ResponseWriter, r *http.Request) error {
	var in land.Announcement
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	for i := range in.Lots {
		in.Lots[i].Parcels = nil // boundaries come through their own route, on the internal network
	}
	out, err := s.svc.CreateAnnouncement(r.Context(), scope(r), &in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/announcements/"+strconv.FormatInt(out.ID, 10))
	w.Header().Set("ETag", etag(out.Version))
	s.writeJSON(w, http.StatusCreated, "", out)
	return nil
}

// getAnnouncement is GET /announcements/{id}: the announcement with its
// lots, each with its deal and the supply it became; as GeoJSON when
// asked, the lots' boundaries with the lot's number and status.
func (s *Server) getAnnouncement(w http.ResponseWriter, r *http.Request) error {
	a, err := s.svc.GetAnnouncement(r.Context(), scope(r), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	w.Header().Set("Vary", "Accept")
	if wantsGeoJSON(r) {
		fc := parcelFeatures(map[string]any{}, nil)
		for _, l := range a.Lots {
			lot := parcelFeatures(map[string]any{"announcement_id": a.ID, "announcement_number": a.Number,
				"lot_number": l.Number, "status": l.Status}, l.Parcels)
			fc.Features = append(fc.Features, lot.Features...)
		}
		w.Header().Set("ETag", `"v`+strconv.Itoa(a.Version)+`-geo"`)
		s.writeJSON(w, http.StatusOK, "application/geo+json", fc)
		return nil
	}
	w.Header().Set("ETag", etag(a.Version))
	s.writeJSON(w, http.StatusOK, "", a)
	return nil
}

// listAnnouncements is GET /announcements with filters region (subtree),
// method, review, from/to (announcement date), q (free text), late=true.
func (s *Server) listAnnouncements(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, append(announcementParams, "cursor", "limit")...); err != nil {
		return err
	}
	f, err := parseAnnouncementFilter(r)
	if err != nil {
		return err
	}
	items, total, more, err := s.svc.ListAnnouncements(r.Context(), scope(r), f)
	if err != nil {
		return err
	}
	writeKeyset(s, w, r.URL, items, total, more, func(x land.Announcement) int64 { return x.ID })
	return nil
}

// patchAnnouncement is PATCH /announcements/{id} with the fields to change
// (lots sent whole); If-Match must name the current version.
func (s *Server) patchAnnouncement(w http.ResponseWriter, r *http.Request) error {
	version, err := s.ifMatchVersion(r, true)
	if err != nil {
		return err
	}
	body, err := patchBody(r, announcementFixed...)
	if err != nil {
		return err
	}
	a, err := s.svc.UpdateAnnouncement(r.Context(), scope(r), mux.Vars(r)["id"], version, func(cur *land.Announcement) error {
		return strictUnmarshal(body, cur)
	})
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(a.Version))
	s.writeJSON(w, http.StatusOK, "", a)
	return nil
}

// supplyChain is GET /supplies/{id}/chain: the plan, announcement, lot and
// deal the supply came from.
func (s *Server) supplyChain(w http.ResponseWriter, r *http.Request) error {
	c, err := s.svc.SupplyChain(r.Context(), scope(r), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", c)
	return nil
}

// announcementParams are the filters of the announcements list (and export).
var announcementParams = []string{"region", "method", "review", "from", "to", "q", "late"}

// parseAnnouncementFilter reads the announcement list's filters.
func parseAnnouncementFilter(r *http.Request) (sql.AnnouncementFilter, error) {
	q := r.URL.Query()
	l, err := parseRecordList(q)
	if err != nil {
		return sql.AnnouncementFilter{}, err
	}
	f := sql.AnnouncementFilter{Review: l.Review, Region: l.Region, From: l.From, To: l.To, Text: l.Text, Late: l.Late, After: l.After, Limit: l.Limit}
	if v := q.Get("method"); v != "" {
		if f.Method, err = land.ParseSaleMethod(v); err != nil {
			return f, err
		}
	}
	return f, nil
}
