package api

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"landwatch/land"
	"landwatch/sql"
)

// publicPlans is GET /public/plans: the published supply plans (供地计划)
// of approved plans, in pages, each with its progress against the
// supplies. No sign-in. Filters: region (6-digit code, its subtree), year,
// cursor and limit (1–100).
func (s *Server) publicPlans(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "region", "year", "cursor", "limit"); err != nil {
		return err
	}
	var f sql.PublicPlanFilter
	var err error
	if _, f.Region, err = parseReviewRegion(q); err != nil {
		return err
	}
	if f.Year, err = parseYear(q.Get("year")); err != nil {
		return err
	}
	if f.After, f.Limit, err = parseKeysetPage(q, sql.MaxPublicPlanPage); err != nil {
		return err
	}
	items, total, more, err := s.svc.PublicPlans(r.Context(), f)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeKeyset(s, w, r.URL, items, total, more, func(p sql.PublicPlan) int64 { return p.ID })
	return nil
}

// publicPlan is GET /public/plans/{id}: one published plan; 404 unless it
// is approved.
func (s *Server) publicPlan(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r.URL.Query()); err != nil {
		return err
	}
	id, err := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
	if err != nil || id <= 0 {
		return land.Invalid("id", "%q is not a plan's id", mux.Vars(r)["id"])
	}
	p, err := s.svc.PublicPlan(r.Context(), id)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	s.writeJSON(w, http.StatusOK, "", p)
	return nil
}
