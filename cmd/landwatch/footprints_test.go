package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"landwatch/sql/sqltest"
)

func TestImportFootprintsKeepsTheGoodAndReportsTheBad(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "footprints.geojson")
	fc := sqltest.FootprintFile
	if err := os.WriteFile(file, []byte(fc), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "import", "--footprints", "--source", "2024 imagery", file)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+sqltest.URL(t))
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit %v, want 1 (one footprint rejected)\n%s", err, out)
	}
	if !strings.Contains(string(out), "1 accepted") || !strings.Contains(string(out), "feature 2: geometry") {
		t.Errorf("report:\n%s", out)
	}
}
