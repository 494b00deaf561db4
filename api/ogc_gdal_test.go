package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"landwatch/land"
)

// GDAL's OAPIF driver is the client: what QGIS and ogr2ogr do with /ogc.

// gdal runs a GDAL program with the client's token in GDAL_HTTP_HEADERS,
// as the README tells a GIS engineer to, and returns its output.
func gdal(t *testing.T, token string, args ...string) string {
	t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "GDAL_HTTP_HEADERS=Authorization: Bearer "+token, "GDAL_HTTP_TIMEOUT=60")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.String())
	}
	return string(out)
}

// gpkgFeatures reads a GeoPackage's layer back as GeoJSON.
func gpkgFeatures(t *testing.T, token, file, layer string) []gpkgFeature {
	t.Helper()
	out := gdal(t, token, "ogr2ogr", "-f", "GeoJSON", "/vsistdout/", file, layer)
	var fc struct {
		Features []gpkgFeature `json:"features"`
	}
	if err := json.Unmarshal([]byte(out), &fc); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return fc.Features
}

type gpkgFeature struct {
	Properties map[string]any `json:"properties"`
	Geometry   struct {
		Type        string          `json:"type"`
		Coordinates [][][][]float64 `json:"coordinates"`
	} `json:"geometry"`
}

func (f gpkgFeature) number() string { s, _ := f.Properties["e_number"].(string); return s }

func numbersOf(fs []gpkgFeature) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.number())
	}
	slices.Sort(out)
	return out
}

func TestGDALPullsTheSuppliesIntoAGeoPackage(t *testing.T) {
	for _, tool := range []string{"ogrinfo", "ogr2ogr"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt install gdal-bin)", tool)
		}
	}
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ogcRegister(t, ts)
	analyst := ts.account(t, "gis", land.RoleAnalyst, land.NationCode)
	srv := httptest.NewServer(ts)
	t.Cleanup(srv.Close)
	ogc := "OAPIF:" + srv.URL + "/ogc"

	info := gdal(t, analyst.token, "ogrinfo", "-ro", "-q", ogc)
	for _, c := range []string{"supplies", "parcels", "reserves"} {
		if !strings.Contains(info, c) {
			t.Errorf("ogrinfo does not list %s:\n%s", c, info)
		}
	}

	dir := t.TempDir()
	whole := filepath.Join(dir, "supplies.gpkg")
	// Four a page: the 15 supplies come through next links.
	gdal(t, analyst.token, "ogr2ogr", "-f", "GPKG", whole, ogc, "supplies", "-oo", "PAGE_SIZE=4")
	got := gpkgFeatures(t, analyst.token, whole, "supplies")
	if len(got) != 15 {
		t.Fatalf("the GeoPackage has %d supplies, want 15: %v", len(got), numbersOf(got))
	}
	// Each geometry equals the database's to a centimetre (1e-7°).
	for _, f := range got {
		resp, body := admin.do("GET", "/api/v1/supplies/"+f.number(), http.Header{"Accept": {"application/geo+json"}}, nil)
		admin.status(http.StatusOK, resp, body)
		var db struct {
			Features []struct {
				Geometry struct {
					Coordinates [][][][]float64 `json:"coordinates"`
				} `json:"geometry"`
			} `json:"features"`
		}
		if err := json.Unmarshal(body, &db); err != nil || len(db.Features) != 1 {
			t.Fatalf("%s: %v %s", f.number(), err, body)
		}
		want, have := db.Features[0].Geometry.Coordinates, f.Geometry.Coordinates
		if f.Geometry.Type != "MultiPolygon" || len(have) != len(want) || len(have[0][0]) != len(want[0][0]) {
			t.Fatalf("%s: %s %v, the database has %v", f.number(), f.Geometry.Type, have, want)
		}
		for i, p := range want[0][0] {
			if q := have[0][0][i]; abs(q[0]-p[0]) > 1e-7 || abs(q[1]-p[1]) > 1e-7 {
				t.Errorf("%s vertex %d: %v, the database has %v", f.number(), i, q, p)
			}
		}
	}

	// Filtered on the server by CQL2, and by a box in Gauss-Krüger zone 39:
	// the collection's URL with the parameters, which the driver passes on
	// to every items request (the -where of ogr2ogr would filter in GDAL).
	collection := srv.URL + "/ogc/collections/supplies?"
	for _, tc := range []struct {
		name, query string
		want        []string
	}{
		{"a CQL2 filter", "filter=" + url.QueryEscape("area_ha BETWEEN 2 AND 3 AND contract_date < DATE('2026-03-01')"), []string{"1306262026B00101"}},
		{"a Gauss-Krüger box", "bbox=" + gkBox(115.725, 39.15, 115.765, 39.25) + "&bbox-crs=" + url.QueryEscape(epsgBase+"4527"),
			[]string{"1306262026B00103", "1306262026B00104", "1306262026B00105", "1306262026B00106"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".gpkg")
			// One a page: the driver appends the parameters to every next
			// link it follows, and the links must not grow by them.
			gdal(t, analyst.token, "ogr2ogr", "-f", "GPKG", file, "OAPIF:"+collection+tc.query, "-nln", "supplies", "-oo", "PAGE_SIZE=1")
			if got := numbersOf(gpkgFeatures(t, analyst.token, file, "supplies")); !slices.Equal(got, tc.want) {
				t.Errorf("%v, want %v", got, tc.want)
			}
		})
	}
}
