package spatial

import (
	"encoding/binary"
	"encoding/hex"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/ewkb"
	"github.com/twpayne/go-geom/encoding/wkb"

	"landwatch/land"
)

func TestEWKBRoundTripKeepsEveryCoordinate(t *testing.T) {
	cases := []struct {
		name string
		mp   orb.MultiPolygon
	}{
		{"a square", orb.MultiPolygon{{box(0, 0, 10, 10)}}},
		{"a square with a hole and a second polygon",
			orb.MultiPolygon{{box(0, 0, 10, 10), box(2, 2, 4, 4)}, {box(20, 0, 30, 10)}}},
		{"an empty MultiPolygon", orb.MultiPolygon{}},
	}
	for _, p := range loadSample(t)[:20] {
		cases = append(cases, struct {
			name string
			mp   orb.MultiPolygon
		}{"real parcel " + p.ID, p.Geometry})
	}
	for _, c := range cases {
		t.Run(c.name+" comes back unchanged", func(t *testing.T) {
			b, err := EncodeEWKB(c.mp)
			if err != nil {
				t.Fatal(err)
			}
			g, err := ewkb.Unmarshal(b)
			if err != nil {
				t.Fatal(err)
			}
			if g.SRID() != 4490 {
				t.Errorf("SRID %d, want 4490", g.SRID())
			}
			if _, ok := g.(*geom.MultiPolygon); !ok {
				t.Errorf("encoded a %T, want a MultiPolygon", g)
			}
			back, err := DecodeWKB(b)
			if err != nil {
				t.Fatal(err)
			}
			if !back.Equal(c.mp) {
				t.Errorf("round trip changed the geometry:\n got %v\nwant %v", back, c.mp)
			}
		})
	}
}

func TestEncodeEWKBWritesAMultiPolygonWithSRID4490(t *testing.T) {
	mp := orb.MultiPolygon{{{{116, 39}, {117, 39}, {117, 40}, {116, 39}}}}
	b, err := EncodeEWKB(mp)
	if err != nil {
		t.Fatal(err)
	}
	got := hex.EncodeToString(b)
	// Header: little endian, MultiPolygon with the SRID flag, SRID 4490 (0x118a),
	// one polygon: little endian Polygon, one ring of four points.
	const header = "01" + "06000020" + "8a110000" + "01000000" + "01" + "03000000" + "01000000" + "04000000"
	if got[:len(header)] != header {
		t.Errorf("EWKB header %s, want %s", got[:len(header)], header)
	}
	if len(b) != len(header)/2+4*16 {
		t.Errorf("EWKB is %d bytes, want %d", len(b), len(header)/2+4*16)
	}
}

