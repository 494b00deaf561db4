package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"time"

	"landwatch/sql"
)

// tileReads counts tile reads per user and address until they are written
// to the audit log, once a minute, as one entry each.
type tileReads struct {
	mu     sync.Mutex
	counts map[tileReader]int
}

type tileReader struct{ name, role, address string }

func (t *tileReads) add(k tileReader) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.counts == nil {
		t.counts = map[tileReader]int{}
	}
	t.counts[k]++
}

func (t *tileReads) take() map[tileReader]int {
	t.mu.Lock()
	defer t.mu.Unlock()
	c := t.counts
	t.counts = nil
	return c
}

// audit records a guarded request in the audit log once it was answered:
// every write (with its status), and every read of coordinates — tile
// reads summed per user per minute by RecordTileReads.
func (s *Server) audit(a Access, c caller, r *http.Request, status int) {
	if c.user == nil {
		return // the public reads nothing confidential; its one write, signing in, records itself
	}
	coords := a.coords(r)
	e := sql.AuditEntry{Actor: "public", Address: addrText(c), Target: r.URL.Path}
	if c.user != nil {
		e.Actor, e.Role = c.user.Name, string(c.user.Role)
	}
	switch {
	case unsafeMethod(r.Method):
		e.Action = a.Action
		if e.Action == "" {
			e.Action = "write"
		}
	case a.Action == actionTiles:
		if status == http.StatusOK {
			s.tiles.add(tileReader{e.Actor, e.Role, e.Address})
		}
		return
	case coords:
		e.Action = "read_coordinates"
	case a.Action == "export":
		e.Action = "export"
	default:
		return
	}
	e.Detail, _ = json.Marshal(map[string]any{"method": r.Method, "status": status, "query": r.URL.RawQuery})
	// The answer is sent; the entry must not be lost with the client's
	// connection, so it is written under its own deadline.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 10*time.Second)
	defer cancel()
	if err := s.svc.Audit(ctx, e); err != nil {
		s.log.Error("audit log", "err", err, "action", e.Action, "target", e.Target)
	}
}

// actionTiles marks the tile route, whose reads are summed per minute.
const actionTiles = "read_tiles"

func addrText(c caller) string {
	if !c.address.IsValid() {
		return ""
	}
	return c.address.String()
}

// RecordTileReads writes the tile reads of each minute to the audit log
// until ctx ends; FlushTileReads writes what is left after serving stops.
func (s *Server) RecordTileReads(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.FlushTileReads(ctx)
		}
	}
}

// FlushTileReads writes the tile reads counted so far to the audit log.
func (s *Server) FlushTileReads(ctx context.Context) {
	counts := s.tiles.take()
	if len(counts) == 0 {
		return
	}
	entries := make([]sql.AuditEntry, 0, len(counts))
	for k, n := range counts {
		entries = append(entries, sql.AuditEntry{Actor: k.name, Role: k.role, Address: k.address, Action: "read_coordinates",
			Target: "tiles", Detail: json.RawMessage(`{"tiles":` + strconv.Itoa(n) + `}`)})
	}
	if err := s.svc.Audit(ctx, entries...); err != nil {
		s.log.Error("audit log: tile reads", "err", err, "readers", len(entries))
	}
}
