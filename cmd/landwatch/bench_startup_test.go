package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The start-up bench at a small size: the parcels COPYed into a real
// register are all in the index a fresh process loads, and the section
// says how long that took and at what peak of resident memory.
func TestStartupBenchLoadsEveryParcelFromTheRegister(t *testing.T) {
	if os.Getenv("DATABASE_URL") == "" {
		t.Fatal("DATABASE_URL is not set: run the tests with scripts/test, which starts a local PostGIS")
	}
	bin := buildBinary(t)
	out := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"bench", "startup", "--parcels", "2000", "--binary", bin, "--out", out},
		os.Getenv, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	benchReport(t, out, "<!-- /bench:startup -->", "parcels from PostGIS | landwatch | goal |",
		"| start-up, service open to index loaded | ", "(VmHWM) | ")
}

// benchReport reads the file a bench wrote and checks that it says each of
// wants; it returns the text.
func benchReport(t *testing.T, file string, wants ...string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	report := string(b)
	for _, want := range wants {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	return report
}
