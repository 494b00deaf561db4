package importer

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"landwatch/importer/importtest"
	"landwatch/land"
	"landwatch/reference"
)

// streamFile is a file of a stream test: its name and content.
type streamFile struct {
	name string
	data []byte
}

// largeGeoJSON is a collection of n features, every fifth a supply, every
// seventh without geometry (rejected); the supplies are of the year, the
// parcels' numbers start with prefix.
func largeGeoJSON(n int, prefix string, year int) string {
	features := make([]string, n)
	for k := 1; k <= n; k++ {
		switch {
		case k%7 == 0:
			features[k-1] = feature(fmt.Sprintf(`{"number": "%sP%d"}`, prefix, k), "null")
		case k%5 == 0:
			props := strings.Replace(supplyProps, "1306262018B00730", fmt.Sprintf("130626%dB%05d", year, k), 1)
			features[k-1] = feature(strings.ReplaceAll(props, "\n", " "), squareGeometry)
		default:
			features[k-1] = feature(fmt.Sprintf(`{"number": "%sP%d"}`, prefix, k), squareGeometry)
		}
	}
	return collection(features...)
}

// readStream reads files as a stream and puts it back together: the head,
// every block of supplies in turn, then the rest; it also returns the
// blocks' sizes and Rest's again.
func readStream(t *testing.T, files []streamFile, opts Options) (land.Batch, []int, bool) {
	t.Helper()
	in := make([]File, len(files))
	for i, f := range files {
		in[i] = File{Name: f.name, R: bytes.NewReader(f.data)}
	}
	st, err := ReadStream(in, opts)
	if err != nil {
		t.Fatal(err)
	}
	b := st.Head
	var blocks []int
	for s := range st.Supplies {
		blocks = append(blocks, len(s))
		b.Supplies = append(b.Supplies, s...)
	}
	rest, again := st.Rest()
	if again {
		return rest, blocks, true
	}
	if len(rest.Supplies)+len(rest.Reserves)+len(rest.Plans)+len(rest.Announcements)+len(rest.Deals) > 0 {
		t.Errorf("the rest holds supplies or head records again: %d supplies, %d reserves", len(rest.Supplies), len(rest.Reserves))
	}
	rest.Supplies, rest.Reserves, rest.Plans, rest.Announcements, rest.Deals = b.Supplies, b.Reserves, b.Plans, b.Announcements, b.Deals
	return rest, blocks, false
}

// readFile returns the content of the file at path.
func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// parsedWhole is what ParseWith reads of each file, appended in order: the
// batch a stream must come to.
func parsedWhole(t *testing.T, files []streamFile, opts Options) land.Batch {
	t.Helper()
	var b land.Batch
	for _, f := range files {
		part, _, err := ParseWith(f.name, bytes.NewReader(f.data), opts)
		if err != nil {
			t.Fatal(err)
		}
		b.Append(part)
	}
	return b
}

// A stream of files is the batch ParseWith reads of them, record for
// record and in the same order: a large GeoJSON file's supplies arrive a
// block at a time as its features are read, the supplies of the files read
// whole in their place, the reserves at the head.
func TestAStreamIsTheBatchOfItsFiles(t *testing.T) {
	supplyCSV, err := fs.ReadFile(reference.FS, importtest.ReferenceFile)
	if err != nil {
		t.Fatal(err)
	}
	reserves := readFile(t, "testdata/reserve/收储.csv")
	cambridge := readFile(t, "../reference/parcels/cambridge_relocated.geojson")
	city := []byte(largeGeoJSON(3000, "A", 2018))
	openRings, parcels, gbk := readFile(t, "testdata/coord/open_rings.txt"), readFile(t, "testdata/coord/several_parcels.txt"),
		readFile(t, "testdata/coord/hole_gbk_crlf.txt")
	workbook := importtest.Workbook(t, importtest.Sheet{Name: "收储", Rows: [][]any{
		{"储备编号", "行政区", "面积(公顷)", "收储方式", "收储日期"}, {"CB-1", "130626", 1.0, "收购", "2026-04-01"}}})
	header, rows, _ := bytes.Cut(supplyCSV, []byte("\n"))
	longCSV := append(append(header, '\n'), bytes.Repeat(append(bytes.TrimRight(rows, "\n"), '\n'), 4)...)
	for _, tt := range []struct {
		name  string
		files []streamFile
	}{
		{"one large GeoJSON file", []streamFile{{"city.geojson", city}}},
		{"a real cadastre", []streamFile{{"cambridge.geojson", cambridge}}},
		{"supply results, a GeoJSON file, reserves, a second GeoJSON file and a workbook", []streamFile{
			{"results.csv", supplyCSV}, {"city.geojson", city}, {"收储.csv", reserves},
			{"more.geojson", []byte(largeGeoJSON(700, "B", 2019))}, {"收储.xlsx", workbook}}},
		{"supply results and coordinate files, parsed meanwhile", []streamFile{
			{"results.csv", supplyCSV}, {"parcels.txt", parcels}, {"city.geojson", city}, {"gbk.txt", gbk}, {"open.txt", openRings}}},
		{"long supply results", []streamFile{{"results.csv", longCSV}}},
		{"supply results and a long coordinate file", []streamFile{{"results.csv", supplyCSV}, {"long.txt", bytes.Repeat(parcels, 400)}}},
		{"a lone Feature", []streamFile{{"one.geojson", []byte(feature(strings.ReplaceAll(supplyProps, "\n", " "), squareGeometry))}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, blocks, again := readStream(t, tt.files, Options{})
			want := parsedWhole(t, tt.files, Options{})
			if again {
				t.Fatal("Rest says the supplies do not stand")
			}
			if len(want.Supplies) == 0 && len(want.Parcels) == 0 {
				t.Fatal("the files give nothing to compare")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the stream differs from the files read whole: %d supplies, %d parcels, %d reserves, %d rejected; want %d, %d, %d, %d",
					len(got.Supplies), len(got.Parcels), len(got.Reserves), len(got.Rejected),
					len(want.Supplies), len(want.Parcels), len(want.Reserves), len(want.Rejected))
			}
			if (tt.name == "one large GeoJSON file" || tt.name == "long supply results") && len(blocks) < 2 {
				t.Errorf("the supplies came in %d block(s): %v; want them as the features are read", len(blocks), blocks)
			}
		})
	}
}

