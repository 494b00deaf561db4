package api

import (
	"net/http"

	"github.com/gorilla/mux"
)

// history is GET /supplies/{id}/history: every version of the supply, with
// its boundaries.
func (s *Server) history(w http.ResponseWriter, r *http.Request) error {
	versions, err := s.svc.History(r.Context(), scope(r), mux.Vars(r)["id"], false)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{"items": versions, "total": len(versions), "next": nil})
	return nil
}
