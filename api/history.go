package api

import (
	"net/http"

	"github.com/gorilla/mux"
)

// history is GET /supplies/{id}/history?geometry=: every version of the
// supply and of its parts; with geometry=true each parcel version carries
// its boundary (GeoJSON in CGCS2000), for a reviewer who compares the
// boundary before and after a change.
func (s *Server) history(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "geometry"); err != nil {
		return err
	}
	withGeometry, err := parseBool(q.Get("geometry"), "geometry")
	if err != nil {
		return err
	}
	versions, err := s.svc.History(r.Context(), scope(r), mux.Vars(r)["id"], withGeometry)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{"items": versions, "total": len(versions), "next": nil})
	return nil
}
