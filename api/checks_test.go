package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql"
)

// A write that succeeded is answered as one even when the overlap check
// after its commit fails: the answer warns, the check stays owed, /healthz
// says so, and the engine runs it again until the finding is recorded.
func TestAFailedCheckAfterAWriteIsOwedNotAnError(t *testing.T) {
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "clerk-dx", land.RoleClerk, "130626")
	resp, body := clerk.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00020", square(115.780, 39.260, 0.001))))
	clerk.status(http.StatusCreated, resp, body)

	// The findings table refuses every new row, as a database in trouble
	// might: the supply writes, its overlap finding cannot.
	ctx := context.Background()
	pool := ts.store.Pool()
	if _, err := pool.Exec(ctx, `CREATE FUNCTION refuse_findings() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'findings are refused for this test'; END $$;
		CREATE TRIGGER refuse_findings BEFORE INSERT ON finding FOR EACH ROW EXECUTE FUNCTION refuse_findings()`); err != nil {
		t.Fatal(err)
	}
	resp, body = clerk.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00021", square(115.7805, 39.260, 0.001))))
	clerk.status(http.StatusCreated, resp, body)
	var res struct {
		Warnings []string          `json:"warnings"`
		Overlaps []json.RawMessage `json:"overlaps"`
	}
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Overlaps) != 0 || !strings.Contains(strings.Join(res.Warnings, " "), "will be run again") {
		t.Errorf("answer to a write whose check failed: %s", body)
	}
	health := func() (int, string) {
		resp, body := ts.anonymous(t).do("GET", "/healthz", nil, nil)
		return resp.StatusCode, string(body)
	}
	waitFor(t, 15*time.Second, "healthz to say the overlap checks are failing", func() bool {
		code, body := health()
		return code == http.StatusServiceUnavailable && strings.Contains(body, "overlap checks")
	})

	if _, err := pool.Exec(ctx, `DROP TRIGGER refuse_findings ON finding`); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 15*time.Second, "the owed check to record the overlap", func() bool {
		items, _, _, err := ts.svc.ListFindings(ctx, land.SystemScope("test"), sql.FindingFilter{Kind: "overlap", Status: "open"})
		return err == nil && len(items) == 1
	})
	waitFor(t, 15*time.Second, "healthz to be ok again", func() bool {
		code, _ := health()
		return code == http.StatusOK
	})
}

// waitFor polls cond every 50 ms until it holds, failing t after within.
func waitFor(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(within); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s", within, what)
		}
	}
}
