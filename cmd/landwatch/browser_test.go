package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/seed"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// TestTheMapInARealBrowser seeds a small city, starts landwatch, and runs
// the map's browser tests (web-map/browsertest, Playwright driving Debian's
// chromium) against it. Screenshots are kept in
// web-map/browsertest/screenshots/ (or $SCREENSHOTS).
func TestTheMapInARealBrowser(t *testing.T) {
	for _, tool := range []string{"node", "/usr/bin/chromium"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed for the browser test: scripts/test installs it", tool)
		}
	}
	harness, err := filepath.Abs("../../web-map/browsertest")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(harness, "node_modules", "playwright-core")); err != nil {
		t.Fatal("web-map/browsertest/node_modules is missing: scripts/test runs npm ci there")
	}
	ctx := context.Background()
	dbURL := sqltest.URL(t)
	svc, err := supervision.Open(ctx, supervision.Config{DatabaseURL: dbURL})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	st := svc.Store()
	o := seed.Default()
	o.Parcels = 3000
	demo, err := seed.City(o)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := st.Import(ctx, land.SystemScope("seed"), demoBatch(demo), sql.ImportOptions{})
	if err != nil || len(rep.Rejected) > 0 {
		t.Fatalf("seeding: %v %v", err, rep.Rejected)
	}
	// the lots' boundaries and the approvals, as landwatch seed gives them:
	// the map outlines the unsold lot, the public pages list announcements
	if err := publishDemoAnnouncements(ctx, svc, demo); err != nil {
		t.Fatal(err)
	}

	bin := buildBinary(t)
	c := adminClient(t, bin, dbURL)
	resp, body := c.do("POST", "/api/v1/overlaps/scan", nil, nil)
	c.status(200, resp, body)
	// The idle and reporting scans run inside serve too; running them here
	// as well (they are idempotent) makes sure their findings exist before
	// the fixture avoids them: a finding's mark drawn over a fixture
	// parcel's inner point hides its stage colour. Which records count as
	// entered late moves with the day.
	if _, err := st.ScanIdle(ctx, land.SystemScope("test"), land.DefaultIdleRule(), land.DateOf(time.Now()), true, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ScanReporting(ctx, land.SystemScope("test"), svc.Rules().Today()); err != nil {
		t.Fatal(err)
	}
	fixture, err := sqltest.BuildMapFixture(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	fb, _ := json.MarshalIndent(fixture, "", "  ")
	fixturePath := filepath.Join(t.TempDir(), "fixture.json")
	if err := os.WriteFile(fixturePath, fb, 0o644); err != nil {
		t.Fatal(err)
	}
	shots := os.Getenv("SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join(harness, "screenshots")
	}
	run, cancel := context.WithTimeout(ctx, 11*time.Minute)
	defer cancel()
	args := []string{"run.mjs"}
	if only := os.Getenv("BROWSER_TESTS"); only != "" {
		// While working on one page: only the tests whose names (or
		// describe blocks) match, e.g. BROWSER_TESTS='review|accounts'.
		args = []string{"--test-name-pattern=" + only, "run.mjs"}
	}
	cmd := exec.CommandContext(run, "node", args...)
	cmd.Dir = harness
	// The map signs in as a national administrator through the sign-in
	// page; the field page as an inspector of the demo county; the review
	// as a reviewer of its province (Hebei) and a clerk of the county.
	addAccount(t, dbURL, "inspector-dx", land.RoleInspector, o.RegionCode)
	addAccount(t, dbURL, "clerk-tang", land.RoleClerk, "130627") // 唐县, the neighbour
	addAccount(t, dbURL, "reviewer-hebei", land.RoleReviewer, "130000")
	addAccount(t, dbURL, "clerk-dx", land.RoleClerk, o.RegionCode)
	addAccount(t, dbURL, "inspector-dx2", land.RoleInspector, o.RegionCode) // whom inspector-dx assigns a finding to
	cmd.Env = append(os.Environ(), "BASE_URL="+c.base, "FIXTURE="+fixturePath, "SCREENSHOTS="+shots,
		"TOKEN="+c.token, "ADMIN_NAME=admin", "ADMIN_PASSWORD="+testPassword, "FIELD_NAME=inspector-dx", "FIELD_PASSWORD="+testPassword,
		"NEIGHBOUR_NAME=clerk-tang", "NEIGHBOUR_PASSWORD="+testPassword,
		"REVIEWER_NAME=reviewer-hebei", "REVIEWER_PASSWORD="+testPassword, "CLERK_NAME=clerk-dx", "CLERK_PASSWORD="+testPassword,
		"ASSIGNEE_NAME=inspector-dx2")
	cmd.Env = append(cmd.Env, basemapInstance(t, bin, dbURL)...)
	if os.Getenv("LC_ALL")+os.Getenv("LC_CTYPE")+os.Getenv("LANG") == "" {
		// Without a UTF-8 locale chromium cannot open a file whose name is
		// Chinese (供地台账.csv): the clerk's upload never leaves the page.
		cmd.Env = append(cmd.Env, "LANG=C.UTF-8")
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("browser tests failed (%v); fixture:\n%s\noutput:\n%s", err, fb, out)
	}
	t.Logf("browser tests passed; screenshots in %s\n%s", shots, tail(string(out), 1500))
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}
