package api

import (
	"context"
	"net/http"

	"github.com/gorilla/mux"

	"landwatch/land"
	"landwatch/sql"
)

// historyReader reads the versions of one record (a supply, a reserve …)
// by its key, with or without its parcels' boundaries.
type historyReader func(ctx context.Context, sc land.Scope, key string, withGeometry bool) ([]sql.Version, error)

// history is GET /supplies/{id}/history?geometry=: every version of the
// supply and of its parts; with geometry=true each parcel version carries
// its boundary (GeoJSON in CGCS2000), for a reviewer who compares the
// boundary before and after a change.
func (s *Server) history(w http.ResponseWriter, r *http.Request) error {
	return s.historyOf(s.svc.History)(w, r)
}

// historyOf is the history route of a record type read by read.
func (s *Server) historyOf(read historyReader) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		q := r.URL.Query()
		if err := onlyParams(q, "geometry"); err != nil {
			return err
		}
		withGeometry, err := parseBool(q.Get("geometry"), "geometry")
		if err != nil {
			return err
		}
		versions, err := read(r.Context(), scope(r), mux.Vars(r)["id"], withGeometry)
		if err != nil {
			return err
		}
		s.writeJSON(w, http.StatusOK, "", map[string]any{"items": versions, "total": len(versions), "next": nil})
		return nil
	}
}
