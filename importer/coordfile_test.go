package importer

import (
	"landwatch/land"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"landwatch/spatial"
)

// parseFile runs parse on a file of testdata.
func parseFile(t testing.TB, path string, parse func(string, *os.File) land.Batch) land.Batch {
	t.Helper()
	f, err := os.Open(filepath.FromSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return parse(filepath.Base(path), f)
}

func parseCoord(t testing.TB, path string) land.Batch {
	t.Helper()
	return parseFile(t, path, func(name string, f *os.File) land.Batch { return ParseCoordinateFile(name, f) })
}

// warningFields returns the fields the warnings of b name.
func warningFields(b land.Batch) []string {
	var fields []string
	for _, w := range b.Warnings {
		fields = append(fields, w.Field)
	}
	return fields
}

// sameGeometry reports whether two MultiPolygons have the same structure and
// vertices within tol degrees.
func sameGeometry(a, b orb.MultiPolygon, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if len(a[i][j]) != len(b[i][j]) {
				return false
			}
			for k := range a[i][j] {
				p, q := a[i][j][k], b[i][j][k]
				if math.Abs(p[0]-q[0]) > tol || math.Abs(p[1]-q[1]) > tol {
					return false
				}
			}
		}
	}
	return true
}

func TestTheRealParisSampleParsesWithAreasMatchingTheDeclaredAreas(t *testing.T) {
	b := parseCoord(t, "testdata/parcels/paris18e_relocated_zone39.txt")
	if len(b.Rejected) != 0 {
		t.Fatalf("got %d rejections, first %+v", len(b.Rejected), b.Rejected[0])
	}
	if len(b.Parcels) != 6821 {
		t.Fatalf("got %d parcels, want 6821", len(b.Parcels))
	}
	var ratios []float64
	for _, p := range b.Parcels {
		if p.Parcel.GKEPSG != 4527 {
			t.Fatalf("line %d: GK EPSG %d, want 4527 (3° zone 39)", p.Line, p.Parcel.GKEPSG)
		}
		if p.SupplyKey != p.Parcel.Number || p.Parcel.Number == "" {
			t.Fatalf("line %d: supply key %q, number %q", p.Line, p.SupplyKey, p.Parcel.Number)
		}
		if p.Parcel.DeclaredAreaHa > 0 {
			ratios = append(ratios, p.Parcel.PlaneAreaM2/(p.Parcel.DeclaredAreaHa*1e4))
		}
	}
	slices.Sort(ratios)
	if median := ratios[len(ratios)/2]; math.Abs(median-1) > 0.001 {
		t.Errorf("median plane/declared area ratio %.5f, want within 0.1 %% of 1", median)
	}
	if first := b.Parcels[0]; first.Line != 13 || first.Parcel.Number != "75118000AA0002" {
		t.Errorf("first parcel at line %d numbered %q, want line 13, 75118000AA0002", first.Line, first.Parcel.Number)
	}
}

func TestASquareWithAHoleIsReadFromEveryVariantOfTheFormat(t *testing.T) {
	ref := parseCoord(t, "testdata/coord/hole_utf8_bom.txt")
	if len(ref.Parcels) != 1 {
		t.Fatalf("reference file: %d parcels, rejections %+v", len(ref.Parcels), ref.Rejected)
	}
	want := ref.Parcels[0].Parcel.Geometry
	tests := []struct {
		name, file   string
		warnings     []string // fields of the expected warnings, in order
		warningLines []int
	}{
		{"UTF-8 with a byte order mark reads without warnings", "hole_utf8_bom.txt", nil, nil},
		{"GBK with CRLF line ends reads the same", "hole_gbk_crlf.txt", nil, nil},
		{"open rings are closed with a warning at the first open ring", "open_rings.txt", []string{"圈号"}, []int{12}},
		{"a 6° zone file with the same central meridian gives the same ground", "zone6.txt", nil, nil},
		{"swapped X and Y columns are told apart by magnitude", "swapped_columns.txt", []string{"X"}, []int{12}},
		{"eastings without the zone number use 带号", "unprefixed.txt", []string{"Y"}, []int{12}},
		{"an area written in m² is read as hectares", "area_in_m2.txt", []string{"面积"}, []int{11}},
		{"a 带号 that disagrees with the coordinates is warned about at its line", "mislabelled_zone.txt", []string{"带号"}, []int{8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := parseCoord(t, "testdata/coord/"+tt.file)
			if len(b.Rejected) != 0 || len(b.Parcels) != 1 {
				t.Fatalf("%d parcels, rejections %+v", len(b.Parcels), b.Rejected)
			}
			p := b.Parcels[0]
			if p.Line != 11 || p.SupplyKey != "1306262018B00730" || p.Parcel.Name != "带洞的方地" {
				t.Errorf("line %d, key %q, name %q", p.Line, p.SupplyKey, p.Parcel.Name)
			}
			// 100 m × 100 m less a 20 m × 20 m hole: 9,600 m², 0.96 ha.
			if math.Abs(p.Parcel.PlaneAreaM2-9600) > 0.01 {
				t.Errorf("plane area %.4f m², want 9600", p.Parcel.PlaneAreaM2)
			}
			if p.Parcel.DeclaredAreaHa != 0.96 || p.Parcel.GKEPSG != 4527 || p.Parcel.LandUse != "0601" {
				t.Errorf("declared %v ha, EPSG %d, land use %q", p.Parcel.DeclaredAreaHa, p.Parcel.GKEPSG, p.Parcel.LandUse)
			}
			if len(p.Parcel.Geometry) != 1 || len(p.Parcel.Geometry[0]) != 2 {
				t.Fatalf("want one polygon with one hole, got %v", p.Parcel.Geometry)
			}
			if !sameGeometry(p.Parcel.Geometry, want, 1e-9) {
				t.Errorf("geometry differs from the reference file's")
			}
			if got := warningFields(b); !slices.Equal(got, tt.warnings) {
				t.Fatalf("warnings %+v, want fields %v", b.Warnings, tt.warnings)
			}
			for i, w := range b.Warnings {
				if w.Line != tt.warningLines[i] || w.File != tt.file {
					t.Errorf("warning %+v, want line %d", w, tt.warningLines[i])
				}
			}
		})
	}
}

