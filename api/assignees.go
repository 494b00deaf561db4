package api

import (
	"net/http"

	"landwatch/land"
)

// listAssignees is GET /assignees?region=&role=: the accounts of the
// region (the caller's when none is given) a finding may be assigned to,
// by name, for the inspector who picks one.
func (s *Server) listAssignees(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "region", "role"); err != nil {
		return err
	}
	region := q.Get("region")
	if region == "" {
		region = callerOf(r).user.Region
	}
	items, err := s.svc.Assignees(r.Context(), scope(r), region, land.Role(q.Get("role")))
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{"items": items, "total": len(items), "next": nil})
	return nil
}
