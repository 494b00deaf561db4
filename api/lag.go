package api

import (
	"net/http"

	"landwatch/land"
)

// lag is GET /lag?from=DATE: how many working days an event of the day
// DATE recorded now would be entered after it, and whether that is late
// (past the working days the rules allow, LANDWATCH's late-days setting) —
// what the clerk sees before saving, measured as the store will measure
// it (DESIGN §4.1).
func (s *Server) lag(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "from"); err != nil {
		return err
	}
	from, err := dateParam(q, "from", true)
	if err != nil {
		return err
	}
	rules := s.svc.Rules()
	today := rules.Today()
	if from.After(today) {
		return land.Invalid("from", "%s is in the future (today is %s)", from, today)
	}
	n, late := rules.Lag(from, rules.Now())
	s.writeJSON(w, http.StatusOK, "", struct {
		From        land.Date `json:"from"`
		Today       land.Date `json:"today"`
		WorkingDays int       `json:"working_days"`
		Allowed     int       `json:"allowed"`
		Late        bool      `json:"late"`
	}{from, today, n, rules.LateDays, late})
	return nil
}