func TestParcelsThatCannotBeUnderstoodAreRejectedWithTheirLine(t *testing.T) {
	tests := []struct {
		name, file string
		want       []land.Rejection
	}{
		{"unprefixed eastings without 带号 name the first point line", "unprefixed_no_zone.txt",
			[]land.Rejection{{Line: 11, Record: "1306262018B00730", Field: "带号"}}},
		{"a self-crossing ring names the parcel's header line", "bowtie.txt",
			[]land.Rejection{{Line: 11, Record: "1306262018B00731", Field: "geometry"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := parseCoord(t, "testdata/coord/"+tt.file)
			if len(b.Parcels) != 0 {
				t.Errorf("got %d parcels, want none", len(b.Parcels))
			}
			checkRejections(t, b.Rejected, tt.file, tt.want)
		})
	}
}

// checkRejections compares file, line, record and field of rejections.
func checkRejections(t *testing.T, got []land.Rejection, file string, want []land.Rejection) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got rejections %+v, want %d", got, len(want))
	}
	for i, r := range got {
		w := want[i]
		if r.File != file || r.Line != w.Line || r.Record != w.Record || r.Field != w.Field || r.Reason == "" {
			t.Errorf("rejection %d: %+v, want line %d, record %q, field %q", i, r, w.Line, w.Record, w.Field)
		}
	}
}

func TestABadParcelIsRejectedWholeWhileItsNeighboursAreKept(t *testing.T) {
	b := parseCoord(t, "testdata/coord/several_parcels.txt")
	checkRejections(t, b.Rejected, "several_parcels.txt", []land.Rejection{
		{Line: 21, Record: "1306262018B00741", Field: "X"},
		{Line: 22, Record: "1306262018B00741", Field: "圈号"},
	})
	var keys []string
	for _, p := range b.Parcels {
		keys = append(keys, p.SupplyKey)
	}
	if want := []string{"1306262018B00740", "1306262018B00742", "1306262018B00743"}; !slices.Equal(keys, want) {
		t.Fatalf("parcels %v, want %v", keys, want)
	}
	t.Run("a new 圈号 1 after a closed ring starts another part", func(t *testing.T) {
		p := b.Parcels[1]
		if p.Line != 26 || len(p.Parcel.Geometry) != 2 || math.Abs(p.Parcel.PlaneAreaM2-5000) > 0.01 {
			t.Errorf("line %d, %d parts, %.3f m²", p.Line, len(p.Parcel.Geometry), p.Parcel.PlaneAreaM2)
		}
	})
	t.Run("a 圈号 2 outside the outer ring is another part", func(t *testing.T) {
		p := b.Parcels[2]
		if p.Line != 37 || len(p.Parcel.Geometry) != 2 || math.Abs(p.Parcel.PlaneAreaM2-5000) > 0.01 {
			t.Errorf("line %d, %d parts, %.3f m²", p.Line, len(p.Parcel.Geometry), p.Parcel.PlaneAreaM2)
		}
	})
	t.Run("the point count mismatch is a warning at its line; a part numbered 圈号 2 is as the format allows", func(t *testing.T) {
		var got []land.Warning
		for _, w := range b.Warnings {
			got = append(got, land.Warning{Line: w.Line, Field: w.Field, Record: w.Record})
		}
		want := []land.Warning{
			{Line: 26, Field: "点数", Record: "1306262018B00742"},
		}
		if !slices.Equal(got, want) {
			t.Errorf("warnings %+v, want %+v", b.Warnings, want)
		}
	})
}

func TestPlaneAreaIsComputedInTheThreeDegreeZone(t *testing.T) {
	b := parseCoord(t, "testdata/coord/zone6.txt")
	m2, epsg := spatial.PlaneArea(b.Parcels[0].Parcel.Geometry)
	if p := b.Parcels[0].Parcel; p.PlaneAreaM2 != m2 || p.GKEPSG != epsg {
		t.Errorf("parcel area %v in %d, spatial.PlaneArea %v in %d", p.PlaneAreaM2, p.GKEPSG, m2, epsg)
	}
}

func TestAClosingPointWrittenTwiceIsNotANewRing(t *testing.T) {
	text := "[属性描述]\n带号=39\n[地块坐标]\n6,0.01,1306262023A05584,测试,面,,,,@\n" +
		"J1,1,4325721.812,39398203.155\nJ2,1,4325721.812,39398303.155\nJ3,1,4325821.812,39398303.155\n" +
		"J4,1,4325821.812,39398203.155\nJ5,1,4325721.812,39398203.155\nJ1,1,4325721.812,39398203.155\n"
	b := ParseCoordinateFile("twice.txt", strings.NewReader(text))
	if len(b.Rejected) != 0 || len(b.Parcels) != 1 {
		t.Fatalf("rejected %v, parcels %d; want none rejected and one parcel", b.Rejected, len(b.Parcels))
	}
	if n := len(b.Parcels[0].Parcel.Geometry[0]); n != 1 {
		t.Errorf("the parcel has %d rings, want 1", n)
	}
}
