package tiles

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"

	"landwatch/land"
	"landwatch/seed"
	"landwatch/spatial"
)

var update = flag.Bool("update", false, "rewrite the golden tiles")

// demoIndex is the default demo city in an index, built once.
var demoIndex = sync.OnceValue(func() *spatial.Index {
	demo, err := seed.City(seed.Default())
	if err != nil {
		panic(err)
	}
	b := spatial.NewBuilder(0)
	var id int64
	for i, s := range demo.Supplies {
		for _, p := range s.Parcels {
			id++
			b.Add(&spatial.Subject{ID: id, Kind: spatial.KindSupplyParcel, SupplyID: int64(i + 1), Live: true,
				Shape: spatial.Prepare(p.Geometry),
				Meta: spatial.Meta{ENumber: s.ENumber, Stage: string(land.DeriveStage(s.Events)), LandUse: s.LandUseCode,
					Method: s.Method, ContractYear: s.ContractDate.Time().Year(), Region: "130626", Project: s.ProjectName}})
		}
	}
	return b.Build()
})

func tilesCovering(b orb.Bound, z uint32) [][3]uint32 {
	x0, y0, x1, y1 := tileRange(b, z)
	var out [][3]uint32
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			out = append(out, [3]uint32{z, x, y})
		}
	}
	return out
}

func cityBound(ix *spatial.Index) orb.Bound {
	var b orb.Bound
	first := true
	ix.Search(spatial.Everywhere(), func(s *spatial.Subject) bool {
		if first {
			b, first = s.Shape.Bound, false
		} else {
			b = b.Union(s.Shape.Bound)
		}
		return true
	})
	return b
}

