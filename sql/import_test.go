package sql_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"landwatch/importer"
	"landwatch/land"
	"landwatch/reference"
	"landwatch/seed"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

func parseReferenceCSV(t *testing.T) land.Batch {
	t.Helper()
	f, err := reference.FS.Open("landchina/supply_results_2018-12.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return parseAs(t, "supply_results_2018-12.csv", f)
}

// referenceWithNewHolder is the published supply results with the first
// supply's holder changed to "变更后的权利人".
func referenceWithNewHolder(t *testing.T) land.Batch {
	t.Helper()
	b := parseReferenceCSV(t)
	b.Supplies[0].Supply.Holder = "变更后的权利人"
	return b
}

// importAs imports b as the import's system user; an error ends the test.
func importAs(t *testing.T, st *sql.Store, b land.Batch) *sql.ImportReport {
	t.Helper()
	rep, err := st.Import(context.Background(), land.SystemScope("import"), b, sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestImportOfThe203PublishedSupplyResults(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	rep, err := st.Import(ctx, land.SystemScope("import"), parseReferenceCSV(t), sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Accepted != 203 || rep.Created != 203 || len(rep.Rejected) != 0 {
		t.Fatalf("first import: accepted %d created %d rejected %v", rep.Accepted, rep.Created, rep.Rejected)
	}
	rows, err := st.Pool().Query(ctx, `SELECT method, count(*) FROM supply GROUP BY method`)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for rows.Next() {
		var m string
		var n int
		if err := rows.Scan(&m, &n); err != nil {
			t.Fatal(err)
		}
		counts[m] = n
	}
	want := map[string]int{"1": 101, "23": 62, "22": 26, "3": 14}
	for m, n := range want {
		if counts[m] != n {
			t.Errorf("%s (%s): %d supplies, want %d", land.MethodName(m), m, counts[m], n)
		}
	}
	var unmapped int
	if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM supply WHERE land_use_code !~ '^[0-9]{2,4}$'`).Scan(&unmapped); err != nil || unmapped != 0 {
		t.Errorf("supplies without a GB/T 21010-2017 code: %d (%v)", unmapped, err)
	}

	t.Run("importing the same file again changes nothing", func(t *testing.T) {
		var before int
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM history`).Scan(&before); err != nil {
			t.Fatal(err)
		}
		rep, err := st.Import(ctx, land.SystemScope("import"), parseReferenceCSV(t), sql.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Unchanged != 203 || rep.Created+rep.Updated != 0 {
			t.Errorf("re-import: created %d updated %d unchanged %d", rep.Created, rep.Updated, rep.Unchanged)
		}
		var after int
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM history`).Scan(&after); err != nil {
			t.Fatal(err)
		}
		if after != before {
			t.Errorf("history grew from %d to %d versions on an unchanged re-import", before, after)
		}
	})

	t.Run("a changed row becomes a new version", func(t *testing.T) {
		b := referenceWithNewHolder(t)
		rep := importAs(t, st, b)
		if rep.Updated != 1 || rep.Unchanged != 202 {
			t.Errorf("updated %d unchanged %d, want 1 and 202", rep.Updated, rep.Unchanged)
		}
		got, err := st.GetSupply(ctx, land.SystemScope("test"), b.Supplies[0].Supply.ENumber)
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != 2 || got.Holder != "变更后的权利人" {
			t.Errorf("version %d holder %q", got.Version, got.Holder)
		}
	})
}

// holeFile is a coordinate file with one parcel: a 100 m square with a 20 m
// square hole (0.96 ha), zone 39 eastings with the zone in front.
const holeFile = `[属性描述]
格式版本号=1.01版本
坐标系=2000国家大地坐标系
几度分带=3
投影类型=高斯克吕格
计量单位=米
带号=39
[地块坐标]
10,0.9600,1306262018B00735,测试地块,面,,,,@
J1,1,4348000.000,39393000.000
J2,1,4348000.000,39393100.000
J3,1,4348100.000,39393100.000
J4,1,4348100.000,39393000.000
J1,1,4348000.000,39393000.000
J5,2,4348040.000,39393040.000
J6,2,4348060.000,39393040.000
J7,2,4348060.000,39393060.000
J8,2,4348040.000,39393060.000
J5,2,4348040.000,39393040.000
`

func TestImportOfACoordinateFileWithAHole(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	sup := sqltest.NewSupply("1306262018B00735")
	sup.Parcels = nil
	if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sup); err != nil {
		t.Fatal(err)
	}
	parse := func(text string) land.Batch {
		b, err := importer.Parse("hole.txt", strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	rep, err := st.Import(ctx, land.SystemScope("import"), parse(holeFile), sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Accepted != 1 || len(rep.Rejected) != 0 {
		t.Fatalf("accepted %d rejected %v", rep.Accepted, rep.Rejected)
	}
	var ours, postgis float64
	var epsg int
	err = st.Pool().QueryRow(ctx, `SELECT plane_area_m2, gk_epsg, ST_Area(ST_Transform(geom, 4527)) FROM parcel`).Scan(&ours, &epsg, &postgis)
	if err != nil {
		t.Fatal(err)
	}
	if ours < 9599.99 || ours > 9600.01 || epsg != 4527 {
		t.Errorf("plane area %.4f m² in EPSG:%d, want 9600 in 4527", ours, epsg)
	}
	if d := ours - postgis; d > 0.001 || d < -0.001 {
		t.Errorf("PostGIS says %.4f m², we say %.4f", postgis, ours)
	}

	t.Run("parcels of an unknown supply are rejected with their line", func(t *testing.T) {
		rep, err := st.Import(ctx, land.SystemScope("import"), parse(strings.Replace(holeFile, "1306262018B00735", "1306262018B09999", 1)), sql.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Rejected) != 1 || rep.Rejected[0].Line != 9 || rep.Accepted != 0 {
			t.Errorf("report = %+v, want one rejection on line 9", rep)
		}
	})

	t.Run("a dry run keeps nothing", func(t *testing.T) {
		moved := strings.ReplaceAll(holeFile, "4348", "4349")
		rep, err := st.Import(ctx, land.SystemScope("import"), parse(moved), sql.ImportOptions{DryRun: true})
		if err != nil || rep.Updated != 1 {
			t.Fatalf("dry run: %+v %v", rep, err)
		}
		var n int
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM parcel WHERE ST_YMin(geom) > 39.27`).Scan(&n); err != nil || n != 0 {
			t.Errorf("moved parcels after a dry run: %d (%v)", n, err)
		}
	})
}

// An import writes the stage its events give each supply, and only the
// stages that move: the supplies the file gives no event keep the one
// they were created with.
func TestImportedSuppliesTakeTheStageOfTheirEvents(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	b := parseReferenceCSV(t)
	// The published file carries no events: a few supplies get a
	// delivery, as a file of the office gives them.
	for i := 0; i < len(b.Supplies); i += 10 {
		r := &b.Supplies[i]
		on := land.NewDate(2019, 6, 1)
		r.Events = append(r.Events, land.Event{Kind: land.EventDelivery, OccurredOn: on, RecordedBy: "import", Imported: true})
	}
	rep, err := st.Import(ctx, land.SystemScope("import"), b, sql.ImportOptions{})
	if err != nil || len(rep.Rejected) != 0 {
		t.Fatal(err, rep.Rejected)
	}
	rows, err := st.Pool().Query(ctx, `SELECT s.id, s.stage, e.kind, e.occurred_on
FROM supply s LEFT JOIN event e ON e.supply_id = s.id AND NOT e.withdrawn ORDER BY s.id, e.occurred_on, e.id`)
	if err != nil {
		t.Fatal(err)
	}
	stages := map[int64]string{}
	events := map[int64][]land.Event{}
	for rows.Next() {
		var id int64
		var stage string
		var kind *string
		var on *time.Time
		if err := rows.Scan(&id, &stage, &kind, &on); err != nil {
			t.Fatal(err)
		}
		stages[id] = stage
		if kind != nil {
			events[id] = append(events[id], land.Event{Kind: land.EventKind(*kind), OccurredOn: land.DateOf(*on)})
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	moved := 0
	for id, stage := range stages {
		want := string(land.DeriveStage(events[id]))
		if stage != want {
			t.Errorf("supply %d: stage %q, its events give %q", id, stage, want)
		}
		if want != string(land.DeriveStage(nil)) {
			moved++
		}
	}
	if len(stages) != 203 || moved == 0 {
		t.Fatalf("%d supplies, %d of them moved past their first stage by imported events", len(stages), moved)
	}
}

// A stream's supplies are written as its GeoJSON file is read. When that
// file turns out to break off, the supplies it gave are rolled back and the
// import is made again without them: the other file's supplies are in, the
// broken file's are not, and the report says why.
func TestAStreamWhoseFileBreaksOffKeepsNothingOfIt(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	demo := genCity(t, 1500, 1)
	var geo bytes.Buffer
	if err := seed.WriteGeoJSON(&geo, demo); err != nil {
		t.Fatal(err)
	}
	csv, err := fs.ReadFile(reference.FS, "landchina/supply_results_2018-12.csv")
	if err != nil {
		t.Fatal(err)
	}
	read := func(geojson []byte) land.Stream {
		s, err := importer.ReadStream([]importer.File{{Name: "results.csv", R: bytes.NewReader(csv)},
			{Name: "city.geojson", R: bytes.NewReader(geojson)}}, importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	cut := geo.Bytes()[:geo.Len()*9/10]
	rep, err := st.ImportStream(ctx, land.SystemScope("import"), read(cut), sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var supplies int
	if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM supply`).Scan(&supplies); err != nil {
		t.Fatal(err)
	}
	if supplies != 203 || rep.Created != 203 || len(rep.Rejected) != 1 || !strings.Contains(rep.Rejected[0].Reason, "breaks off") {
		t.Fatalf("%d supplies kept, %d created, rejected %+v; want the CSV's 203 and the break", supplies, rep.Created, rep.Rejected)
	}

	t.Run("the whole file is written as it is read", func(t *testing.T) {
		var steps []string
		rep, err := st.ImportStream(ctx, land.SystemScope("import"), read(geo.Bytes()), sql.ImportOptions{
			Progress: func(step string, done, total int) { steps = append(steps, fmt.Sprintf("%s %d/%d", step, done, total)) }})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM supply`).Scan(&supplies); err != nil {
			t.Fatal(err)
		}
		if want := 203 + len(demo.Supplies); supplies != want || rep.Unchanged != 203 || len(rep.Rejected) != 0 {
			t.Errorf("%d supplies, %d unchanged, rejected %+v; want %d, the CSV's 203 unchanged", supplies, rep.Unchanged, rep.Rejected, want)
		}
		read := fmt.Sprintf("supplies %d/%d", 203+len(demo.Supplies), 203+len(demo.Supplies))
		if !slices.Contains(steps, "supplies 0/203") || !slices.Contains(steps, read) {
			t.Errorf("progress %v: want the supplies told of from the CSV's first block to %q", steps, read)
		}
	})
}

// An import stopped while its file is still being read (the client gone)
// ends with the context's error and leaves nothing written; the checking
// of supplies and the reading of the file stop with it.
func TestAStreamedImportStoppedMidwayLeavesNothing(t *testing.T) {
	st := sqltest.Store(t)
	var geo bytes.Buffer
	if err := seed.WriteGeoJSON(&geo, genCity(t, 6000, 1)); err != nil {
		t.Fatal(err)
	}
	stream, err := importer.ReadStream([]importer.File{{Name: "city.geojson", R: &geo}}, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	written := 0
	_, err = st.ImportStream(ctx, land.SystemScope("import"), stream, sql.ImportOptions{Progress: func(step string, done, total int) {
		if step == "supplies" && done > 0 {
			written = done
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || written == 0 {
		t.Fatalf("error %v after %d supplies written; want the context's, midway", err, written)
	}
	var supplies int
	if err := st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM supply`).Scan(&supplies); err != nil || supplies != 0 {
		t.Errorf("%d supplies left behind (%v)", supplies, err)
	}
}

// A column a file does not have leaves its field as it is stored: the
// published supply results have no 合同编号, no existing construction land
// and no instalments column of their own here, and importing them again
// must not blank what a clerk entered since. A column the file has, even
// blank, says what the field is. A supply an import changes is reviewed
// again; one it leaves unchanged keeps its approval.
func TestAColumnAFileDoesNotHaveKeepsItsField(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	importAs(t, st, parseReferenceCSV(t))
	num := parseReferenceCSV(t).Supplies[0].Supply.ENumber
	// A clerk completes the record, and it is approved.
	if _, err := st.Pool().Exec(ctx, `UPDATE supply SET contract_number = 'HT-2018-001', existing_construction_ha = 0.5,
		review_status = 'approved' WHERE e_number = $1`, num); err != nil {
		t.Fatal(err)
	}
	review := func(t *testing.T) (status string) {
		t.Helper()
		if err := st.Pool().QueryRow(ctx, `SELECT review_status FROM supply WHERE e_number = $1`, num).Scan(&status); err != nil {
			t.Fatal(err)
		}
		return
	}
	stored := func(t *testing.T) (contract string, existing *float64, holder string, version int) {
		t.Helper()
		if err := st.Pool().QueryRow(ctx, `SELECT contract_number, existing_construction_ha, holder, version FROM supply WHERE e_number = $1`,
			num).Scan(&contract, &existing, &holder, &version); err != nil {
			t.Fatal(err)
		}
		return
	}
	_, _, _, v0 := stored(t)

	t.Run("the same file again changes nothing", func(t *testing.T) {
		rep := importAs(t, st, parseReferenceCSV(t))
		contract, existing, _, v := stored(t)
		if rep.Unchanged != 203 || contract != "HT-2018-001" || existing == nil || *existing != 0.5 || v != v0 {
			t.Errorf("unchanged %d; contract %q, existing %v, version %d (was %d): want 203 and the clerk's values kept", rep.Unchanged, contract, existing, v, v0)
		}
		if r := review(t); r != "approved" {
			t.Errorf("review %s after an unchanged import, want it approved still", r)
		}
	})
	t.Run("a changed row keeps the fields its file has no column for", func(t *testing.T) {
		rep := importAs(t, st, referenceWithNewHolder(t))
		contract, existing, holder, v := stored(t)
		if rep.Updated != 1 || holder != "变更后的权利人" || contract != "HT-2018-001" || existing == nil || *existing != 0.5 || v != v0+1 {
			t.Errorf("updated %d; holder %q, contract %q, existing %v, version %d: want the holder changed, the clerk's values kept, one version more",
				rep.Updated, holder, contract, existing, v)
		}
		if r := review(t); r != "submitted" {
			t.Errorf("review %s after an import changed the supply, want it reviewed again (submitted)", r)
		}
	})
	t.Run("a blank cell of a column the file has empties the field", func(t *testing.T) {
		raw, err := fs.ReadFile(reference.FS, "landchina/supply_results_2018-12.csv")
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimRight(string(raw), "\r\n"), "\n")
		for i := range lines {
			lines[i] = strings.TrimRight(lines[i], "\r") + ","
		}
		lines[0] += "合同编号"
		rep := importAs(t, st, parseAs(t, "with_contract_numbers.csv", strings.NewReader(strings.Join(lines, "\n"))))
		if contract, existing, _, _ := stored(t); rep.Updated != 1 || contract != "" || existing == nil || *existing != 0.5 {
			t.Errorf("updated %d; contract %q, existing %v: want the contract number emptied, the existing land kept", rep.Updated, contract, existing)
		}
	})
	t.Run("a changed supply of a file without instalments keeps them", func(t *testing.T) {
		const number = "1306262018B00730" // one instalment in the published results
		installments := func(t *testing.T) (n int, location string) {
			t.Helper()
			if err := st.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM installment WHERE supply_id = s.id), s.location
				FROM supply s WHERE e_number = $1`, number).Scan(&n, &location); err != nil {
				t.Fatal(err)
			}
			return
		}
		n0, location0 := installments(t)
		geo := `{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": null, "properties": {"e_number": "` + number + `",
			"district_name": "定兴县", "project_name": "河北康城房地产开发有限公司", "method": "挂牌出让", "land_use_original": "其他普通商品住房用地",
			"area_ha": 5.292804, "holder": "新的土地使用权人"}}]}`
		rep := importAs(t, st, parseAs(t, "one.geojson", strings.NewReader(geo)))
		if n, location := installments(t); rep.Updated != 1 || n0 != 1 || n != 1 || location != location0 || location == "" {
			t.Errorf("updated %d; %d instalments (were %d), location %q (was %q): want the supply changed, its instalments and location kept",
				rep.Updated, n, n0, location, location0)
		}
	})
}
