package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// TestUserCommandManagesAccountsAndTokens runs the real binary against a
// fresh schema and checks each step through the store: what it printed
// signs in, what it refused names the offending field.
func TestUserCommandManagesAccountsAndTokens(t *testing.T) {
	bin := buildBinary(t)
	dbURL := sqltest.URL(t)
	ctx := context.Background()
	// landwatch runs the binary with stdin as standard input and returns
	// its standard output, standard error and exit status.
	landwatch := func(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"user"}, args...)...)
		cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL)
		cmd.Stdin = strings.NewReader(stdin)
		var out, errs strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errs
		err := cmd.Run()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return out.String(), errs.String(), cmd.ProcessState.ExitCode()
	}
	mustRun := func(t *testing.T, stdin string, args ...string) string {
		t.Helper()
		out, errs, code := landwatch(t, stdin, args...)
		if code != 0 {
			t.Fatalf("landwatch user %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
		}
		return out
	}
	// The first run migrates the schema, so the store opens afterwards.
	mustRun(t, "", "list")
	st, err := sql.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	signsIn := func(t *testing.T, name, password string) land.User {
		t.Helper()
		u, hash, err := st.Credentials(ctx, name)
		if err != nil {
			t.Fatalf("credentials of %s: %v", name, err)
		}
		if !auth.CheckPassword(hash, password) {
			t.Fatalf("the password printed for %s does not match its hash", name)
		}
		return u
	}

	t.Run("add without a password prints a generated one that signs in", func(t *testing.T) {
		out := mustRun(t, "", "add", "admin", "--role", "admin", "--region", "000000")
		m := regexp.MustCompile(`(?m)^password for admin: (\S+)  \(shown once; change it after signing in\)$`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no password printed:\n%s", out)
		}
		if len(m[1]) < auth.MinPasswordLength {
			t.Errorf("generated password %q has %d characters, want at least %d", m[1], len(m[1]), auth.MinPasswordLength)
		}
		if u := signsIn(t, "admin", m[1]); u.Role != land.RoleAdmin || u.Region != land.NationCode {
			t.Errorf("admin is %s of %s, want admin of %s", u.Role, u.Region, land.NationCode)
		}
	})

	t.Run("add with --password-stdin keeps that password and prints none", func(t *testing.T) {
		const password = "dingxing-clerk-2026"
		out := mustRun(t, password+"\n", "add", "--role", "clerk", "wang", "--region", "130626", "--password-stdin")
		if strings.Contains(out, password) || strings.Contains(out, "password for") {
			t.Errorf("a password read from stdin was printed:\n%s", out)
		}
		if u := signsIn(t, "wang", password); u.Role != land.RoleClerk || u.Region != "130626" {
			t.Errorf("wang is %s of %s, want clerk of 130626", u.Role, u.Region)
		}
	})

	for _, c := range []struct {
		name     string
		stdin    string
		args     []string
		wantCode int
		wantText string // in the error: the field as the command line names it
	}{
		{"a duplicate name is refused naming the name", "", []string{"add", "wang", "--role", "clerk", "--region", "130626"}, 1, "NAME: an account named wang exists"},
		{"an unknown role names --role", "", []string{"add", "li", "--role", "boss", "--region", "130626"}, 2, "--role"},
		{"a missing role names --role", "", []string{"add", "li", "--region", "130626"}, 2, "--role"},
		{"an unknown region names --region", "", []string{"add", "li", "--role", "clerk", "--region", "999999"}, 2, "--region"},
		{"a name the database refuses names NAME", "", []string{"add", "Li Wei", "--role", "clerk", "--region", "130626"}, 2, "NAME"},
		{"a short password from stdin names --password-stdin", "short\n", []string{"add", "li", "--role", "clerk", "--region", "130626", "--password-stdin"}, 2, "--password-stdin"},
		{"an empty stdin names --password-stdin", "", []string{"passwd", "wang", "--password-stdin"}, 2, "--password-stdin"},
		{"passwd of an unknown account names NAME", "", []string{"passwd", "nobody"}, 1, "NAME: no account named nobody"},
		{"a token without a label names --label", "", []string{"token", "wang"}, 2, "--label"},
		{"revoking a token that does not exist names TOKEN-ID", "", []string{"revoke", "999"}, 1, "TOKEN-ID"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errs, code := landwatch(t, c.stdin, c.args...)
			if code != c.wantCode || !strings.Contains(errs, c.wantText) {
				t.Errorf("exit %d, want %d with %q\nstdout: %s\nstderr: %s", code, c.wantCode, c.wantText, out, errs)
			}
		})
	}
	if _, _, err := st.Credentials(ctx, "li"); land.ErrorCode(err) != land.CodeNotFound {
		t.Errorf("after refused adds, li: %v, want not found", err)
	}

	t.Run("passwd generates a new password and the old one no longer signs in", func(t *testing.T) {
		out := mustRun(t, "", "passwd", "wang")
		m := regexp.MustCompile(`(?m)^password for wang: (\S+)  \(shown once`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no password printed:\n%s", out)
		}
		signsIn(t, "wang", m[1])
		if _, hash, _ := st.Credentials(ctx, "wang"); auth.CheckPassword(hash, "dingxing-clerk-2026") {
			t.Error("the old password still matches")
		}
	})

	var tokenID, secret string
	t.Run("token prints a secret that finds its user", func(t *testing.T) {
		out := mustRun(t, "", "token", "wang", "--label", "qgis on the planning desk")
		m := regexp.MustCompile(`(?m)^token (\d+) for wang \(qgis on the planning desk\): (\S+)$`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no token printed:\n%s", out)
		}
		tokenID, secret = m[1], m[2]
		u, err := st.TokenUser(ctx, auth.HashSecret(secret))
		if err != nil || u.Name != "wang" {
			t.Fatalf("the printed secret finds %q, %v; want wang", u.Name, err)
		}
	})

	t.Run("revoke makes the token unknown", func(t *testing.T) {
		if secret == "" {
			t.Skip("no token was made")
		}
		mustRun(t, "", "revoke", tokenID)
		if _, err := st.TokenUser(ctx, auth.HashSecret(secret)); land.ErrorCode(err) != land.CodeUnauthorized {
			t.Errorf("after revoke the token gives %v, want unauthorized", err)
		}
	})

	t.Run("list shows the accounts of a region's subtree only", func(t *testing.T) {
		all := mustRun(t, "", "list")
		county := mustRun(t, "", "list", "--region", "130600")
		if !strings.Contains(all, "admin") || !strings.Contains(all, "wang") {
			t.Errorf("list of the nation:\n%s", all)
		}
		if strings.Contains(county, "admin") || !strings.Contains(county, "wang") {
			t.Errorf("list of 130600 should hold wang and not the national admin:\n%s", county)
		}
	})

	t.Run("disable stops signing in and revokes tokens; enable lets the password in again", func(t *testing.T) {
		out := mustRun(t, "", "token", "wang", "--label", "script")
		m := regexp.MustCompile(`(?m)^token \d+ for wang \(script\): (\S+)$`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no token printed:\n%s", out)
		}
		mustRun(t, "", "disable", "wang")
		if _, _, err := st.Credentials(ctx, "wang"); land.ErrorCode(err) != land.CodeNotFound {
			t.Errorf("credentials of a disabled account: %v, want not found", err)
		}
		if _, err := st.TokenUser(ctx, auth.HashSecret(m[1])); land.ErrorCode(err) != land.CodeUnauthorized {
			t.Errorf("the token of a disabled account: %v, want unauthorized", err)
		}
		if _, errs, code := landwatch(t, "", "token", "wang", "--label", "again"); code != 1 || !strings.Contains(errs, "NAME") {
			t.Errorf("a token for a disabled account: exit %d, want 1 naming NAME\n%s", code, errs)
		}
		mustRun(t, "", "enable", "wang")
		if _, _, err := st.Credentials(ctx, "wang"); err != nil {
			t.Errorf("credentials after enable: %v", err)
		}
		if _, err := st.TokenUser(ctx, auth.HashSecret(m[1])); err == nil {
			t.Error("enabling brought a revoked token back")
		}
	})

	t.Run("every change is in the audit log under the operating-system user", func(t *testing.T) {
		page, _, err := st.ListAudit(ctx, land.SystemScope("test"), sql.AuditFilter{Action: "permission_change"})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			t.Fatal("no permission changes in the audit log")
		}
		for _, e := range page {
			if e.Actor != "cli:"+whoAmI() || e.Role != "admin" {
				t.Errorf("audit entry %d: actor %q role %q, want cli:%s admin", e.ID, e.Actor, e.Role, whoAmI())
			}
		}
	})
}
