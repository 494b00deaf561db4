package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

func TestAuditRetentionIsNeverBelow183Days(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration // 0: refused
	}{
		{"183d", 183 * 24 * time.Hour},
		{"3650d", 3650 * 24 * time.Hour},
		{"182d", 0},
		{"0d", 0},
		{"-400d", 0},
		{"183", 0},
		{"4400h", 0},
		{"half a year", 0},
	} {
		t.Run(fmt.Sprintf("--keep %s", c.in), func(t *testing.T) {
			got, err := parseRetention(c.in)
			if got != c.want || (err == nil) != (c.want != 0) {
				t.Fatalf("parseRetention(%q) = %v, %v; want %v", c.in, got, err, c.want)
			}
		})
	}
}

// TestAuditVerifyOfATamperedLogExitsOneNamingTheEntry runs the real binary
// on an intact audit log, then on one whose third entry was changed with
// the append-only triggers off.
func TestAuditVerifyOfATamperedLogExitsOneNamingTheEntry(t *testing.T) {
	bin := buildBinary(t)
	dbURL := sqltest.URL(t)
	ctx := context.Background()
	st, err := sql.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if err := st.Audit(ctx, sql.AuditEntry{Actor: "wang", Role: "clerk", Address: "10.0.0.7", Action: "write",
			Target: fmt.Sprintf("supply/%d", i), Detail: []byte(`{"method":"PATCH","status":200}`)}); err != nil {
			t.Fatal(err)
		}
	}
	landwatch := func(args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL)
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return string(out), cmd.ProcessState.ExitCode()
	}

	if out, code := landwatch("audit", "verify"); code != 0 || !strings.Contains(out, "audit log intact: 5 entries") {
		t.Fatalf("verify of an intact log: exit %d\n%s", code, out)
	}
	anchor, code := landwatch("audit", "anchor")
	if code != 0 || !strings.HasPrefix(anchor, "landwatch-audit-anchor id=") || !strings.Contains(anchor, " count=5 ") {
		t.Fatalf("audit anchor: exit %d\n%s", code, anchor)
	}
	if out, code := landwatch("audit", "verify", "--anchor", strings.TrimSpace(anchor)); code != 0 || !strings.Contains(out, "is in the log as it was") {
		t.Fatalf("verify --anchor of an intact log: exit %d\n%s", code, out)
	}
	if out, code := landwatch("audit", "prune", "--keep", "30d"); code != 2 || !strings.Contains(out, "less than the 183 days") {
		t.Errorf("prune --keep 30d: exit %d, want 2 refusing it\n%s", code, out)
	}
	if out, code := landwatch("audit", "prune"); code != 0 || !strings.Contains(out, "0 entries") {
		t.Errorf("prune of a young log: exit %d, want 0 removing nothing\n%s", code, out)
	}

	page, _, err := st.ListAudit(ctx, land.SystemScope("test"), sql.AuditFilter{Action: "write"})
	if err != nil || len(page) != 5 {
		t.Fatalf("list: %d entries, %v", len(page), err)
	}
	third := page[2].ID
	tx, err := st.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`ALTER TABLE audit_log DISABLE TRIGGER USER`,
		fmt.Sprintf(`UPDATE audit_log SET detail = '{"method": "PATCH", "status": 403}' WHERE id = %d`, third),
		`ALTER TABLE audit_log ENABLE TRIGGER USER`} {
		if _, err := tx.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}

	out, code := landwatch("audit", "verify")
	if code != 1 || !strings.Contains(out, fmt.Sprintf("entry %d: hash does not match its contents", third)) {
		t.Fatalf("verify of a tampered log: exit %d, want 1 naming entry %d\n%s", code, third, out)
	}
}

// TestAuditPruneRunsAsTheOwner: with the service's own role in
// DATABASE_URL, which may not delete audit entries, prune and serve's
// daily pruning connect as LANDWATCH_MIGRATE_URL's owner, while the other
// commands work as the service's role.
func TestAuditPruneRunsAsTheOwner(t *testing.T) {
	owner := sqltest.URL(t)
	env := map[string]string{"DATABASE_URL": sqltest.AppURL(t, owner), "LANDWATCH_MIGRATE_URL": owner}
	getenv := func(k string) string { return env[k] }
	ctx := context.Background()
	var out, errs strings.Builder
	if err := run(ctx, []string{"user", "add", "prune-clerk", "--role", "clerk", "--region", "130626"}, getenv, &out, &errs); err != nil {
		t.Fatalf("user add as the service's role: %v\n%s", err, errs.String())
	}
	out.Reset()
	if err := run(ctx, []string{"audit", "prune"}, getenv, &out, &errs); err != nil {
		t.Fatalf("audit prune: %v\n%s", err, errs.String())
	}
	if !strings.Contains(out.String(), "audit log pruned: 0 entries") {
		t.Fatalf("audit prune said %q", out.String())
	}
	// serve's daily pruning, with a service working as the service's role.
	cfg, err := loadConfig(getenv)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := openService(ctx, cfg, &errs)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	if _, err := auditPruner(cfg, svc)(ctx, time.Now().AddDate(-1, 0, 0)); err != nil {
		t.Fatalf("serve's daily pruning: %v", err)
	}
}
