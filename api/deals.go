package api

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"landwatch/land"
	"landwatch/sql"
)

// dealFixed are the fields landwatch sets or that name the lot: a PATCH
// may not send them.
var dealFixed = []string{"id", "version", "created_at", "updated_at", "updated_by", "lag_workdays", "late",
	"review_status", "review_reason", "reviewed_by", "submitted_by", "announcement_id", "announcement_number",
	"lot_id", "lot_number", "region_code"}

// createDeal is POST /deals: the deal publicity of a lot named by lot_id,
// or announcement_id (or announcement_number with region_code) and
// lot_number; waiting for review.
func (s *Server) createDeal(w http.ResponseWriter, r *http.Request) error {
	var in land.Deal
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	out, err := s.svc.CreateDeal(r.Context(), scope(r), &in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/deals/"+strconv.FormatInt(out.ID, 10))
	w.Header().Set("ETag", etag(out.Version))
	s.writeJSON(w, http.StatusCreated, "", out)
	return nil
}

// getDeal is GET /deals/{id}.
func (s *Server) getDeal(w http.ResponseWriter, r *http.Request) error {
	d, err := s.svc.GetDeal(r.Context(), scope(r), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(d.Version))
	s.writeJSON(w, http.StatusOK, "", d)
	return nil
}

// listDeals is GET /deals with filters region (subtree), announcement
// (id), review, from/to (deal date), q (free text), late=true.
func (s *Server) listDeals(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, append(dealParams, "cursor", "limit")...); err != nil {
		return err
	}
	f, err := parseDealFilter(r)
	if err != nil {
		return err
	}
	items, total, more, err := s.svc.ListDeals(r.Context(), scope(r), f)
	if err != nil {
		return err
	}
	writeKeyset(s, w, r.URL, items, total, more, func(x land.Deal) int64 { return x.ID })
	return nil
}

// patchDeal is PATCH /deals/{id}; If-Match must name the current version.
func (s *Server) patchDeal(w http.ResponseWriter, r *http.Request) error {
	version, err := s.ifMatchVersion(r, true)
	if err != nil {
		return err
	}
	body, err := patchBody(r, dealFixed...)
	if err != nil {
		return err
	}
	d, err := s.svc.UpdateDeal(r.Context(), scope(r), mux.Vars(r)["id"], version, func(cur *land.Deal) error {
		return strictUnmarshal(body, cur)
	})
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(d.Version))
	s.writeJSON(w, http.StatusOK, "", d)
	return nil
}

// dealParams are the filters of the deals list (and export).
var dealParams = []string{"region", "announcement", "review", "from", "to", "q", "late"}

// parseDealFilter reads the deal list's filters.
func parseDealFilter(r *http.Request) (sql.DealFilter, error) {
	q := r.URL.Query()
	l, err := parseRecordList(q)
	if err != nil {
		return sql.DealFilter{}, err
	}
	f := sql.DealFilter{Review: l.Review, Region: l.Region, From: l.From, To: l.To, Text: l.Text, Late: l.Late, After: l.After, Limit: l.Limit}
	if v := q.Get("announcement"); v != "" {
		if f.Announcement, err = strconv.ParseInt(v, 10, 64); err != nil || f.Announcement <= 0 {
			return f, land.Invalid("announcement", "an announcement's numeric id, not %q", v)
		}
	}
	return f, nil
}