// mvtArea is twice a ring's signed area by the MVT specification's formula
// (tile coordinates, y down): positive for exteriors.
func mvtArea(r orb.Ring) float64 {
	var s float64
	for i := 0; i+1 < len(r); i++ {
		s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return s
}

func TestEveryDemoTileDecodesIsSmallAndWellWound(t *testing.T) {
	ix := demoIndex()
	snap := ix.Snapshot()
	bound := cityBound(ix)
	polygons, points := 0, 0
	for z := uint32(0); z <= 16; z++ {
		for _, tl := range tilesCovering(bound, z) {
			data := Encode(snap, nil, tl[0], tl[1], tl[2], Filter{})
			if len(data) > 500<<10 {
				t.Errorf("tile %v is %d bytes, over 500 KB", tl, len(data))
			}
			layers, err := mvt.Unmarshal(data)
			if err != nil {
				t.Fatalf("tile %v does not decode: %v", tl, err)
			}
			for _, l := range layers {
				for _, f := range l.Features {
					switch g := f.Geometry.(type) {
					case orb.Point:
						points++
					case orb.Polygon:
						polygons++
						checkWinding(t, tl, orb.MultiPolygon{g})
					case orb.MultiPolygon:
						polygons++
						checkWinding(t, tl, g)
					default:
						t.Errorf("tile %v: unexpected geometry %T", tl, g)
					}
				}
			}
		}
	}
	if polygons == 0 || points == 0 {
		t.Errorf("polygons %d, points %d: expected both (shapes at high zoom, cells at low zoom)", polygons, points)
	}
}

func checkWinding(t *testing.T, tl [3]uint32, mp orb.MultiPolygon) {
	t.Helper()
	for _, poly := range mp {
		for i, r := range poly {
			a := mvtArea(r)
			if (i == 0 && a <= 0) || (i > 0 && a >= 0) {
				t.Errorf("tile %v: ring %d has area %v, wrong winding for an %s", tl, i, a, map[bool]string{true: "exterior", false: "interior"}[i == 0])
				return
			}
		}
	}
}

func TestTilesAreByteStableAndMatchTheGoldenFile(t *testing.T) {
	snap := demoIndex().Snapshot()
	// The county seat's centre at z14, and at z17 with its labels.
	for _, tile := range [][3]uint32{{14, 13461, 6246}, {17, 107692, 49972}} {
		z, x, y := tile[0], tile[1], tile[2]
		a := Encode(snap, nil, z, x, y, Filter{})
		b := Encode(snap, nil, z, x, y, Filter{})
		if !bytes.Equal(a, b) {
			t.Fatalf("%v: the same tile encoded twice differs", tile)
		}
		layers, err := mvt.Unmarshal(a)
		if err != nil || len(layers) == 0 || (z >= LabelMinZoom && layers[len(layers)-1].Name != "labels") {
			t.Fatalf("%v: %d layers (%v); want parcels, and labels from zoom %d", tile, len(layers), err, LabelMinZoom)
		}
		golden := filepath.Join("testdata", fmt.Sprintf("%d_%d_%d.mvt", z, x, y))
		if *update {
			if err := os.WriteFile(golden, a, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./tiles -update to write it)", err)
		}
		if !bytes.Equal(a, want) {
			t.Errorf("tile differs from %s (%d bytes, want %d); if the change is meant, run with -update", golden, len(a), len(want))
		}
	}
}

// TestProjectNamesOnlyFromZoom17 decodes the tiles of one parcel's label
// point: at z17 its label carries its project name (the label's second
// line); at z16 its label carries its number alone, and at z14, where a
// tile holds many more parcels, no feature carries either.
func TestProjectNamesOnlyFromZoom17(t *testing.T) {
	ix := demoIndex()
	snap := ix.Snapshot()
	var parcel *spatial.Subject
	ix.Search(spatial.Everywhere(), func(s *spatial.Subject) bool {
		if s.Meta.Project != "" && s.Shape.Bound.Max[0]-s.Shape.Bound.Min[0] > 0.0005 {
			parcel = s
			return false
		}
		return true
	})
	if parcel == nil {
		t.Fatal("no parcel of the demo city has a project name")
	}
	c := parcel.Shape.Inner
	// labels returns the attributes of every feature of the tile holding
	// the parcel's label point at zoom z, by id.
	labels := func(z uint32) map[uint64]map[string]any {
		n := math.Exp2(float64(z))
		s := math.Sin(c[1] * math.Pi / 180)
		x, y := uint32((c[0]+180)/360*n), uint32((0.5-math.Log((1+s)/(1-s))/(4*math.Pi))*n)
		layers, err := mvt.Unmarshal(Encode(snap, nil, z, x, y, Filter{}))
		if err != nil {
			t.Fatalf("z%d: %v", z, err)
		}
		out := map[uint64]map[string]any{}
		for _, l := range layers {
			for _, f := range l.Features {
				if _, named := f.Properties["e_number"]; named || f.Properties["project"] != nil {
					out[uint64(f.ID.(float64))] = f.Properties
				}
			}
		}
		return out
	}
	if got := labels(ProjectMinZoom)[uint64(parcel.ID)]; got["project"] != parcel.Meta.Project {
		t.Errorf("z17: parcel %d labelled %v, want its project %q", parcel.ID, got, parcel.Meta.Project)
	}
	if got := labels(LabelMinZoom)[uint64(parcel.ID)]; got["e_number"] != parcel.Meta.ENumber || got["project"] != nil {
		t.Errorf("z16: parcel %d labelled %v, want its number %s and no project", parcel.ID, got, parcel.Meta.ENumber)
	}
	if got := labels(14); len(got) > 0 {
		t.Errorf("z14 carries %d labels, want none", len(got))
	}
}

// TestFiltersKeepOnlyWhatTheyName checks each feature's parcel in the
// index: land use, method and contract year are not in the tiles (the map
// reads them from the supply's details), but they still select.
func TestFiltersKeepOnlyWhatTheyName(t *testing.T) {
	ix := demoIndex()
	snap := ix.Snapshot()
	byID := map[uint64]*spatial.Subject{}
	ix.Search(spatial.Everywhere(), func(s *spatial.Subject) bool {
		byID[uint64(s.ID)] = s
		return true
	})
	cases := []struct {
		name   string
		filter Filter
		ok     func(m *spatial.Meta) bool
	}{
		{"a stage filter keeps that stage", Filter{Stages: []string{"idle"}}, func(m *spatial.Meta) bool { return m.Stage == "idle" }},
		{"a method filter keeps that method", Filter{Methods: []string{"22", "23"}}, func(m *spatial.Meta) bool {
			return m.Method == "22" || m.Method == "23"
		}},
		{"a land-use prefix keeps that class", Filter{LandUse: "07"}, func(m *spatial.Meta) bool { return strings.HasPrefix(m.LandUse, "07") }},
		{"a year range keeps those years", Filter{FromYear: 2015, ToYear: 2016}, func(m *spatial.Meta) bool {
			return m.ContractYear >= 2015 && m.ContractYear <= 2016
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			layers, err := mvt.Unmarshal(Encode(snap, nil, 14, 13461, 6246, c.filter))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, l := range layers {
				for _, f := range l.Features {
					if _, cell := f.Properties["count"]; cell {
						continue // a cell of parcels too small to draw: counted, not described
					}
					n++
					s := byID[uint64(f.ID.(float64))]
					if s == nil || !c.ok(&s.Meta) || f.Properties["stage"] != s.Meta.Stage {
						t.Errorf("feature %v does not pass the filter", f.Properties)
					}
				}
			}
			if n == 0 {
				t.Error("the filter left nothing: the test would prove nothing")
			}
		})
	}
}

// gdalRead decodes a tile with GDAL's MVT driver, a decoder that shares
// nothing with ours, and returns what ogrinfo prints of it.
func gdalRead(t *testing.T, name string, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Fatal("ogrinfo (Debian package gdal-bin) is needed: scripts/test installs it")
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("ogrinfo", "-ro", "-al", "-q", "-oo", "CLIP=NO", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "ERROR") {
		t.Errorf("GDAL reported errors:\n%s", out)
	}
	return string(out)
}

// TestGDALReadsWhatWeWrite decodes a tile of the zoom labels start at with
// GDAL.
func TestGDALReadsWhatWeWrite(t *testing.T) {
	snap := demoIndex().Snapshot()
	data := Encode(snap, nil, LabelMinZoom, 53844, 24984, Filter{})
	layers, err := mvt.Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	out := gdalRead(t, "16_53844_24984.mvt", data)
	byName := map[string]*mvt.Layer{}
	for _, l := range layers {
		byName[l.Name] = l
	}
	for _, name := range []string{"parcels", "labels"} {
		l := byName[name]
		if l == nil {
			t.Fatalf("no layer %s in a tile of the labels' zoom", name)
		}
		if n := strings.Count(out, "OGRFeature("+name+")"); n != len(l.Features) || n == 0 {
			t.Errorf("GDAL reads %d features of %s, we wrote %d", n, name, len(l.Features))
		}
	}
	numbers := 0
	for _, f := range byName["labels"].Features {
		num, _ := f.Properties["e_number"].(string)
		if num != "" {
			numbers++
			if !strings.Contains(out, "e_number (String) = "+num) {
				t.Errorf("GDAL does not see %s", num)
			}
		}
	}
	if numbers == 0 {
		t.Error("no e_number in a tile of the labels' zoom")
	}
}
