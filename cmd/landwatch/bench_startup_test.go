package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
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

// A real cadastre copied side by side to the parcels asked for, its
// register kept and measured again without being built anew.
func TestStartupBenchLoadsARealCadastreAndReusesItsRegister(t *testing.T) {
	if os.Getenv("DATABASE_URL") == "" {
		t.Fatal("DATABASE_URL is not set: run the tests with scripts/test, which starts a local PostGIS")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"bench", "startup", "--from", "../../spatial/testdata/paris18e_sample.geojson",
		"--parcels", "500", "--keep", "--binary", bin, "--out", filepath.Join(dir, "built.md")}, os.Getenv, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	_, schema, ok := strings.Cut(stdout.String(), "--reuse ")
	schema, _, _ = strings.Cut(schema, "\n")
	if !ok || schema == "" {
		t.Fatalf("the kept register is not named:\n%s", stdout.String())
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), os.Getenv("DATABASE_URL"))
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE"); err != nil {
			t.Error(err)
		}
	})
	benchReport(t, filepath.Join(dir, "built.md"), "## Start-up: the real cadastre paris18e_sample (`landwatch bench startup --from reference/parcels/paris18e_sample.geojson --region 130626 --parcels 500 --seed 1`)",
		"copied 3 times side by side to 500 parcels", "| 500 parcels from PostGIS | landwatch | goal |")
	stdout.Reset()
	err = run(context.Background(), []string{"bench", "startup", "--reuse", schema, "--binary", bin, "--out", filepath.Join(dir, "reused.md")},
		os.Getenv, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	if strings.Contains(stdout.String(), "copying") {
		t.Errorf("the kept register was built again:\n%s", stdout.String())
	}
	benchReport(t, filepath.Join(dir, "reused.md"), "| 500 parcels from PostGIS | landwatch | goal |", "earlier, in a kept scratch schema")
}