// A GeoJSON file that breaks off is rejected whole: the supplies the
// stream delivered before the break do not stand, and Rest gives the batch
// to write instead, the other files' records in it. Asked for a partial
// import, the supplies before the break stand.
func TestAStreamOfAFileThatBreaksOffStartsAgain(t *testing.T) {
	full := largeGeoJSON(1500, "A", 2018)
	files := []streamFile{{"cut.geojson", []byte(full[:strings.Index(full, `"AP1201"`)])}, {"more.geojson", []byte(largeGeoJSON(300, "B", 2019))}}
	got, _, again := readStream(t, files, Options{})
	if !again {
		t.Fatal("Rest lets the supplies of a broken file stand")
	}
	want := parsedWhole(t, files, Options{})
	if !reflect.DeepEqual(got, want) || len(want.Supplies) != 52 || !strings.Contains(want.Rejected[0].Reason, "breaks off") {
		t.Errorf("the batch to write instead: %d supplies, %d parcels, first rejection %+v; want the second file's 52 supplies and the break",
			len(got.Supplies), len(got.Parcels), got.Rejected[0])
	}
	partial, _, again := readStream(t, files, Options{Partial: true})
	if again || !reflect.DeepEqual(partial, parsedWhole(t, files, Options{Partial: true})) {
		t.Errorf("a partial read: again %v, %d supplies", again, len(partial.Supplies))
	}
}

// A reader that stops taking supplies (an import that failed) stops the
// stream: nothing more is yielded, and the file is not read to its end
// (at most the blocks in flight: a few for each core). Rest is not to be
// asked for then.
func TestAStreamsReaderCanStop(t *testing.T) {
	inFlight := (6*runtime.GOMAXPROCS(0) + 4) * featureBlockSize
	p := streamedPart("city.geojson", FormatGeoJSON, largeGeoJSON(inFlight+3000, "A", 2018))
	taken := 0
	p.supplies(func([]land.SupplyRecord) bool {
		taken++
		return taken < 2
	})
	if taken != 2 || len(p.batch.Parcels) >= inFlight+2*featureBlockSize {
		t.Errorf("%d blocks taken, %d parcels read of %d features; want 2 and the reading stopped", taken, len(p.batch.Parcels), inFlight+3000)
	}
	st, err := ReadStream([]File{{Name: "one.geojson", R: strings.NewReader(largeGeoJSON(600, "A", 2018))}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for range st.Supplies {
		break
	}
	defer func() {
		if recover() == nil {
			t.Error("Rest answered a stream whose supplies were not all taken")
		}
	}()
	st.Rest()
}

// Admit is asked of every file before its records go anywhere: a GeoJSON
// file before it is read, a table once read, whether it gave parcels. Its
// refusal stops the reading, named after the file.
func TestAStreamAsksAdmitOfEachFile(t *testing.T) {
	supplyCSV, err := fs.ReadFile(reference.FS, importtest.ReferenceFile)
	if err != nil {
		t.Fatal(err)
	}
	parcels := readFile(t, "testdata/coord/several_parcels.txt")
	files := func() []File {
		return []File{{Name: "results.csv", R: bytes.NewReader(supplyCSV)}, {Name: "city.geojson", R: strings.NewReader(largeGeoJSON(10, "A", 2018))},
			{Name: "parcels.txt", R: bytes.NewReader(parcels)}}
	}
	var asked []string
	_, err = ReadStream(files(), Options{Admit: func(name string, f Format, parcels bool) error {
		asked = append(asked, fmt.Sprintf("%s %s %v", name, f, parcels))
		return nil
	}})
	if want := []string{"results.csv supply_csv false", "city.geojson geojson true", "parcels.txt coordinate true"}; err != nil || !reflect.DeepEqual(asked, want) {
		t.Errorf("asked %q (error %v), want %q", asked, err, want)
	}
	_, err = ReadStream(files(), Options{Admit: func(name string, f Format, parcels bool) error {
		if f.CarriesCoordinates() {
			return land.Errorf(land.CodeForbidden, "coordinates are confidential")
		}
		return nil
	}})
	if land.ErrorCode(err) != land.CodeForbidden || land.ErrorField(err) != "city.geojson" {
		t.Errorf("a refused file: %v, want it forbidden and named", err)
	}
}
