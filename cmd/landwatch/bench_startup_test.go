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
	out := runBench(t, "startup", "--parcels", "2000", "--binary", buildBinary(t))
	benchReport(t, out, "<!-- /bench:startup -->", "parcels from PostGIS | landwatch | goal |",
		"| start-up, service open to index loaded | ", "(VmHWM) | ")
}

// runBench runs `landwatch bench ARGS` against the test database, writing
// its section to a file of its own, whose name it returns.
func runBench(t *testing.T, args ...string) string {
	t.Helper()
	if os.Getenv("DATABASE_URL") == "" {
		t.Fatal("DATABASE_URL is not set: run the tests with scripts/test, which starts a local PostGIS")
	}
	out := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), append(append([]string{"bench"}, args...), "--out", out), os.Getenv, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	return out
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
