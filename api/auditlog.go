package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"time"

	"landwatch/land"
	"landwatch/sql"
)

// tileReadsEvery is how often the summed tile reads are written to the
// audit log: a crash loses at most these seconds of them, and the count
// not yet written is in /healthz for signed-in callers.
const tileReadsEvery = 5 * time.Second

// tileReads counts tile reads per user and address until they are written
// to the audit log as one entry each.
type tileReads struct {
	mu     sync.Mutex
	counts map[tileReader]int
}

type tileReader struct{ name, role, address string }

func (t *tileReads) add(k tileReader, n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.counts == nil {
		t.counts = map[tileReader]int{}
	}
	t.counts[k] += n
}

func (t *tileReads) take() map[tileReader]int {
	t.mu.Lock()
	defer t.mu.Unlock()
	c := t.counts
	t.counts = nil
	return c
}

// pending is how many tile reads are not yet in the audit log.
func (t *tileReads) pending() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, c := range t.counts {
		n += c
	}
	return n
}

// act is what a guarded request asks for, as the audit entry of every
// change it makes says (land.Scope.Acting).
func (a Access) act(r *http.Request) land.Act {
	action := a.Action
	if action == "" {
		action = "write"
	}
	return land.Act{Action: action, Target: r.URL.Path, Method: r.Method, Query: r.URL.RawQuery}
}

// readAction is the audit action of a request that reads coordinates or
// exports (recorded before it is answered), or "" for other requests: the
// writes, which the store records in the transaction of each change, and
// the tiles, summed by RecordTileReads.
func (a Access) readAction(r *http.Request) string {
	switch {
	case a.Action == actionTiles:
		return ""
	case a.Action == "export" || a.Action == "read_coordinates":
		return a.Action
	case unsafeMethod(r.Method):
		return ""
	case a.coords(r):
		return "read_coordinates"
	}
	return ""
}

// auditRead records a signed-in user's read of coordinates or export
// before it is answered: when the entry cannot be written the read is
// refused (503) and no coordinate leaves.
func (s *Server) auditRead(a Access, c caller, r *http.Request) error {
	action := a.readAction(r)
	if c.user == nil || action == "" {
		return nil
	}
	e := s.entryOf(c, action, r)
	e.Detail, _ = json.Marshal(map[string]any{"method": r.Method, "query": r.URL.RawQuery})
	return s.svc.Audit(r.Context(), e)
}

// auditAnswered records what is known only once a guarded request was
// answered: a tile read (summed), and a write refused (4xx, 5xx), which
// changed nothing and so was recorded by no transaction. It is written
// after the answer, and a failure to write it is logged.
func (s *Server) auditAnswered(a Access, c caller, r *http.Request, status int) {
	if c.user == nil {
		return // the public reads nothing confidential; its one write, signing in, records itself
	}
	if a.Action == actionTiles {
		if status == http.StatusOK {
			s.tiles.add(tileReader{c.user.Name, string(c.user.Role), addrText(c)}, 1)
		}
		return
	}
	if !unsafeMethod(r.Method) || a.readAction(r) != "" || status < http.StatusBadRequest {
		return
	}
	act := a.act(r)
	e := s.entryOf(c, act.Action, r)
	e.Detail, _ = json.Marshal(map[string]any{"method": r.Method, "status": status, "query": r.URL.RawQuery})
	// The answer is sent; the entry must not be lost with the client's
	// connection, so it is written under its own deadline.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 10*time.Second)
	defer cancel()
	if err := s.svc.Audit(ctx, e); err != nil {
		s.log.Error("audit log", "err", err, "action", e.Action, "target", e.Target)
	}
}

func (s *Server) entryOf(c caller, action string, r *http.Request) sql.AuditEntry {
	return sql.AuditEntry{Actor: c.user.Name, Role: string(c.user.Role), Address: addrText(c), Action: action, Target: r.URL.Path}
}

// actionTiles marks the tile route, whose reads are summed.
const actionTiles = "read_tiles"

func addrText(c caller) string {
	if !c.address.IsValid() {
		return ""
	}
	return c.address.String()
}

// RecordTileReads writes the tile reads counted every few seconds
// (tileReadsEvery) to the audit log until ctx ends; FlushTileReads writes
// what is left after serving stops.
func (s *Server) RecordTileReads(ctx context.Context) {
	t := time.NewTicker(tileReadsEvery)
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
// Reads it could not write are counted again, to be written by the next
// flush, and the log says how many wait.
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
		for k, n := range counts {
			s.tiles.add(k, n)
		}
		s.log.Error("audit log: tile reads", "err", err, "readers", len(entries), "pending_tile_reads", s.tiles.pending())
	}
}

// PendingTileReads is how many tile reads are counted but not yet in the
// audit log.
func (s *Server) PendingTileReads() int { return s.tiles.pending() }
