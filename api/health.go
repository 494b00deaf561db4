package api

import (
	"context"
	"net/http"
	"strconv"
	"time"
)

// health is GET /healthz: 200 once the database answers and the index is
// loaded and following the change feed, 503 with the reason otherwise.
func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	status := map[string]string{"status": "ok"}
	code := http.StatusOK
	if err := s.svc.Ready(ctx); err != nil {
		status = map[string]string{"status": "unavailable", "reason": err.Error()}
		code = http.StatusServiceUnavailable
	} else if s.ready != nil {
		if err := s.ready(ctx); err != nil {
			status = map[string]string{"status": "unavailable", "reason": err.Error()}
			code = http.StatusServiceUnavailable
		}
	}
	if callerOf(r).user != nil {
		// Tile reads are written to the audit log in sums every few
		// seconds: how many wait is shown to those who may ask.
		status["audit_pending_tile_reads"] = strconv.Itoa(s.tiles.pending())
	}
	w.Header().Set("Cache-Control", "no-store")
	s.writeJSON(w, code, "", status)
	return nil
}
