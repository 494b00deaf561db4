package main

import (
	"context"
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"landwatch/importer/importtest"
	"landwatch/land"
	"landwatch/reference"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"

	"github.com/jackc/pgx/v5"
)

// A county's historical import goes through the same use case as a record
// entered by hand: a parcel that copies one already in the register gets
// its overlap finding from the import itself, with no batch scan, and the
// report and the screen list the overlap.
func TestCommandLineImportOfADuplicatedParcelRecordsTheOverlap(t *testing.T) {
	bin := buildBinary(t)
	dbURL := sqltest.URL(t)
	dir := t.TempDir()
	parcel := `{"type":"Polygon","coordinates":[[[115.780,39.260],[115.781,39.260],[115.781,39.261],[115.780,39.261],[115.780,39.260]]]}`
	file := func(name, number string) string {
		path := filepath.Join(dir, name)
		fc := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"e_number":"` + number +
			`","project_name":"历史数据","method":"挂牌出让","land_use_original":"工业用地","area_ha":0.96,"contract_date":"2018-06-01"},"geometry":` + parcel + `}]}`
		if err := os.WriteFile(path, []byte(fc), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	importFile := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"import"}, args...)...)
		cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("import %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	if out := importFile(file("first.geojson", "1306262018B00901")); strings.Contains(out, "overlap:") {
		t.Errorf("the first parcel overlaps something:\n%s", out)
	}
	report := filepath.Join(dir, "report.json")
	out := importFile("--report", report, file("copy.geojson", "1306262018B00902"))
	if !strings.Contains(out, "overlap: parcel") || !strings.Contains(out, "of supply 1306262018B00901") {
		t.Errorf("the screen does not list the overlap:\n%s", out)
	}
	var rep struct {
		Overlaps []struct {
			OtherENumber string  `json:"other_e_number"`
			Share        float64 `json:"share"`
			FindingID    int64   `json:"finding_id"`
		} `json:"overlaps"`
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Overlaps) != 1 || rep.Overlaps[0].OtherENumber != "1306262018B00901" || rep.Overlaps[0].Share < 0.999 || rep.Overlaps[0].FindingID == 0 {
		t.Fatalf("report overlaps = %s", b)
	}

	svc, err := supervision.Open(context.Background(), supervision.Config{DatabaseURL: dbURL})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	findings, _, _, err := svc.ListFindings(context.Background(), land.SystemScope("test"), sql.FindingFilter{Kind: "overlap", Status: "open"})
	if err != nil || len(findings) != 1 || findings[0].ID != rep.Overlaps[0].FindingID {
		t.Fatalf("open overlap findings = %+v %v; want the one the report names", findings, err)
	}
}

// The screen says, for each table, which columns were read as which field
// and which were not, so that a clerk sees what happened without reading
// the code.
func TestCommandLineImportSaysWhatBecameOfEachColumn(t *testing.T) {
	bin := buildBinary(t)
	b, err := fs.ReadFile(reference.FS, "landchina/supply_results_2018-12.csv")
	if err != nil {
		t.Fatal(err)
	}
	// An extra column no land office names the same way, with a value in
	// every row.
	var text strings.Builder
	for i, line := range strings.Split(strings.TrimRight(string(b), "\r\n"), "\n") {
		extra := ",经办人备注"
		if i > 0 {
			extra = ",已核"
		}
		text.WriteString(strings.TrimRight(line, "\r") + extra + "\n")
	}
	file := filepath.Join(t.TempDir(), "results.csv")
	if err := os.WriteFile(file, []byte(text.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "import", "--dry-run", file)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+sqltest.URL(t))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), file+": ") || !strings.Contains(string(out), "电子监管号→e_number") ||
		!strings.Contains(string(out), "1 not read (经办人备注)") {
		t.Errorf("the screen does not say what became of the columns:\n%s", out)
	}
}

