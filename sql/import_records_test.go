package sql_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"landwatch/importer"
	"landwatch/land"
	"landwatch/seed"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// parseImportFixture parses a file of testdata/import.
func parseImportFixture(t *testing.T, name string) land.Batch {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return parseAs(t, name, f)
}

// parseAs parses r as a file called name.
func parseAs(t *testing.T, name string, r io.Reader) land.Batch {
	t.Helper()
	b, err := importer.Parse(name, r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// boundariesOf is the stored boundary set of a supply: its parcels' numbers
// and the text of their geometry, in order.
func boundariesOf(t *testing.T, svc *supervision.Service, id int64) []string {
	t.Helper()
	rows, err := svc.Store().Pool().Query(context.Background(),
		`SELECT number || ' ' || ST_AsText(geom) FROM parcel WHERE supply_id = $1 ORDER BY id`, id)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// createSupply creates a supply of one parcel (sqltest.NewSupply) and
// returns its id.
func createSupply(t *testing.T, svc *supervision.Service, number string) int64 {
	t.Helper()
	w, err := svc.CreateSupply(context.Background(), land.SystemScope("test"), sqltest.NewSupply(number))
	if err != nil {
		t.Fatal(err)
	}
	return w.Supply.ID
}

func TestAFileKeyNamesASupplyByItsESupervisionNumberOnly(t *testing.T) {
	svc := sqltest.Running(t)
	ctx := context.Background()
	first, second := createSupply(t, svc, "1306262018B00701"), createSupply(t, svc, "1306262018B00702")
	if first != 1 || second != 2 {
		t.Fatalf("the first supplies of a fresh schema have ids %d and %d, want 1 and 2", first, second)
	}
	if _, err := svc.Store().Pool().Exec(ctx, `ALTER TABLE supply ALTER COLUMN id RESTART WITH 10031`); err != nil {
		t.Fatal(err)
	}
	third := createSupply(t, svc, "1306262018B00703")
	if third != 10031 {
		t.Fatalf("third supply has id %d, want 10031", third)
	}
	before := map[int64][]string{}
	for _, id := range []int64{first, second, third} {
		before[id] = boundariesOf(t, svc, id)
	}

	rep, err := svc.Import(ctx, land.SystemScope("test"), parseImportFixture(t, "numeric_keys.txt"), sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Accepted != 0 || len(rep.Rejected) != 3 {
		t.Fatalf("accepted %d, rejected %+v; want the 3 parcels rejected", rep.Accepted, rep.Rejected)
	}
	for i, key := range []string{"1", "2", "010031"} {
		r := rep.Rejected[i]
		if r.File != "numeric_keys.txt" || r.Line != 10+6*i || r.Field != "地块编号" || r.Record != key ||
			!strings.Contains(r.Reason, `no supply with e-supervision number "`+key+`"`) {
			t.Errorf("rejection %d = %+v, want line %d, field 地块编号 naming %q", i, r, 10+6*i, key)
		}
	}
	for id, b := range before {
		if got := boundariesOf(t, svc, id); strings.Join(got, "|") != strings.Join(b, "|") {
			t.Errorf("supply %d: boundaries became %v, want %v", id, got, b)
		}
	}

	t.Run("an id named with the supply option attaches the file's parcels", func(t *testing.T) {
		rep, err := svc.Import(ctx, land.SystemScope("test"), parseImportFixture(t, "numeric_keys.txt"),
			sql.ImportOptions{Supply: strconv.FormatInt(second, 10)})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Accepted != 3 || len(rep.Rejected) != 0 {
			t.Fatalf("accepted %d, rejected %+v; want 3 accepted", rep.Accepted, rep.Rejected)
		}
		if got := boundariesOf(t, svc, second); len(got) != 3 || !strings.HasPrefix(got[2], "010031 ") {
			t.Errorf("supply %d has parcels %v, want the file's 3", second, got)
		}
	})

	t.Run("an unknown supply named with the option is a rejection naming it", func(t *testing.T) {
		rep, err := svc.Import(ctx, land.SystemScope("test"), parseImportFixture(t, "numeric_keys.txt"),
			sql.ImportOptions{Supply: "999999"})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Accepted != 0 || len(rep.Rejected) != 3 || !strings.Contains(rep.Rejected[0].Reason, `"999999"`) {
			t.Errorf("accepted %d, rejected %+v; want 3 rejections naming 999999", rep.Accepted, rep.Rejected)
		}
	})
}

func TestASupplysBoundariesAreReplacedWholeOrNotAtAll(t *testing.T) {
	svc := sqltest.Running(t)
	ctx := context.Background()
	id := createSupply(t, svc, "1306262018B00750")
	before := boundariesOf(t, svc, id)
	if len(before) != 1 {
		t.Fatalf("the supply starts with %d parcels, want 1", len(before))
	}

	for _, c := range []struct {
		name, file string
		o          sql.ImportOptions
	}{
		{"two parcels named by the supply option, the second with letters in X", "numeric_keys_second_bad_x.txt",
			sql.ImportOptions{Supply: "1306262018B00750"}},
		{"the same supply option given as the supply's id", "numeric_keys_second_bad_x.txt",
			sql.ImportOptions{Supply: strconv.FormatInt(id, 10)}},
		{"two parcels of one supply by their 地块编号, the second with letters in X", "one_supply_second_bad_x.txt",
			sql.ImportOptions{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep, err := svc.Import(ctx, land.SystemScope("test"), parseImportFixture(t, c.file), c.o)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Accepted != 0 || rep.Created+rep.Updated != 0 || len(rep.BoundariesChanged) != 0 {
				t.Errorf("accepted %d created %d updated %d changed %v; want nothing written",
					rep.Accepted, rep.Created, rep.Updated, rep.BoundariesChanged)
			}
			lines := map[int]bool{}
			for _, r := range rep.Rejected {
				if r.File == c.file {
					lines[r.Line] = true
				}
			}
			if !lines[10] || !lines[19] || len(rep.Rejected) != 2 {
				t.Errorf("rejected %+v; want the parcel at line 10 and the bad X at line 19", rep.Rejected)
			}
			if got := boundariesOf(t, svc, id); strings.Join(got, "|") != strings.Join(before, "|") {
				t.Errorf("boundaries became %v, want the old %v", got, before)
			}
		})
	}
}

func TestAParcelWhoseWriteFailsRejectsItsSuppliesWholeBoundarySetOnly(t *testing.T) {
	svc := sqltest.Running(t)
	ctx := context.Background()
	broken, good := createSupply(t, svc, "1306262018B00750"), createSupply(t, svc, "1306262018B00751")
	before := boundariesOf(t, svc, broken)
	b := parseImportFixture(t, "two_supplies.txt")
	if len(b.Parcels) != 3 || len(b.Rejected) != 0 {
		t.Fatalf("the fixture gave %d parcels and %v rejections, want 3 and none", len(b.Parcels), b.Rejected)
	}
	// PostgreSQL text cannot hold a NUL: the parser lets it through, the
	// INSERT fails.
	b.Parcels[1].Parcel.Name = "坏\x00名"

	rep, err := svc.Import(ctx, land.SystemScope("test"), b, sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Accepted != 1 || rep.Updated != 1 || len(rep.BoundariesChanged) != 1 || rep.BoundariesChanged[0] != good {
		t.Errorf("accepted %d updated %d changed %v; want supply %d's one parcel only",
			rep.Accepted, rep.Updated, rep.BoundariesChanged, good)
	}
	if len(rep.Rejected) != 2 || rep.Rejected[0].Line != 10 || rep.Rejected[1].Line != 16 {
		t.Errorf("rejected %+v; want both parcels of supply %d (lines 10 and 16)", rep.Rejected, broken)
	}
	if got := boundariesOf(t, svc, broken); strings.Join(got, "|") != strings.Join(before, "|") {
		t.Errorf("boundaries of supply %d became %v, want the old %v", broken, got, before)
	}
	if got := boundariesOf(t, svc, good); len(got) != 1 || !strings.HasPrefix(got[0], "1306262018B00751 ") {
		t.Errorf("supply %d has parcels %v, want the file's one", good, got)
	}
}

func TestAnExactDuplicateRowOfASupplyFileIsReadOnceWithAWarning(t *testing.T) {
	svc := sqltest.Running(t)
	rep, err := svc.Import(context.Background(), land.SystemScope("test"), parseImportFixture(t, "duplicate_rows.csv"), sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Accepted != 2 || rep.Created != 2 {
		t.Errorf("accepted %d created %d; want the 2 distinct supplies", rep.Accepted, rep.Created)
	}
	var dup bool
	for _, w := range rep.Warnings {
		if w.Line == 4 && w.Record == "1306262018B00730" && strings.Contains(w.Message, "line 2") {
			dup = true
		}
	}
	if !dup {
		t.Errorf("warnings %+v; want line 4 named as the same row as line 2", rep.Warnings)
	}
	if len(rep.Rejected) != 1 || rep.Rejected[0].Line != 5 || rep.Rejected[0].Field != "e_number" {
		t.Errorf("rejected %+v; want only line 5, whose 面积 differs from line 2's", rep.Rejected)
	}
}

func TestAZone40ParcelKeyedToAGuangdongSupplyIsRejectedNamingBoth(t *testing.T) {
	svc := sqltest.Running(t)
	ctx := context.Background()
	sup := sqltest.NewSupply("4401062018B00001")
	sup.Parcels, sup.ProjectName, sup.Location = nil, "天河区测试项目", "天河路南侧"
	if _, err := svc.CreateSupply(ctx, land.SystemScope("test"), sup); err != nil {
		t.Fatal(err)
	}
	const file = "zone40_hangzhou_for_guangzhou.txt"
	rep, err := svc.Import(ctx, land.SystemScope("test"), parseImportFixture(t, file), sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Accepted != 0 || len(rep.Rejected) != 1 {
		t.Fatalf("accepted %d, rejected %+v; want the parcel rejected", rep.Accepted, rep.Rejected)
	}
	r := rep.Rejected[0]
	for _, w := range []string{"3° zone 40", "440106 天河区", "广东省"} {
		if r.File != file || r.Line != 10 || !strings.Contains(r.Reason, w) {
			t.Errorf("rejection %+v; want line 10 of %s naming %q", r, file, w)
		}
	}
	if got := boundariesOf(t, svc, sup.ID); len(got) != 0 {
		t.Errorf("the supply has parcels %v, want none", got)
	}
}

// genCity generates the demo city of the given size and seed.
func genCity(t *testing.T, parcels int, seedN int64) *seed.Demo {
	t.Helper()
	o := seed.Default()
	o.Parcels, o.Seed = parcels, seedN
	d, err := seed.City(o)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// cityBatch is a generated city written as GeoJSON (supplies
// and parcels in one file) and parsed as an import would.
func cityBatch(t *testing.T, d *seed.Demo) land.Batch {
	t.Helper()
	var buf bytes.Buffer
	if err := seed.WriteGeoJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	return parseAs(t, "city.geojson", &buf)
}

func TestAReimportedCityKeepsItsBoundariesAndReplacesOnlyTheOneThatMoved(t *testing.T) {
	svc := sqltest.Running(t)
	ctx := context.Background()
	d := genCity(t, 600, 3)
	parcels := 0
	for _, s := range d.Supplies {
		parcels += len(s.Parcels)
	}
	first, err := svc.Import(ctx, land.SystemScope("test"), cityBatch(t, d), sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Rejected) != 0 || len(first.BoundariesChanged) != len(d.Supplies) {
		t.Fatalf("first load: %d rejected (%+v), %d supplies' boundaries written, want 0 and %d",
			len(first.Rejected), first.Rejected, len(first.BoundariesChanged), len(d.Supplies))
	}
	again, err := svc.Import(ctx, land.SystemScope("test"), cityBatch(t, d), sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != len(d.Supplies)+parcels || len(again.BoundariesChanged) != 0 {
		t.Errorf("the same file again: unchanged %d, boundaries written %v; want %d unchanged and none",
			again.Unchanged, again.BoundariesChanged, len(d.Supplies)+parcels)
	}
	moved := &d.Supplies[len(d.Supplies)/2]
	for _, poly := range moved.Parcels[0].Geometry {
		for _, ring := range poly {
			for i := range ring {
				ring[i][0] += 1e-5 // about a metre east
			}
		}
	}
	third, err := svc.Import(ctx, land.SystemScope("test"), cityBatch(t, d), sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(third.BoundariesChanged) != 1 || third.Updated != len(moved.Parcels) {
		t.Errorf("one parcel moved: boundaries written %v, updated %d; want one supply's %d parcels",
			third.BoundariesChanged, third.Updated, len(moved.Parcels))
	}
}

func TestABadSupplyAmongManyIsFoundByHalvingItsChunkAndRejectedAlone(t *testing.T) {
	svc := sqltest.Running(t)
	ctx := context.Background()
	// Every statement that writes supplies is counted, rolled back or not.
	if _, err := svc.Store().Pool().Exec(ctx, `CREATE SEQUENCE supply_statements;
CREATE FUNCTION count_supply_statement() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN PERFORM nextval('supply_statements'); RETURN NULL; END $$;
CREATE TRIGGER count_supply_statement BEFORE INSERT ON supply FOR EACH STATEMENT EXECUTE FUNCTION count_supply_statement()`); err != nil {
		t.Fatal(err)
	}
	d := genCity(t, 600, 4)
	b := cityBatch(t, d)
	bad := b.Supplies[len(b.Supplies)/3]
	// The database refuses that one supply, as it would a value the checks
	// let through.
	if _, err := svc.Store().Pool().Exec(ctx, `CREATE FUNCTION refuse_supply() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'refused'; END $$;
CREATE TRIGGER refuse_supply BEFORE INSERT ON supply FOR EACH ROW WHEN (NEW.e_number = '`+bad.Supply.ENumber+`')
EXECUTE FUNCTION refuse_supply()`); err != nil {
		t.Fatal(err)
	}
	rep, err := svc.Import(ctx, land.SystemScope("test"), b, sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The supply, then its parcel: its supply was not written, though the
	// chunk that first held it was.
	if len(rep.Rejected) != 2 || rep.Rejected[0].Record != bad.Supply.ENumber || rep.Rejected[0].Line != bad.Line ||
		rep.Rejected[1].Line != bad.Line || !strings.Contains(rep.Rejected[0].Reason, "refused") ||
		!strings.Contains(rep.Rejected[1].Reason, "no supply with e-supervision number") {
		t.Errorf("rejected %+v; want supply %s of line %d and its parcel, as of no supply", rep.Rejected, bad.Supply.ENumber, bad.Line)
	}
	if want := len(b.Supplies) - 1; rep.Created != want+len(b.Parcels)-1 {
		t.Errorf("created %d records, want the other %d supplies and their %d parcels", rep.Created, want, len(b.Parcels)-1)
	}
	var statements int64
	if err := svc.Store().Pool().QueryRow(ctx, `SELECT last_value FROM supply_statements`).Scan(&statements); err != nil {
		t.Fatal(err)
	}
	if statements > 30 {
		t.Errorf("%d statements wrote the %d supplies; want the failed chunk halved (about 2·log2 n), not retried row by row",
			statements, len(b.Supplies))
	}
}

func TestSuppliesGeneratedOverARealCadastreAreImportedWhole(t *testing.T) {
	svc := sqltest.Running(t)
	f, err := os.Open(filepath.Join("..", "importer", "testdata", "parcels", "paris18e_relocated_zone39.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	parcels, _, err := seed.ReadValidParcels("paris18e_relocated_zone39.txt", f)
	if err != nil || len(parcels) < 100 {
		t.Fatalf("%d parcels read, error %v", len(parcels), err)
	}
	parcels = parcels[:100]
	o := seed.Default()
	o.Seed = 5
	d, err := seed.OnCadastre(o, parcels)
	if err != nil {
		t.Fatal(err)
	}
	next := 0
	for _, s := range d.Supplies {
		for _, p := range s.Parcels {
			if !orb.Equal(p.Geometry, parcels[next]) {
				t.Fatalf("supply %s's parcel is not the cadastre's parcel %d", s.ENumber, next)
			}
			next++
		}
	}
	if next < 90 {
		t.Errorf("%d of the 100 parcels given to supplies", next)
	}
	rep, err := svc.Import(context.Background(), land.SystemScope("test"), cityBatch(t, d), sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rejected) != 0 || rep.Created != len(d.Supplies)+next {
		t.Errorf("created %d, rejected %+v; want the %d supplies and %d parcels, none rejected",
			rep.Created, rep.Rejected, len(d.Supplies), next)
	}
}

func TestACityImportReportsEveryOverlapPlantedInIt(t *testing.T) {
	svc := sqltest.Running(t)
	ctx := context.Background()
	d := genCity(t, 3000, 6)
	want, dead := map[[2]string]bool{}, map[[2]string]bool{}
	for _, p := range d.Overlaps {
		k := [2]string{min(p.First, p.Second), max(p.First, p.Second)}
		if p.Live {
			want[k] = true
		} else {
			dead[k] = true
		}
	}
	if len(want) < 5 {
		t.Fatalf("the city has %d live overlaps planted, want several", len(want))
	}
	rep, err := svc.Import(ctx, land.SystemScope("test"), cityBatch(t, d), sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[[2]string]bool{}
	for _, ov := range rep.Overlaps {
		var own string
		if err := svc.Store().Pool().QueryRow(ctx, `SELECT s.e_number FROM parcel p JOIN supply s ON s.id = p.supply_id WHERE p.id = $1`,
			ov.ParcelID).Scan(&own); err != nil {
			t.Fatal(err)
		}
		got[[2]string{min(own, ov.OtherENumber), max(own, ov.OtherENumber)}] = true
	}
	for p := range want {
		if !got[p] {
			t.Errorf("the planted overlap %v was not reported", p)
		}
	}
	for p := range got {
		// A pair planted over reclaimed land is reported too: the file,
		// like an office's supply results, carries the actual start and
		// completion but no idle determination or disposal, so the land
		// the generator reclaimed is live in the register the file makes.
		// What matters here is that nothing unplanted is.
		if !want[p] && !dead[p] {
			t.Errorf("the overlap %v was reported but not planted", p)
		}
	}
}

func TestManySuppliesAreCheckedTogetherAndReportedInTheFilesOrder(t *testing.T) {
	svc := sqltest.Running(t)
	b := cityBatch(t, genCity(t, 800, 7))
	b.Parcels = nil
	var bad []int
	for i := 3; i < len(b.Supplies); i += 37 {
		b.Supplies[i].Supply.ProjectName = "坏\x00名"
		bad = append(bad, b.Supplies[i].Line)
	}
	first := b.Supplies[1]
	same, other := first, first
	same.Line, other.Line = 100000, 100001
	// The same feature in a second download: a row twice, not a supply
	// repeated on each of its parcels in one file.
	same.File = "second-download.geojson"
	other.Supply.Location += "西"
	b.Supplies = append(b.Supplies, same, other)
	rep, err := svc.Import(context.Background(), land.SystemScope("test"), b, sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, r := range rep.Rejected {
		lines = append(lines, r.Line)
		if r.Line < 100000 && r.Field != "project_name" {
			t.Errorf("rejection %+v, want the project name", r)
		}
	}
	if want := append(bad, other.Line); fmt.Sprint(lines) != fmt.Sprint(want) {
		t.Errorf("rejected lines %v, want %v", lines, want)
	}
	if last := rep.Rejected[len(rep.Rejected)-1]; !strings.Contains(last.Reason, fmt.Sprintf("line %d", first.Line)) {
		t.Errorf("the differing repeat is rejected with %q, want it to name line %d", last.Reason, first.Line)
	}
	read := false
	for _, w := range rep.Warnings {
		if w.Line == same.Line && strings.Contains(w.Message, fmt.Sprintf("line %d: read once", first.Line)) {
			read = true
		}
	}
	if !read || rep.Created != len(b.Supplies)-2-len(bad) {
		t.Errorf("the repeated row read once: %v; created %d, want %d", read, rep.Created, len(b.Supplies)-2-len(bad))
	}
}

// The boundaries' checks run on every core: the groups they refuse are
// still reported each whole, in the file's order, and the others written.
func TestRefusedBoundariesAreReportedInTheOrderOfTheFile(t *testing.T) {
	st := sqltest.Store(t)
	d := genCity(t, 400, 4)
	b := cityBatch(t, d)
	spoiled := map[string]bool{}
	for i := range b.Parcels {
		r := &b.Parcels[i]
		if spoiled[r.SupplyKey] || len(spoiled) < 12 && i%17 == 3 {
			spoiled[r.SupplyKey] = true
			r.Parcel.Geometry = orb.MultiPolygon{{{{116, 39}, {116.001, 39.001}, {116.001, 39}, {116, 39.001}, {116, 39}}}}
		}
	}
	if len(spoiled) < 5 {
		t.Fatalf("%d supplies spoiled, want several", len(spoiled))
	}
	rep, err := st.Import(context.Background(), land.SystemScope("test"), b, sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var want []int
	for _, r := range b.Parcels {
		if spoiled[r.SupplyKey] {
			want = append(want, r.Line)
		}
	}
	var got []int
	for _, r := range rep.Rejected {
		got = append(got, r.Line)
	}
	if !slices.Equal(got, want) || len(rep.BoundariesChanged) != len(d.Supplies)-len(spoiled) {
		t.Errorf("rejected lines %v, want %v; boundaries of %d supplies written, want %d",
			got, want, len(rep.BoundariesChanged), len(d.Supplies)-len(spoiled))
	}
}

// A row of a supply results file rejected when read concerns that supply,
// not its parcels in another file: the boundaries a coordinate file brings
// for a supply already in the register are written.
func TestARejectedSupplyRowLeavesItsParcelsFromAnotherFileAlone(t *testing.T) {
	svc := sqltest.Running(t)
	ctx := context.Background()
	first, second := createSupply(t, svc, "1306262018B00750"), createSupply(t, svc, "1306262018B00751")
	b := parseImportFixture(t, "two_supplies.txt")
	row := parseReferenceCSV(t).Supplies[0]
	row.File = "results.csv"
	b.Supplies = append(b.Supplies, row)
	b.Rejected = append(b.Rejected, land.Rejection{File: "results.csv", Line: 3, Record: "1306262018B00751",
		Field: "contract_date", Reason: "not a date"})
	rep, err := svc.Import(ctx, land.SystemScope("test"), b, sql.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(rep.BoundariesChanged, first) || !slices.Contains(rep.BoundariesChanged, second) || len(rep.Rejected) != 1 {
		t.Errorf("boundaries written for %v, rejected %+v; want supplies %d and %d, and the row alone rejected",
			rep.BoundariesChanged, rep.Rejected, first, second)
	}
}
