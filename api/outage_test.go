package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// newOutageServer is newTestServer with the database's limits set: a
// short lock timeout, so that a test of a held lock is quick.
func newOutageServer(t *testing.T, limits sql.Limits) *testServer {
	t.Helper()
	svc := sqltest.RunningWith(t, func(c *supervision.Config) { c.DB = limits })
	cfg := Config{Service: svc, Log: logOnFailure(t), Profile: "internal",
		InternalNetworks: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}
	return &testServer{Server: New(cfg), svc: svc, store: svc.Store()}
}

// A create sent again after its answer was lost answers the record it made
// (200), by the e-supervision number or by the client's Idempotency-Key;
// the same number or key with another body is still a conflict.
func TestCreateRetriedAnswersTheRecordItMade(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "clerk", land.RoleClerk, "130626")
	body := supplyJSON("1306262026B00041", square(115.78, 39.26, 0.0005))
	resp, first := clerk.do("POST", "/api/v1/supplies", nil, []byte(body))
	clerk.status(http.StatusCreated, resp, first)
	location := resp.Header.Get("Location")

	// The same body, spaced otherwise: the same request.
	resp, again := clerk.do("POST", "/api/v1/supplies", nil, []byte(strings.ReplaceAll(body, ",", " , ")))
	clerk.status(http.StatusOK, resp, again)
	if resp.Header.Get("Location") != location || idOf(t, again) != idOf(t, first) {
		t.Errorf("retry answered %s %s, want the record at %s", resp.Header.Get("Location"), again, location)
	}
	resp, b := clerk.do("POST", "/api/v1/supplies", nil, []byte(strings.Replace(body, `"测试"`, `"另一个"`, 1)))
	clerk.status(http.StatusConflict, resp, b)

	key := http.Header{"Idempotency-Key": {"order-7"}}
	body2 := supplyJSON("1306262026B00042", square(115.79, 39.26, 0.0005))
	resp, made := clerk.do("POST", "/api/v1/supplies", key, []byte(body2))
	clerk.status(http.StatusCreated, resp, made)
	resp, b = clerk.do("POST", "/api/v1/supplies", key, []byte(body2))
	clerk.status(http.StatusOK, resp, b)
	if idOf(t, b) != idOf(t, made) {
		t.Errorf("retry with the key answered %s, want %s", b, made)
	}
	body3 := supplyJSON("1306262026B00043", square(115.80, 39.26, 0.0005))
	resp, b = clerk.do("POST", "/api/v1/supplies", key, []byte(body3))
	clerk.status(http.StatusConflict, resp, b)
	if !strings.Contains(string(b), "Idempotency-Key") {
		t.Errorf("a key reused for another body: %s", b)
	}
	var n int
	if err := ts.store.Pool().QueryRow(context.Background(), `SELECT count(*) FROM supply`).Scan(&n); err != nil || n != 2 {
		t.Errorf("supplies = %d (%v), want 2", n, err)
	}
}

func idOf(t *testing.T, body []byte) int64 {
	t.Helper()
	var v struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(body, &v); err != nil || v.ID == 0 {
		t.Fatalf("no id in %s (%v)", body, err)
	}
	return v.ID
}

// A connection lost while committing leaves the outcome unknown: the answer
// is 503 saying so with the record's e-supervision number, never 500, and
// the same body sent again is safe.
func TestCommitLostAnswers503WithTheKey(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "clerk", land.RoleClerk, "130626")
	ctx := context.Background()
	// At commit the backend terminates itself, as a restart would.
	if _, err := ts.store.Pool().Exec(ctx, `
CREATE FUNCTION lose_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$;
CREATE CONSTRAINT TRIGGER lose_commit AFTER INSERT ON supply DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION lose_commit()`); err != nil {
		t.Fatal(err)
	}
	body := []byte(supplyJSON("1306262026B00051", square(115.78, 39.26, 0.0005)))
	resp, b := clerk.do("POST", "/api/v1/supplies", nil, body)
	clerk.status(http.StatusServiceUnavailable, resp, b)
	var p Problem
	if err := json.Unmarshal(b, &p); err != nil || p.Key != "1306262026B00051" || !strings.Contains(p.Detail, "may or may not") ||
		resp.Header.Get("Retry-After") == "" {
		t.Errorf("lost commit answered %s (Retry-After %q)", b, resp.Header.Get("Retry-After"))
	}
	if _, err := ts.store.Pool().Exec(ctx, `DROP TRIGGER lose_commit ON supply`); err != nil {
		t.Fatal(err)
	}
	resp, b = clerk.do("POST", "/api/v1/supplies", nil, body)
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		t.Errorf("the same body sent again: %d %s", resp.StatusCode, b)
	}
}