// A land office's workbook of the 203 reference results (a title row, typed
// cells, a sheet of notes) imports with the CSV's counts by method, and the
// CSV imported after it finds every record unchanged: the two files are read
// as the same records.
func TestCommandLineImportOfAWorkbookEqualsTheCSV(t *testing.T) {
	bin := buildBinary(t)
	dbURL := sqltest.URL(t)
	dir := t.TempDir()
	book := filepath.Join(dir, "2018年12月供地结果.xlsx")
	if err := os.WriteFile(book, importtest.ReferenceWorkbook(t), 0o644); err != nil {
		t.Fatal(err)
	}
	csvFile := filepath.Join(dir, "supply_results.csv")
	raw, err := fs.ReadFile(reference.FS, importtest.ReferenceFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(csvFile, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	importFile := func(file string) string {
		t.Helper()
		cmd := exec.Command(bin, "import", file)
		cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("import %s: %v\n%s", file, err, out)
		}
		return string(out)
	}
	out := importFile(book)
	if !strings.Contains(out, book+"!供地结果: ") || !strings.Contains(out, "电子监管号→e_number") {
		t.Errorf("the screen does not say what was read from the sheet:\n%s", out)
	}
	svc, err := supervision.Open(context.Background(), supervision.Config{DatabaseURL: dbURL})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	rows, err := svc.Store().Pool().Query(context.Background(), `SELECT method, count(*)::int FROM supply GROUP BY method`)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	var m string
	var n int
	if _, err := pgx.ForEachRow(rows, []any{&m, &n}, func() error { counts[m] = n; return nil }); err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"1": 101, "23": 62, "22": 26, "3": 14}; !maps.Equal(counts, want) {
		t.Errorf("supplies by method after the workbook: %v, want %v", counts, want)
	}
	if out := importFile(csvFile); !strings.Contains(out, "203 unchanged") {
		t.Errorf("the CSV after the workbook does not find its 203 records unchanged:\n%s", out)
	}
}

// A long import says how far it has come; a short one prints its report
// alone.
func TestImportProgressSpeaksOnlyOnceTheImportIsLong(t *testing.T) {
	var out strings.Builder
	clock := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	p := newImportProgress(&out, func() time.Time { return clock })
	at := func(d time.Duration, step string, done, total int) {
		clock = clock.Add(d)
		p.Progress(step, done, total)
	}
	at(0, "reading city.geojson", 0, 1)
	at(time.Second, "reading city.geojson", 1, 1)
	at(0, "supplies", 0, 6000)
	at(500*time.Millisecond, "supplies", 2000, 6000)
	if out.Len() != 0 {
		t.Fatalf("said in the first two seconds:\n%s", out.String())
	}
	at(time.Second, "supplies", 4000, 6000) // 2.5 s in: the first line
	at(time.Second, "supplies", 5000, 6000) // 1 s after it: quiet
	at(100*time.Millisecond, "supplies", 6000, 6000)
	at(0, "boundaries", 0, 6000)
	at(3*time.Second, "boundaries", 500, 6000)
	at(0, "reading more.txt", 0, 1)
	at(time.Second, "reading more.txt", 1, 1)
	// A GeoJSON file's supplies, written as they are read.
	at(0, "supplies", 0, 256)
	at(3*time.Second, "supplies", 2000, 2048)
	at(3*time.Second, "supplies", 3000, 3000)
	want := "landwatch: import: supplies: 4000 of 6000 (2.5s)\n" +
		"landwatch: import: supplies: 6000 of 6000 (3.6s)\n" +
		"landwatch: import: boundaries: 0 of 6000 (3.6s)\n" +
		"landwatch: import: boundaries: 500 of 6000 (6.6s)\n" +
		"landwatch: import: reading more.txt… (6.6s)\n" +
		"landwatch: import: reading more.txt: done (7.6s)\n" +
		"landwatch: import: supplies: 0 of 256 (7.6s)\n" +
		"landwatch: import: supplies: 2000 of 2048 read so far (10.6s)\n" +
		"landwatch: import: supplies: 3000 of 3000 (13.6s)\n"
	if out.String() != want {
		t.Errorf("said\n%s\nwant\n%s", out.String(), want)
	}
}
