package api

import (
	"net/http"
	"strconv"

	"landwatch/land"
)

// workdays is GET /workdays?from=DATE&add=N: the last allowed day of
// "within N working days after DATE" (DESIGN §4.1), and, when a counted day
// falls in a year without a State Council arrangement, the days off that
// were assumed there (land.Deadline).
func (s *Server) workdays(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "from", "add"); err != nil {
		return err
	}
	from, err := dateParam(q, "from", true)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(q.Get("add"))
	if err != nil || n < 0 || n > 3650 {
		return land.Invalid("add", "%q is not a number of working days from 0 to 3650", q.Get("add"))
	}
	if s.calendar == nil {
		return land.Errorf(land.CodeInternal, "no working-day calendar is loaded")
	}
	s.writeJSON(w, http.StatusOK, "", s.calendar.Deadline(from, n))
	return nil
}
