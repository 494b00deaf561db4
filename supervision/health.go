package supervision

import (
	"context"
	"strings"
	"time"
)

// Health says how each part the service answers from stands: "ok", or
// what is wrong in words that name no host, user, database or socket (the
// details are logged). It is what /healthz shows to anyone.
type Health struct {
	Database string `json:"database"`
	Index    string `json:"index"`
	Feed     string `json:"feed"`
}

// OK says whether every part is ok.
func (h Health) OK() bool { return h.Database == "ok" && h.Index == "ok" && h.Feed == "ok" }

// Health checks the database (through the small pool that signing in
// uses, so a main pool busy behind a lock does not read as an outage) and
// how the engine's index and its change feed stand.
func (s *Service) Health(ctx context.Context) Health {
	h := Health{Database: "ok", Index: "ok", Feed: "ok"}
	if err := s.store.Ping(ctx); err != nil {
		s.log.Warn("health: database unreachable", "err", err)
		h.Database = "unreachable"
	}
	e := s.engine
	e.mu.Lock()
	loaded, listening, lastErr, checkErr := e.loaded, e.listening, e.lastErr, e.checkErr
	behind := !e.wokenAt.IsZero() && time.Since(e.wokenAt) > behindAfter
	owed := e.status.PendingChecks > 0 && time.Since(e.status.PendingSince) > owedAfter
	e.mu.Unlock()
	switch {
	case !loaded && lastErr != nil:
		h.Index = "loading failed, retrying"
	case !loaded:
		h.Index = "loading"
	case behind:
		h.Index = "behind the committed changes"
	case checkErr != nil || owed:
		h.Index = "overlap checks owed"
	}
	switch {
	case !listening && lastErr != nil:
		h.Feed = "not connected, retrying"
	case !listening:
		h.Feed = "connecting"
	case lastErr != nil:
		h.Feed = "catching up failed, retrying"
	}
	if !h.OK() {
		if err := e.Ready(); err != nil {
			s.log.Warn("health: not ready", "err", err)
		}
	}
	return h
}

// Reason says in one line which parts are not ok ("database unreachable;
// feed connecting"), "" when all are.
func (h Health) Reason() string {
	var why []string
	for _, p := range []struct{ part, state string }{{"database", h.Database}, {"index", h.Index}, {"feed", h.Feed}} {
		if p.state != "ok" {
			why = append(why, p.part+" "+p.state)
		}
	}
	return strings.Join(why, "; ")
}
