package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"landwatch/sql/sqltest"
)

// footprintFile has one good footprint and one point, which is rejected.
const footprintFile = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"observed_on":"2024-05-01"},"geometry":{"type":"Polygon","coordinates":[[[115.780,39.260],[115.7805,39.260],[115.7805,39.2605],[115.780,39.2605],[115.780,39.260]]]}},
{"type":"Feature","properties":{"observed_on":"2024-05-01"},"geometry":{"type":"Point","coordinates":[115.78,39.26]}}]}`

func TestImportFootprintsKeepsTheGoodAndReportsTheBad(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "footprints.geojson")
	fc := footprintFile
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

func TestFootprintsArePostedOverHTTP(t *testing.T) {
	bin := buildBinary(t)
	c := adminClient(t, bin, sqltest.URL(t))
	resp, b := c.do("POST", "/api/v1/footprints?source=2024+imagery", http.Header{"Content-Type": {"application/geo+json"}}, []byte(footprintFile))
	c.status(http.StatusOK, resp, b)
	var rep struct {
		Accepted int `json:"accepted"`
		Rejected []struct {
			Record string `json:"record"`
			Field  string `json:"field"`
		} `json:"rejected"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Accepted != 1 || len(rep.Rejected) != 1 || rep.Rejected[0].Record != "feature 2" || rep.Rejected[0].Field != "geometry" {
		t.Errorf("report %s, want one accepted and feature 2 rejected for its geometry", b)
	}
	resp, b = c.do("POST", "/api/v1/footprints?observed=2024-13-01", nil, []byte(footprintFile))
	c.status(http.StatusBadRequest, resp, b)
	if !strings.Contains(string(b), `"field":"observed"`) {
		t.Errorf("answer %s, want the field named", b)
	}
}
