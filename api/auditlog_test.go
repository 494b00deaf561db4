package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"landwatch/land"
	"landwatch/sql/sqltest"
)

// The audit log fails closed: a write commits with its entry or not at
// all, and coordinates leave only once their reading is recorded. A trigger
// that refuses every new entry stands for a full disk.
func TestAnAuditLogThatCannotBeWrittenRefusesWritesAndCoordinateReads(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	ctx := context.Background()

	resp, body := c.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00071", square(115.78, 39.26, 0.001))))
	c.status(http.StatusCreated, resp, body)
	var n int
	if err := ts.store.Pool().QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE action = 'write' AND target = '/api/v1/supplies'
AND detail->>'method' = 'POST'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("the create's audit entries: %d, %v", n, err)
	}

	ts.refuseAuditEntries(t, "true")

	t.Run("a write is refused and leaves nothing", func(t *testing.T) {
		resp, body := c.as(t).do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00072", square(115.80, 39.26, 0.001))))
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Errorf("status %d (Retry-After %q), want 503: %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
		}
		var n int
		if err := ts.store.Pool().QueryRow(ctx, `SELECT count(*) FROM supply WHERE e_number = '1306262026B00072'`).Scan(&n); err != nil || n != 0 {
			t.Errorf("the refused supply is in the register: %d, %v", n, err)
		}
		resp, body = c.as(t).do("GET", "/api/v1/supplies/1306262026B00071", nil, nil)
		c.as(t).status(http.StatusOK, resp, body)
		resp, body = c.as(t).do("PATCH", "/api/v1/supplies/1306262026B00071", http.Header{"If-Match": {resp.Header.Get("ETag")}},
			[]byte(`{"project_name":"无审计不得修改"}`))
		if resp.StatusCode < 500 {
			t.Errorf("a change answered %d: %s", resp.StatusCode, body)
		}
		_, body = c.as(t).do("GET", "/api/v1/supplies/1306262026B00071", nil, nil)
		if strings.Contains(string(body), "无审计不得修改") {
			t.Errorf("the refused change was kept: %s", body)
		}
	})

	t.Run("a read of coordinates is refused before any leaves", func(t *testing.T) {
		for _, path := range []string{"/api/v1/supplies/1306262026B00071?f=geojson", "/api/v1/supplies?bbox=115.7,39.2,115.9,39.3",
			"/api/v1/supplies/1306262026B00071/history"} {
			resp, body := c.as(t).do("GET", path, nil, nil)
			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Errorf("%s: status %d, want 503", path, resp.StatusCode)
			}
			if found := sqltest.FindCoordinates(body); len(found) > 0 {
				t.Errorf("%s: coordinates left without their audit entry: %v", path, found)
			}
		}
	})

	t.Run("tile reads not yet written are counted and shown to the signed-in", func(t *testing.T) {
		resp, body := c.as(t).do("GET", tilePath(115.78, 39.26, 15), nil, nil)
		c.as(t).status(http.StatusOK, resp, body)
		ts.FlushTileReads(ctx) // refused: the read waits for the next flush
		if n := ts.PendingTileReads(); n != 1 {
			t.Errorf("%d tile reads pending, want 1", n)
		}
		_, body = c.as(t).do("GET", "/healthz", nil, nil)
		if !strings.Contains(string(body), `"audit_pending_tile_reads":"1"`) {
			t.Errorf("/healthz does not tell the pending tile reads: %s", body)
		}
		_, body = ts.anonymous(t).do("GET", "/healthz", nil, nil)
		if strings.Contains(string(body), "audit_pending") {
			t.Errorf("/healthz tells the public: %s", body)
		}
	})

	if _, err := ts.store.Pool().Exec(ctx, `DROP TRIGGER audit_disk_full ON audit_log`); err != nil {
		t.Fatal(err)
	}
	ts.FlushTileReads(ctx)
	if n := ts.PendingTileReads(); n != 0 {
		t.Errorf("%d tile reads still pending once the log takes entries again", n)
	}
	if rep, err := ts.store.VerifyAudit(ctx, nil); err != nil || !rep.Intact() {
		t.Errorf("audit verify: %+v %v", rep, err)
	}
}

// Audit entries record the query of each coordinate read; listed under the
// external profile or outside the internal networks, they show no value
// that could tell where land lies.
func TestAuditListingsShowNoPositionsOutside(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	for _, path := range []string{"/api/v1/findings?near=115.7807,39.2605&within=200", "/api/v1/overlaps?bbox=115.7,39.2,115.9,39.3&limit=5",
		"/api/v1/supplies?bbox=115.7%2C39.2%2C115.9%2C39.3"} {
		resp, body := c.do("GET", path, nil, nil)
		c.status(http.StatusOK, resp, body)
	}
	resp, body := c.do("GET", "/api/v1/audit?action=read_coordinates", nil, nil)
	c.status(http.StatusOK, resp, body)
	if !strings.Contains(string(body), "near=115.7807") {
		t.Fatalf("inside, the entries keep their queries: %s", body)
	}

	external := New(Config{Service: ts.svc, Log: logOnFailure(t), Profile: ProfileExternal, InternalNetworks: ts.internalNets})
	outside := &testServer{Server: New(Config{Service: ts.svc, Log: logOnFailure(t), Profile: "internal", InternalNetworks: ts.internalNets}),
		svc: ts.svc, store: ts.store}
	for _, tc := range []struct {
		name string
		srv  *Server
		peer string
	}{
		{"under the external profile", external, loopback},
		{"outside the internal networks", outside.Server, "203.0.113.9:5000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/api/v1/audit?limit=1000", nil)
			req.RemoteAddr = tc.peer
			req.Header.Set("Authorization", "Bearer "+c.token)
			rec := httptest.NewRecorder()
			tc.srv.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			if found := sqltest.FindCoordinates(rec.Body.Bytes()); len(found) > 0 {
				t.Errorf("the listing shows positions %v: %s", found, rec.Body)
			}
			var page struct {
				Items []struct {
					Action string `json:"action"`
					Detail struct {
						Query string `json:"query"`
					} `json:"detail"`
				} `json:"items"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil {
				t.Fatal(err)
			}
			reads := 0
			for _, e := range page.Items {
				if e.Action != "read_coordinates" {
					continue
				}
				reads++
				if strings.Contains(e.Detail.Query, "115") || strings.Contains(e.Detail.Query, "39.") {
					t.Errorf("an entry's query shows a position: %q", e.Detail.Query)
				}
			}
			if reads < 3 || !strings.Contains(rec.Body.String(), "limit=5") {
				t.Errorf("the reads are not listed, or with nothing but their positions hidden: %s", rec.Body)
			}
		})
	}
}
