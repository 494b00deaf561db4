package api

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"landwatch/land"
	"landwatch/sql"
)

// planFixed are the fields landwatch sets: a PATCH may not send them.
var planFixed = []string{"id", "version", "created_at", "updated_at", "updated_by", "lag_workdays", "late",
	"total_ha", "progress", "review_status", "review_reason", "reviewed_by", "submitted_by"}

// createPlan is POST /plans: a region's supply plan of a year, waiting for
// review.
func (s *Server) createPlan(w http.ResponseWriter, r *http.Request) error {
	var in land.Plan
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	out, err := s.svc.CreatePlan(r.Context(), scope(r), &in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/plans/"+strconv.FormatInt(out.ID, 10))
	w.Header().Set("ETag", etag(out.Version))
	s.writeJSON(w, http.StatusCreated, "", out)
	return nil
}

// getPlan is GET /plans/{id, or region-year}: the plan with its progress
// against the approved supplies of its region and year.
func (s *Server) getPlan(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r.URL.Query()); err != nil {
		return err
	}
	p, err := s.svc.GetPlan(r.Context(), scope(r), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(p.Version))
	s.writeJSON(w, http.StatusOK, "", p)
	return nil
}

// listPlans is GET /plans with filters region (subtree), year, review,
// late=true, and keyset pages (cursor, limit).
func (s *Server) listPlans(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, append(planParams, "cursor", "limit")...); err != nil {
		return err
	}
	f, err := parsePlanFilter(r)
	if err != nil {
		return err
	}
	items, total, more, err := s.svc.ListPlans(r.Context(), scope(r), f)
	if err != nil {
		return err
	}
	writeKeyset(s, w, r.URL, items, total, more, func(x land.Plan) int64 { return x.ID })
	return nil
}

// parseYear reads a year filter: empty, or a year from 1990 to 2100.
func parseYear(v string) (int, error) {
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 1990 || y > 2100 {
		return 0, land.Invalid("year", "%q is not a year from 1990 to 2100", v)
	}
	return y, nil
}

// planParams are the filters of the plans list (and export).
var planParams = []string{"region", "year", "review", "late"}

// parsePlanFilter reads the plan list's filters and page.
func parsePlanFilter(r *http.Request) (sql.PlanFilter, error) {
	q := r.URL.Query()
	var f sql.PlanFilter
	var err error
	if f.Review, f.Region, err = parseReviewRegion(q); err != nil {
		return f, err
	}
	if f.Year, err = parseYear(q.Get("year")); err != nil {
		return f, err
	}
	if f.Late, err = parseBool(q.Get("late"), "late"); err != nil {
		return f, err
	}
	f.After, f.Limit, err = parseKeysetPage(q, 1000)
	return f, err
}
