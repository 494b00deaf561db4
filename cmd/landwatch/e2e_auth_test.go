package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// The contract tests of access (who may use which route, what stays inside
// a region, the external profile) run in-process in api; here the real
// binary signs a browser in, serves it, and shuts down.

// testPassword is the password of the accounts the tests make.
const testPassword = "correct horse battery staple"

// addAccount creates an account in the database at dbURL (migrated) and
// returns a bearer token of it.
func addAccount(t *testing.T, dbURL, name string, role land.Role, region string) string {
	t.Helper()
	ctx := context.Background()
	st, err := sql.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	by := land.SystemScope("test-setup")
	if _, err := st.CreateAccount(ctx, by, land.User{Name: name, Role: role, Region: region}, hash); err != nil {
		t.Fatal(err)
	}
	secret := auth.NewSecret()
	if _, err := st.CreateToken(ctx, by, name, "tests", auth.HashSecret(secret)); err != nil {
		t.Fatal(err)
	}
	return secret
}

// adminClient starts `landwatch serve` and returns a client signed in (with
// a bearer token) as an administrator of the whole country.
func adminClient(t *testing.T, bin, dbURL string, env ...string) client {
	t.Helper()
	base, _ := startServerWith(t, bin, dbURL, env...)
	return client{t: t, base: base, token: addAccount(t, dbURL, "admin", land.RoleAdmin, land.NationCode)}
}

// A browser on the internal network, behind a trusted proxy, signs in with
// a password and reads tiles with its session cookie, which a browser
// outside is refused; the reads are written to the audit log summed per
// user and minute, the last minute's when the server stops, and the log
// verifies.
func TestTheServerSignsInAndAuditsTileReadsAtShutdown(t *testing.T) {
	dbURL := sqltest.URL(t)
	bin := buildBinary(t)
	base, cmd := startServerWith(t, bin, dbURL, "LANDWATCH_TRUSTED_PROXIES=127.0.0.1", "LANDWATCH_INTERNAL_NETWORKS=10.0.0.0/8")
	addAccount(t, dbURL, "reader", land.RoleAnalyst, "130626")
	browser := client{t: t, base: base}
	office := http.Header{"X-Forwarded-For": {"10.20.30.40"}}
	resp, body := browser.do("POST", "/api/v1/session", office, []byte(`{"name":"reader","password":"`+testPassword+`"}`))
	browser.status(http.StatusOK, resp, body)
	cookie := strings.Split(resp.Header.Get("Set-Cookie"), ";")[0]
	office.Set("Cookie", cookie)
	at := maptile.At(orb.Point{115.78, 39.26}, 15)
	tile := func(i int) string {
		return "/tiles/15/" + strconv.Itoa(int(at.X)+i) + "/" + strconv.Itoa(int(at.Y)) + ".mvt"
	}
	for i := 0; i < 3; i++ {
		resp, body := browser.do("GET", tile(i), office, nil)
		browser.status(http.StatusOK, resp, body)
	}
	resp, body = browser.do("GET", tile(0), http.Header{"X-Forwarded-For": {"198.51.100.7"}, "Cookie": {cookie}}, nil)
	browser.status(http.StatusForbidden, resp, body)
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	st, err := sql.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	items, _, err := st.ListAudit(context.Background(), land.SystemScope("test"), sql.AuditFilter{Actor: "reader", Action: "read_coordinates", Limit: 10})
	if err != nil || len(items) != 1 || string(items[0].Detail) != `{"tiles": 3}` || items[0].Target != "tiles" {
		t.Fatalf("audit entries of the reader: %+v %v; want one of 3 tiles", items, err)
	}
	verify := exec.Command(bin, "audit", "verify")
	verify.Env = append(os.Environ(), "DATABASE_URL="+dbURL)
	out, err := verify.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "audit log intact") {
		t.Errorf("audit verify: %v\n%s", err, out)
	}
}

// The settings that keep coordinates inside reach the configuration the
// server is built from (the in-process contract tests in api take it from
// there).
func TestTheAccessSettingsAreReadFromTheEnvironment(t *testing.T) {
	env := map[string]string{"LANDWATCH_PROFILE": "external", "LANDWATCH_INTERNAL_NETWORKS": "10.0.0.0/8",
		"LANDWATCH_TRUSTED_PROXIES": "127.0.0.1/32,192.0.2.0/24"}
	c, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Profile != "external" || fmt.Sprint(c.InternalNetworks) != "[10.0.0.0/8]" || fmt.Sprint(c.TrustedProxies) != "[127.0.0.1/32 192.0.2.0/24]" {
		t.Errorf("config %+v", c)
	}
	env["LANDWATCH_PROFILE"] = "public"
	if _, err := loadConfig(func(k string) string { return env[k] }); err == nil {
		t.Error("an unknown profile is accepted")
	}
}