func TestDecodeWKBReadsEveryDialect(t *testing.T) {
	square := orb.Polygon{{{116, 39}, {117, 39}, {117, 40}, {116, 40}, {116, 39}}}
	flat := []float64{116, 39, 117, 39, 117, 40, 116, 40, 116, 39}
	flatZ := []float64{116, 39, 5, 117, 39, 5, 117, 40, 5, 116, 40, 5, 116, 39, 5}
	poly := geom.NewPolygonFlat(geom.XY, flat, []int{10})
	polyZ := geom.NewPolygonFlat(geom.XYZ, flatZ, []int{15})
	multi := geom.NewMultiPolygonFlat(geom.XY, flat, [][]int{{10}})
	must := func(b []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []struct {
		name string
		b    []byte
	}{
		{"OGC WKB Polygon", must(wkb.Marshal(poly, binary.LittleEndian))},
		{"big-endian OGC WKB Polygon", must(wkb.Marshal(poly, binary.BigEndian))},
		{"OGC WKB MultiPolygon", must(wkb.Marshal(multi, binary.LittleEndian))},
		{"ISO WKB Polygon Z", must(wkb.Marshal(polyZ, binary.LittleEndian))},
		{"EWKB Polygon Z with SRID 4490", must(ewkb.Marshal(geom.NewPolygonFlat(geom.XYZ, flatZ, []int{15}).SetSRID(4490), binary.LittleEndian))},
		{"EWKB MultiPolygon without SRID", must(ewkb.Marshal(multi, binary.BigEndian))},
	}
	for _, c := range cases {
		t.Run(c.name+" is read as the same square", func(t *testing.T) {
			got, err := DecodeWKB(c.b)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(orb.MultiPolygon{square}) {
				t.Errorf("DecodeWKB = %v", got)
			}
		})
	}
}

func TestDecodeWKBRefusesWhatItCannotUse(t *testing.T) {
	flat := []float64{116, 39, 117, 39, 117, 40, 116, 40, 116, 39}
	good, err := EncodeEWKB(orb.MultiPolygon{{{{116, 39}, {117, 39}, {117, 40}, {116, 39}}}})
	if err != nil {
		t.Fatal(err)
	}
	point, _ := ewkb.Marshal(geom.NewPointFlat(geom.XY, []float64{116, 39}), binary.LittleEndian)
	line, _ := wkb.Marshal(geom.NewLineStringFlat(geom.XY, flat), binary.LittleEndian)
	in4527, _ := ewkb.Marshal(geom.NewPolygonFlat(geom.XY, flat, []int{10}).SetSRID(4527), binary.LittleEndian)
	hostile := append([]byte(nil), good[:13]...)                     // header and polygon count
	hostile = append(hostile, 1, 3, 0, 0, 0, 0xff, 0xff, 0xff, 0xff) // a polygon claiming 4 billion rings
	cases := []struct {
		name string
		b    []byte
	}{
		{"nothing", nil},
		{"a Point", point},
		{"a LineString", line},
		{"a Polygon in EPSG:4527", in4527},
		{"a truncated MultiPolygon", good[:len(good)-3]},
		{"a MultiPolygon with trailing bytes", append(append([]byte(nil), good...), 0)},
		{"a count of four billion rings", hostile},
		{"a bad byte order", append([]byte{7}, good[1:]...)},
		{"text instead of WKB", []byte("MULTIPOLYGON(((116 39,117 39,117 40,116 39)))")},
	}
	for _, c := range cases {
		t.Run(c.name+" is refused", func(t *testing.T) {
			_, err := DecodeWKB(c.b)
			if land.ErrorCode(err) != land.CodeInvalid || land.ErrorField(err) != "geometry" {
				t.Errorf("DecodeWKB = %v, want an invalid geometry error", err)
			}
		})
	}
}

// The index reads a million boundaries at start-up through the direct
// decoder; it must give exactly what the go-geom path gives, for every
// parcel of a real cadastre in each dialect PostGIS sends, and for every
// one-byte corruption of them (both refuse, or both read the same shape).
func TestDecodeWKBDirectlyGivesWhatGoGeomGives(t *testing.T) {
	parcels := sampleParcels(t)
	parcels = append(parcels, orb.MultiPolygon{}, orb.MultiPolygon{{}}, orb.MultiPolygon{{{}}, {{{116, 39}, {117, 39}, {116, 40}, {116, 39}}}})
	var inputs [][]byte
	for _, mp := range parcels {
		g := toGeom(mp)
		for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
			inputs = append(inputs, mustBytes(t)(wkb.Marshal(g, order)), mustBytes(t)(ewkb.Marshal(toGeom(mp).SetSRID(SRID), order)))
		}
		if len(mp) == 1 {
			inputs = append(inputs, mustBytes(t)(wkb.Marshal(geom.NewPolygonFlat(geom.XY, g.FlatCoords(), g.Endss()[0]), binary.LittleEndian)))
		}
	}
	direct := 0
	for i, b := range inputs {
		if _, ok := decodePlainWKB(nil, b); ok {
			direct++
		}
		sameAsGoGeom(t, b)
		if i%7 == 0 { // every byte of one input in seven, corrupted
			for k := range b {
				c := append([]byte(nil), b...)
				c[k] ^= 0x41
				sameAsGoGeom(t, c)
			}
		}
	}
	if direct != len(inputs) {
		t.Errorf("%d of %d boundaries as PostGIS sends them were read directly", direct, len(inputs))
	}
}

// sameAsGoGeom checks that DecodeWKB reads b as the go-geom path does.
func sameAsGoGeom(t *testing.T, b []byte) {
	t.Helper()
	got, err := DecodeWKB(b)
	wantErr := checkWKBSizes(b)
	var wantMP orb.MultiPolygon
	if wantErr == nil {
		wantMP, wantErr = decodeWKBGeom(b)
	}
	if (err == nil) != (wantErr == nil) || err == nil && !reflect.DeepEqual(got, wantMP) {
		t.Fatalf("% x: read directly %v, %v; through go-geom %v, %v", b, got, err, wantMP, wantErr)
	}
}

// sampleParcels reads the boundaries of testdata/paris18e_sample.geojson.
func sampleParcels(t *testing.T) []orb.MultiPolygon {
	var out []orb.MultiPolygon
	for _, g := range sampleGeometries(t) {
		if mp, err := ParseGeoJSONGeometry(g); err == nil {
			out = append(out, mp)
		}
	}
	if len(out) < 100 {
		t.Fatalf("%d parcels in the sample", len(out))
	}
	return out
}

func mustBytes(t *testing.T) func([]byte, error) []byte {
	return func(b []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
}
