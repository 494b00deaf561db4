package api

import (
	"net/http"
	"time"

	"landwatch/land"
)

// publicIdleLand is GET /public/idle-land: determined idle land as the law
// has it published — location in words, holder, how long idle; never
// coordinates. No sign-in.
func (s *Server) publicIdleLand(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r.URL.Query()); err != nil {
		return err
	}
	items, err := s.store.PublicIdleLand(r.Context(), land.DateOf(time.Now()))
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	s.writeJSON(w, http.StatusOK, "", map[string]any{"items": items, "total": len(items), "next": nil})
	return nil
}
