package api

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gorilla/mux"

	"landwatch/land"
	"landwatch/sql"
)

// publicSupplies is GET /public/supplies: the published supply results
// (供地结果公示) of approved supplies, in pages — location in words, never
// coordinates. No sign-in. Filters: region (6-digit code, its subtree),
// method, land_use (a GB/T 21010 code or name), from and to (contract date), q (project name, location, holder or
// number), collective (true: collective land, false: state land), cursor and limit (1–500).
func (s *Server) publicSupplies(w http.ResponseWriter, r *http.Request) error {
	f, err := parsePublicSupplyFilter(r.URL.Query())
	if err != nil {
		return err
	}
	items, total, more, err := s.svc.PublicSupplies(r.Context(), f)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeKeyset(s, w, r.URL, items, total, more, func(p sql.PublicSupply) int64 { return p.ID })
	return nil
}

// publicSupply is GET /public/supplies/{number}: one published supply
// result by its e-supervision number; 404 unless the supply is approved.
func (s *Server) publicSupply(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r.URL.Query()); err != nil {
		return err
	}
	n, err := land.ParseENumber(mux.Vars(r)["number"])
	if err != nil {
		var le *land.Error
		if errors.As(err, &le) {
			err = land.Invalid("number", "%s", le.Message)
		}
		return err
	}
	p, err := s.svc.PublicSupply(r.Context(), n.String())
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	s.writeJSON(w, http.StatusOK, "", p)
	return nil
}

// parsePublicSupplyFilter reads the filters of GET /public/supplies
// strictly: an unknown parameter or a malformed value is an error naming it.
func parsePublicSupplyFilter(q url.Values) (sql.PublicSupplyFilter, error) {
	if err := onlyParams(q, "region", "method", "land_use", "from", "to", "q", "collective", "cursor", "limit"); err != nil {
		return sql.PublicSupplyFilter{}, err
	}
	f, err := parseSupplyParams(q, sql.MaxPublicPage)
	if err != nil {
		return sql.PublicSupplyFilter{}, err
	}
	return sql.PublicSupplyFilter{Region: f.Region, Method: f.Method, LandUse: f.LandUse, From: f.From, To: f.To, Text: f.Text,
		Collective: f.Collective, After: f.After, Limit: f.Limit}, nil
}
