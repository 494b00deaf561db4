package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"landwatch/sql/sqltest"
)

func TestWorkdaysPrintsTheLastAllowedDay(t *testing.T) {
	cases := []struct {
		name, from, add, want string
	}{
		{"seven working days after National Day eve end on 15 October", "2026-09-30", "7", "2026-10-15"},
		{"three working days across the new year count the make-up Sunday", "2025-12-30", "3", "2026-01-05"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errs bytes.Buffer
			err := run(context.Background(), []string{"workdays", "--from", c.from, "--add", c.add}, func(string) string { return "" }, &out, &errs)
			if err != nil {
				t.Fatalf("%v: %s", err, errs.String())
			}
			if got := strings.TrimSpace(out.String()); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}

func TestWorkdaysSaysWhichDaysItAssumedForAYearWithoutArrangement(t *testing.T) {
	var out, errs bytes.Buffer
	// 2027 has no arrangement: 1 January (Friday) is off by law, then the
	// weekend, so two working days after 31 December end on 5 January.
	err := run(context.Background(), []string{"workdays", "--from", "2026-12-31", "--add", "2"}, func(string) string { return "" }, &out, &errs)
	if err != nil {
		t.Fatalf("%v: %s", err, errs.String())
	}
	if got := strings.TrimSpace(out.String()); got != "2027-01-05" {
		t.Errorf("got %s, want 2027-01-05", got)
	}
	for _, want := range []string{"[2027]", "assumed day off 2027-01-01 元旦", "Spring Festival"} {
		if !strings.Contains(errs.String(), want) {
			t.Errorf("the notice lacks %q:\n%s", want, errs.String())
		}
	}
}

func TestANewerYearIsLoadedWithoutARelease(t *testing.T) {
	dir := t.TempDir()
	// A made-up 2030 arrangement: New Year's Day and the Friday after it off.
	year := `{"year":2030,"days":[{"name":"元旦","date":"2030-01-01","isOffDay":true},{"name":"元旦","date":"2030-01-04","isOffDay":true}]}`
	if err := os.WriteFile(filepath.Join(dir, "2030.json"), []byte(year), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	getenv := func(k string) string {
		if k == "LANDWATCH_HOLIDAYS" {
			return dir
		}
		return ""
	}
	// 2029-12-31 (Monday) + 3 working days: 1 Jan and 4 Jan are off → 2, 3, 7 January.
	if err := run(context.Background(), []string{"workdays", "--from", "2029-12-31", "--add", "3"}, getenv, &out, &errs); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(out.String()); got != "2030-01-07" {
		t.Errorf("got %s, want 2030-01-07", got)
	}
	if errs.Len() > 0 {
		t.Errorf("the loaded year was not used: %s", errs.String())
	}
}

func TestARunningServerLoadsANewYearOnHangup(t *testing.T) {
	dir := t.TempDir()
	base, cmd := startServerWith(t, buildBinary(t), sqltest.URL(t), "LANDWATCH_HOLIDAYS="+dir)
	c := client{t: t, base: base}
	ask := func() string {
		resp, body := c.do("GET", "/api/v1/workdays?from=2029-12-31&add=3", nil, nil)
		c.status(200, resp, body)
		return string(body)
	}
	// Before: 1 January 2030 (Tuesday) is off by law, nothing else.
	if b := ask(); !strings.Contains(b, `"last_day":"2030-01-04"`) || !strings.Contains(b, `"fallback":true`) {
		t.Fatalf("before the new year is loaded: %s", b)
	}
	year := `{"year":2030,"days":[{"name":"元旦","date":"2030-01-01","isOffDay":true},{"name":"元旦","date":"2030-01-04","isOffDay":true}]}`
	if err := os.WriteFile(filepath.Join(dir, "2030.json"), []byte(year), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(ask(), `"last_day":"2030-01-07"`) {
		if time.Now().After(deadline) {
			t.Fatalf("the 2030 arrangement was not loaded after SIGHUP: %s", ask())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
