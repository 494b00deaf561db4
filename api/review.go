package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"landwatch/land"
)

// reviewSupply is POST /supplies/{id}/review with {"decision": "approve" |
// "return", "reason"}: a reviewer of the supply's province decides.
// If-Match, when sent, must name the current version.
func (s *Server) reviewSupply(w http.ResponseWriter, r *http.Request) error {
	version, err := s.ifMatchVersion(r, false)
	if err != nil {
		return err
	}
	var in land.Review
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	sup, err := s.svc.Review(r.Context(), scope(r), mux.Vars(r)["id"], version, in)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(sup.Version))
	s.writeJSON(w, http.StatusOK, "", sup)
	return nil
}
