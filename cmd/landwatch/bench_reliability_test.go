package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The reliability bench at small sizes, on a cluster of its own: the
// cluster restarted under creates and a table locked, imports killed and
// imported again, and a short mixed load on `landwatch serve`. The bench
// fails when an acknowledged write is missing, a killed import left
// something half-written or its re-import differs from a whole one, or
// the load was answered 500, so the figures it writes keep meaning what
// they say.
func TestReliabilityBenchRunsEveryScenarioAtSmallSizes(t *testing.T) {
	if _, err := exec.LookPath("pg_config"); err != nil {
		t.Skip("no pg_config: the bench makes a PostgreSQL cluster of its own")
	}
	bin := buildBinary(t)
	out := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"bench", "reliability", "--port", "55449", "--binary", bin, "--out", out,
		"--creates", "24", "--clients", "4", "--lock", "1s",
		"--kill-parcels", "200", "--kills", "100ms,50%,20s",
		"--load-parcels", "200", "--load", "2s"}, os.Getenv, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	report := benchReport(t, out, "<!-- /bench:reliability -->", "<!-- /bench:reliability-kill -->", "<!-- /bench:reliability-load -->",
		"| 100ms |", "| 20s | had finished |", "| GET /tiles (z12–z16) | 4 |", "| POST /api/v1/session (sign-in) | 1 |")
	// The first kill comes before the import could commit: nothing left.
	if !strings.Contains(report, "| 100ms | ") || !strings.Contains(report, "| 0 / 0 / 0 / 0 | 0 | 0 | 0 | 0 | yes | yes |") {
		t.Errorf("an import killed after 100 ms should have left nothing:\n%s", report)
	}
}
