package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// `landwatch import --boundaries` keeps every valid boundary, reports the
// others by feature (an unknown code, a crossed ring) and exits 1, and the
// boundaries kept are in the register and its audit log.
func TestCommandLineImportOfBoundariesReportsBadFeaturesByNumber(t *testing.T) {
	bin := buildBinary(t)
	dbURL := sqltest.URL(t)
	dir := t.TempDir()
	fixture, err := os.ReadFile("../../supervision/testdata/boundaries.geojson")
	if err != nil {
		t.Fatal(err)
	}
	var fc map[string]any
	if err := json.Unmarshal(fixture, &fc); err != nil {
		t.Fatal(err)
	}
	fc["features"] = append(fc["features"].([]any),
		map[string]any{"type": "Feature", "properties": map[string]any{"region_code": "999999"}, "geometry": map[string]any{"type": "Polygon",
			"coordinates": [][][2]float64{{{115, 39}, {115.1, 39}, {115.1, 39.1}, {115, 39}}}}},
		map[string]any{"type": "Feature", "properties": map[string]any{"adcode": 130627}, "geometry": map[string]any{"type": "Polygon",
			"coordinates": [][][2]float64{{{115, 39}, {115.1, 39.1}, {115.1, 39}, {115, 39.1}, {115, 39}}}}})
	file, report := filepath.Join(dir, "boundaries.geojson"), filepath.Join(dir, "report.json")
	b, _ := json.Marshal(fc)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "import", "--boundaries", "--report", report, file)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("import: %v (want exit 1)\n%s", err, out)
	}
	var rep struct {
		Accepted int
		Rejected []struct{ Record, Field string }
	}
	rb, err := os.ReadFile(report)
	if err != nil || json.Unmarshal(rb, &rep) != nil {
		t.Fatalf("report: %v %s", err, rb)
	}
	if rep.Accepted != 3 || len(rep.Rejected) != 2 || rep.Rejected[0].Record != "feature 4" || rep.Rejected[0].Field != "region_code" ||
		rep.Rejected[1].Record != "feature 5" || rep.Rejected[1].Field != "geometry" {
		t.Errorf("report %s", rb)
	}
	st, err := sql.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var stored, audited int
	if err := st.Pool().QueryRow(context.Background(), `SELECT (SELECT count(*) FROM region_boundary), (SELECT count(*) FROM audit_log WHERE target = 'boundaries')`).Scan(&stored, &audited); err != nil {
		t.Fatal(err)
	}
	if stored != 3 || audited != 1 {
		t.Errorf("%d boundaries stored, %d audit entries; want 3 and 1", stored, audited)
	}
}