// A database that drops its connections answers 503 with Retry-After.
func TestTerminatedConnectionsAnswer503(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "clerk", land.RoleClerk, "130626")
	ctx := context.Background()
	// Every connection of the main pool is ended by the server, as in a
	// restart; the pool learns of it on its next use.
	if _, err := ts.store.Pool().Exec(ctx, `CREATE FUNCTION lose_connection() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(1); RETURN NEW; END $$;
CREATE TRIGGER lose_connection BEFORE INSERT ON supply FOR EACH ROW EXECUTE FUNCTION lose_connection()`); err != nil {
		t.Fatal(err)
	}
	resp, b := clerk.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00061", square(115.78, 39.26, 0.0005))))
	clerk.status(http.StatusServiceUnavailable, resp, b)
	if resp.Header.Get("Retry-After") == "" || strings.Contains(string(b), "may or may not") {
		t.Errorf("a connection lost before commit answered %s (Retry-After %q)", b, resp.Header.Get("Retry-After"))
	}
}

// One lock held on the supplies does not stall the service: signing in,
// the health check and reads answer at once or within the lock timeout,
// and a write that needs the lock is answered 503 with Retry-After within
// it; /healthz stays truthful (the database answers).
func TestOneLockDoesNotStallTheService(t *testing.T) {
	t.Parallel()
	const lockTimeout = time.Second
	ts := newOutageServer(t, sql.Limits{LockTimeout: lockTimeout}) // the default pool

	clerk := ts.account(t, "clerk", land.RoleClerk, "130626")
	newSupply(clerk, "1306262026B00071", 115.78)

	ctx := context.Background()
	conn, err := pgx.Connect(ctx, ts.store.Pool().Config().ConnConfig.ConnString())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `LOCK TABLE supply IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}

	// Six event writes at once, as in the probe that found the stall.
	var wg sync.WaitGroup
	writes := make([]int, 6)
	for i := range writes {
		wg.Go(func() {
			resp, _ := clerk.as(t).do("POST", "/api/v1/supplies/1306262026B00071/events", nil, []byte(`{"kind":"delivery","occurred_on":"2026-02-01"}`))
			writes[i] = resp.StatusCode
			if resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") == "" {
				t.Error("a 503 without Retry-After")
			}
		})
	}
	start := time.Now()
	timed := func(what string, within time.Duration, want []int, send func() (*http.Response, []byte)) {
		t.Helper()
		began := time.Now()
		resp, b := send()
		if took := time.Since(began); took > within || !slices.Contains(want, resp.StatusCode) {
			t.Errorf("%s: %d after %s (want %v within %s): %s", what, resp.StatusCode, took.Round(time.Millisecond), want, within, b)
		}
	}
	timed("sign-in", lockTimeout, []int{http.StatusOK}, func() (*http.Response, []byte) {
		return ts.anonymous(t).do("POST", "/api/v1/session", nil, []byte(`{"name":"clerk","password":"`+testPassword+`"}`))
	})
	timed("healthz", lockTimeout, []int{http.StatusOK}, func() (*http.Response, []byte) {
		return ts.anonymous(t).do("GET", "/healthz", nil, nil)
	})
	// The findings name their supplies' numbers: the read waits for the
	// lock as long as a write would, and no longer.
	timed("findings", 2*lockTimeout, []int{http.StatusOK, http.StatusServiceUnavailable}, func() (*http.Response, []byte) {
		return clerk.do("GET", "/api/v1/findings", nil, nil)
	})
	wg.Wait()
	if took := time.Since(start); took > 3*lockTimeout {
		t.Errorf("the writes took %s", took)
	}
	for i, code := range writes {
		if code != http.StatusServiceUnavailable {
			t.Errorf("write %d under the lock: %d, want 503", i, code)
		}
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	resp, b := clerk.do("POST", "/api/v1/supplies/1306262026B00071/events", nil, []byte(`{"kind":"delivery","occurred_on":"2026-02-01"}`))
	clerk.status(http.StatusCreated, resp, b)
}

// /healthz, asked by anyone, says which part is wrong and names no user,
// database, host or socket of the connection string.
func TestHealthNamesNoConnectionDetails(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	resp, b := ts.anonymous(t).do("GET", "/healthz", nil, nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `"database":"ok"`) || !strings.Contains(string(b), `"feed":"ok"`) {
		t.Fatalf("healthz = %d %s", resp.StatusCode, b)
	}
	cfg := ts.store.Pool().Config().ConnConfig
	ts.store.Close() // the database is gone for this service
	resp, b = ts.anonymous(t).do("GET", "/healthz", nil, nil)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(b), `"database":"unreachable"`) {
		t.Errorf("healthz without a database = %d %s", resp.StatusCode, b)
	}
	for _, secret := range []string{cfg.User, cfg.Database, cfg.Host, "5432", ".s.PGSQL"} {
		if secret != "" && strings.Contains(string(b), secret) {
			t.Errorf("healthz shows %q: %s", secret, b)
		}
	}
}
