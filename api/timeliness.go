package api

import (
	"net/http"

	"landwatch/land"
)

// timeliness is GET /timeliness?region=&from=&to=: events recorded on time
// and late, by the regions one level below region.
func (s *Server) timeliness(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "region", "from", "to"); err != nil {
		return err
	}
	region := q.Get("region")
	if region != "" && (len(region) != 6 || !digits(region)) {
		return land.Invalid("region", "%q is not a 6-digit region code", region)
	}
	var days [2]land.Date
	for i, name := range []string{"from", "to"} {
		d, err := dateParam(q, name, false)
		if err != nil {
			return err
		}
		days[i] = d
	}
	items, err := s.svc.Timeliness(r.Context(), scope(r), region, days[0], days[1])
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{"items": items, "total": len(items), "next": nil})
	return nil
}
