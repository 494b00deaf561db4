package api

import (
	"net/http"
)

// publicRegions is GET /public/regions: the regions holding published supply
// results and the provinces and cities above them, with their names, for the
// public page's region picker. No sign-in; names and codes only.
func (s *Server) publicRegions(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r.URL.Query()); err != nil {
		return err
	}
	items, err := s.svc.PublicRegions(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	s.writeJSON(w, http.StatusOK, "", map[string]any{"items": items})
	return nil
}
