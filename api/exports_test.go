package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"landwatch/importer"
	"landwatch/land"
)

// exportOf fetches an export as client c and returns its body.
func exportOf(t *testing.T, c testClient, path string) []byte {
	t.Helper()
	resp, body := c.do("GET", path, nil, nil)
	c.status(http.StatusOK, resp, body)
	return body
}

// dbRing is the outer ring of the first polygon of a supply as the API
// answers it.
func dbRing(t *testing.T, c testClient, number string) [][]float64 {
	t.Helper()
	resp, body := c.do("GET", "/api/v1/supplies/"+number, http.Header{"Accept": {"application/geo+json"}}, nil)
	c.status(http.StatusOK, resp, body)
	var fc struct {
		Features []struct {
			Geometry struct {
				Coordinates [][][][]float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(body, &fc); err != nil || len(fc.Features) == 0 {
		t.Fatalf("%s: %v %s", number, err, body)
	}
	return fc.Features[0].Geometry.Coordinates[0][0]
}

func TestACoordinateFileExportedImportsToTheSameGeometry(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ogcRegister(t, ts)
	body := exportOf(t, admin, "/api/v1/exports/supplies.txt?region=130626")
	if bytes.Contains(body, []byte("属性描述")) {
		t.Fatal("the file is UTF-8, not GBK")
	}
	b := importer.ParseCoordinateFile("supplies.txt", bytes.NewReader(body))
	if len(b.Rejected) > 0 || len(b.Warnings) > 0 {
		t.Fatalf("rejected %v, warnings %v", b.Rejected, b.Warnings)
	}
	if len(b.Parcels) != 12 {
		t.Fatalf("%d parcels, want the 12 of county 130626", len(b.Parcels))
	}
	for _, p := range b.Parcels {
		want := dbRing(t, admin, p.SupplyKey)
		got := p.Parcel.Geometry[0][0]
		if len(got) != len(want) {
			t.Fatalf("%s: %d points, the database has %d", p.SupplyKey, len(got), len(want))
		}
		for i, q := range want {
			// 3 decimals in metres: half a millimetre, 5e-9° at most.
			if math.Abs(got[i][0]-q[0]) > 1e-8 || math.Abs(got[i][1]-q[1]) > 1e-8 {
				t.Errorf("%s point %d: %v, the database has %v", p.SupplyKey, i, got[i], q)
			}
		}
	}
	// And into the register again: the parcels are its own, unchanged.
	resp, report := admin.do("POST", "/api/v1/imports?name=supplies.txt&dry_run=true", nil, body)
	admin.status(http.StatusOK, resp, report)
	if !bytes.Contains(report, []byte(`"rejected":[]`)) {
		t.Errorf("the import rejects parcels: %s", report)
	}
}

func TestTheCSVExportImportsToTheSameSupplies(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ogcRegister(t, ts)
	body := exportOf(t, admin, "/api/v1/exports/supplies.csv")
	if !bytes.HasPrefix(body, []byte("\uFEFF行政区,电子监管号")) {
		t.Fatalf("not UTF-8 with a BOM and the supply result headers: %.80s", body)
	}
	if n := bytes.Count(body, []byte("\r\n")); n != 16 {
		t.Fatalf("%d lines, want a header and 15 supplies", n)
	}
	report := postImport(t, admin, "supplies.csv", body)
	if report.Unchanged != 15 || report.Updated != 0 || report.Created != 0 || len(report.Rejected) != 0 {
		t.Errorf("the import changed the register: %+v", report)
	}
}

// twoParcels is a FeatureCollection of two parcels sharing an edge at
// lon + 0.001: A1, declared 0.9 ha, and A2, declared nothing and of a
// land use of its own.
func twoParcels(lon, lat float64) string {
	parcel := func(number, name, more string, lon float64) string {
		return `{"type":"Feature","properties":{"number":"` + number + `","name":"` + name + `"` + more + `},"geometry":` + square(lon, lat, 0.001) + `}`
	}
	return `{"type":"FeatureCollection","features":[` + parcel("A1", "西块", `,"declared_area_ha":0.9`, lon) + `,` +
		parcel("A2", "东块", `,"land_use":"0501"`, lon+0.001) + `]}`
}

// parcelsOfFeatures lists the parcel columns and geometry type of the
// features of a GeoJSON export whose key property is value.
func parcelsOfFeatures(t *testing.T, body []byte, key, value string) (features int, parcels string) {
	t.Helper()
	var fc struct {
		Features []struct {
			Geometry   struct{ Type string } `json:"geometry"`
			Properties map[string]any        `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(body, &fc); err != nil {
		t.Fatal(err)
	}
	var list []string
	for _, f := range fc.Features {
		if f.Properties[key] == value {
			p := f.Properties
			list = append(list, fmt.Sprintf("%v %v %v %v %s", p["parcel_number"], p["parcel_name"], p["declared_area_ha"], p["parcel_land_use"], f.Geometry.Type))
		}
	}
	return len(fc.Features), strings.Join(list, "; ")
}

// TestRecordsOfSeveralParcelsExportAFeatureEach: a supply of two parcels
// sharing an edge is two features of the supplies' GeoJSON, each with its
// number and name, and the file imported again changes nothing and warns
// of no row twice; a
// reserve's parcels are drawn so too. As one MultiPolygon a record its
// parcels lost their numbers, and parts sharing an edge made it invalid:
// the import rejected such a supply and replaced the parcels of every
// other.
func TestRecordsOfSeveralParcelsExportAFeatureEach(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ogcRegister(t, ts)
	for path, body := range map[string]string{
		"/api/v1/supplies": `{"e_number":"1306262026B00200","method":"23","project_name":"两宗地","area_ha":2,"land_use_original":"0701",
"contract_date":"2026-05-10","parcels":` + twoParcels(115.9, 39.2) + `}`,
		"/api/v1/reserves": `{"number":"CB130626-2026-09","region_code":"130626","location":"城东","area_ha":2,"acquisition":"收购",
"taken_on":"2026-02-05","planned_use_original":"0701","parcels":` + twoParcels(115.9, 39.3) + `}`,
	} {
		resp, b := admin.do("POST", path, nil, []byte(body))
		admin.status(http.StatusCreated, resp, b)
	}
	// A1 was given no land use of its own: it has its supply's.
	const want = "A1 西块 0.9  MultiPolygon; A2 东块 <nil> 0501 MultiPolygon"

	body := exportOf(t, admin, "/api/v1/exports/supplies.geojson?region=130626")
	if n, parcels := parcelsOfFeatures(t, body, "e_number", "1306262026B00200"); n != 14 || parcels != want {
		t.Fatalf("%d features, the two-parcel supply's: %q; want 14, a feature for each of its parcels", n, parcels)
	}
	// Read again, each parcel is as it was: its own declared area (none,
	// not its supply's 2 ha) and its own land use, else its supply's.
	var again []string
	for _, p := range importer.ParseGeoJSON("supplies.geojson", bytes.NewReader(body)).Parcels {
		if p.SupplyKey == "1306262026B00200" {
			again = append(again, fmt.Sprintf("%s %g %s", p.Parcel.Number, p.Parcel.DeclaredAreaHa, p.Parcel.LandUse))
		}
	}
	if got := strings.Join(again, "; "); got != "A1 0.9 0701; A2 0 0501" {
		t.Errorf("the parcels read again: %q, want A1 0.9 0701; A2 0 0501", got)
	}
	report := postImport(t, admin, "supplies.geojson&dry_run=true", body)
	if report.Unchanged != report.Accepted || report.Accepted == 0 || report.Created != 0 || report.Updated != 0 || len(report.Rejected) != 0 {
		t.Errorf("the export imported again changes the register: %+v", report)
	}
	for _, w := range report.Warnings {
		if strings.Contains(w.Message, "read once") { // a supply repeated on its parcels' features is the file's form
			t.Errorf("the supply of two parcels warned as a row twice: %s", w.Message)
		}
		if strings.Contains(w.Message, "unknown column") { // the map's columns (stage, region and land use codes) are known
			t.Errorf("a column of the export is unknown to the import: %s", w.Message)
		}
	}

	body = exportOf(t, admin, "/api/v1/exports/reserves.geojson")
	if n, parcels := parcelsOfFeatures(t, body, "number", "CB130626-2026-09"); n != 2 || parcels != want {
		t.Errorf("%d features, the reserve's: %q; want 2, a feature for each of its parcels", n, parcels)
	}
}

// gdalInstalled skips a test without GDAL's programs.
func gdalInstalled(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"ogrinfo", "ogr2ogr"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt install gdal-bin)", tool)
		}
	}
}

func TestExportsOpenInGDAL(t *testing.T) {
	gdalInstalled(t)
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ogcRegister(t, ts)
	// GDAL's token is made as the README tells a GIS engineer to.
	token := gisToken(admin, "root")
	dir := t.TempDir()
	save := func(name string) string {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, exportOf(t, admin, "/api/v1/exports/"+name), 0o600); err != nil {
			t.Fatal(err)
		}
		return file
	}

	t.Run("the GeoPackage lists its layer in EPSG:4490 with the database's geometries", func(t *testing.T) {
		file := save("supplies.gpkg")
		info := gdal(t, token, "ogrinfo", "-so", "-al", file)
		// The columns a GIS user styles the parcels by, as the map colours them.
		for _, want := range []string{"Layer name: supplies", "Feature Count: 15", `ID["EPSG",4490]`,
			"region_code: String", "land_use_code: String", "stage: String"} {
			if !strings.Contains(info, want) {
				t.Errorf("ogrinfo does not say %s:\n%s", want, info)
			}
		}
		for _, f := range gpkgFeatures(t, token, file, "supplies") {
			var sup struct {
				RegionCode  string `json:"region_code"`
				LandUseCode string `json:"land_use_code"`
				Stage       string `json:"stage"`
			}
			resp, b := admin.do("GET", "/api/v1/supplies/"+f.number(), nil, nil)
			admin.status(http.StatusOK, resp, b)
			if err := json.Unmarshal(b, &sup); err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(f.Properties["region_code"], " ", f.Properties["land_use_code"], " ", f.Properties["stage"]); got != sup.RegionCode+" "+sup.LandUseCode+" "+sup.Stage {
				t.Errorf("%s: region, land use and stage %q; the register has %q", f.number(), got, sup.RegionCode+" "+sup.LandUseCode+" "+sup.Stage)
			}
			want := dbRing(t, admin, f.number())
			got := f.Geometry.Coordinates[0][0]
			for i, q := range want {
				if abs(got[i][0]-q[0]) > 1e-7 || abs(got[i][1]-q[1]) > 1e-7 { // a centimetre
					t.Errorf("%s vertex %d: %v, the database has %v", f.number(), i, got[i], q)
				}
			}
		}
	})

	t.Run("the workbook read by GDAL has the register's sums", func(t *testing.T) {
		file := save("supplies.xlsx")
		out := gdal(t, token, "ogr2ogr", "-f", "GeoJSON", "/vsistdout/", file, "-oo", "HEADERS=FORCE", "-oo", "FIELD_TYPES=AUTO")
		var fc struct {
			Features []struct {
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal([]byte(out), &fc); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		sum := 0.0
		for _, f := range fc.Features {
			area, ok := f.Properties["面积(公顷)"].(float64)
			if !ok {
				t.Fatalf("the area is not a number: %v", f.Properties)
			}
			if d, _ := f.Properties["合同签订日期"].(string); !strings.HasPrefix(d, "2026/") && !strings.HasPrefix(d, "2026-") {
				t.Fatalf("the contract date is not a date: %v", f.Properties["合同签订日期"])
			}
			sum += area
		}
		// 1 + 2 + … + 12 hectares in county A, 3 × 2 in county B.
		if len(fc.Features) != 15 || sum != 84 {
			t.Errorf("%d rows summing to %g ha, want 15 and 84", len(fc.Features), sum)
		}
	})
}

func TestExportsAreCoordinates(t *testing.T) {
	t.Parallel()
	external := newTestServer(t, func(c *Config) { c.Profile = ProfileExternal })
	analyst := external.account(t, "gis", land.RoleAnalyst, land.NationCode)
	resp, body := analyst.do("GET", "/api/v1/exports/supplies.csv", nil, nil)
	analyst.status(http.StatusForbidden, resp, body)

	ts := newTestServer(t, nil)
	admin := ogcRegister(t, ts)
	exportOf(t, admin, "/api/v1/exports/findings.csv?kind=overlap")
	exportOf(t, admin, "/api/v1/exports/overlaps.xlsx?region=130626")
	exportOf(t, admin, "/api/v1/exports/parcels.geojson?region=130627")
	for path, status := range map[string]int{
		"/api/v1/exports/findings.txt":           http.StatusBadRequest,
		"/api/v1/exports/plots.csv":              http.StatusNotFound,
		"/api/v1/exports/supplies.csv?limit=3":   http.StatusBadRequest,
		"/api/v1/exports/supplies.csv?stage=bad": http.StatusBadRequest,
	} {
		resp, body := admin.do("GET", path, nil, nil)
		admin.status(status, resp, body)
	}
	resp, body = admin.do("GET", "/api/v1/audit?action=export", nil, nil)
	admin.status(http.StatusOK, resp, body)
	if !bytes.Contains(body, []byte(`parcels.geojson`)) || !bytes.Contains(body, []byte(`region=130627`)) {
		t.Errorf("the audit log has no export with its filters: %s", body)
	}
	var geo struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(exportOf(t, admin, "/api/v1/exports/parcels.geojson?region=130627"), &geo); err != nil || len(geo.Features) != 3 {
		t.Errorf("%v: %d parcels, want 3", err, len(geo.Features))
	}
}
