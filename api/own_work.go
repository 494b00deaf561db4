package api

import (
	"net/http"
	"net/url"

	"landwatch/land"
	"landwatch/sql"
)

// ownWork reads the filters of a person's own work from q: mine=true keeps
// the supplies the signed-in account submitted for review (whatever the
// review made of them since), late=true those entered past the deadline
// after their contract date.
func ownWork(q url.Values, sc land.Scope, f *sql.SupplyFilter) error {
	for _, name := range []string{"mine", "late"} {
		switch v := q.Get(name); v {
		case "", "false":
		case "true":
			if name == "late" {
				f.Late = true
			} else if f.SubmittedBy = sc.Actor(); f.SubmittedBy == "" {
				return land.Invalid("mine", "is for a signed-in account")
			}
		default:
			return land.Invalid(name, "%q is not true or false", v)
		}
	}
	return nil
}

// lateEvents is GET /late-events?mine=true&limit=N: development events
// entered late in the caller's region, newest entry first; mine=true keeps
// those the caller recorded. At most limit (50 unless given, up to 500).
func (s *Server) lateEvents(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "mine", "limit"); err != nil {
		return err
	}
	var f sql.SupplyFilter
	if err := ownWork(q, scope(r), &f); err != nil {
		return err
	}
	limit, err := parseLimit(q.Get("limit"), 500)
	if err != nil {
		return err
	}
	items, total, err := s.svc.LateEvents(r.Context(), scope(r), f.SubmittedBy, limit)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{"items": items, "total": total, "next": nil})
	return nil
}
