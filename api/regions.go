package api

import (
	"net/http"

	"landwatch/land"
)

// listRegions is GET /regions?parent=CODE: the administrative divisions
// directly under CODE (without parent: the provinces), for picking a region
// by name (省 › 市 › 县). Divisions are public knowledge, so every signed-in
// user sees the whole table, whatever their own region.
func (s *Server) listRegions(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "parent"); err != nil {
		return err
	}
	parent := q.Get("parent")
	regions := s.svc.Rules().Regions
	if parent != "" {
		if _, ok := regions.Lookup(parent); !ok {
			return land.Errorf(land.CodeNotFound, "no division has the code %q", parent)
		}
	}
	items := regions.Children(parent)
	writePage(s, w, r.URL, items, 0, max(len(items), 1))
	return nil
}
