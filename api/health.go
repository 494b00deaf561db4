package api

import (
	"context"
	"net/http"
	"strconv"
	"time"
)

// health is GET /healthz: 200 once the database answers and the index is
// loaded and following the change feed, 503 otherwise, saying which of
// database, index and feed is the problem. It is public, so it names no
// host, user, database or socket: those are logged.
func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	h := s.svc.Health(ctx)
	body := map[string]string{"status": "ok", "database": h.Database, "index": h.Index, "feed": h.Feed}
	code := http.StatusOK
	if !h.OK() {
		body["status"], code = "unavailable", http.StatusServiceUnavailable
		body["reason"] = h.Reason()
	} else if s.ready != nil {
		if err := s.ready(ctx); err != nil {
			s.log.Warn("health: not ready", "err", err)
			body["status"], body["reason"], code = "unavailable", "starting", http.StatusServiceUnavailable
		}
	}
	if callerOf(r).user != nil {
		// Tile reads are written to the audit log in sums every few
		// seconds: how many wait is shown to those who may ask.
		body["audit_pending_tile_reads"] = strconv.Itoa(s.tiles.pending())
	}
	w.Header().Set("Cache-Control", "no-store")
	if code == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", retryAfterSeconds)
	}
	s.writeJSON(w, code, "", body)
	return nil
}
