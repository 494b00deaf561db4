package spatial

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/paulmach/orb"

	"landwatch/land"
)

// sampleGeometries reads the geometries of the Paris 18e sample.
func sampleGeometries(tb testing.TB) []json.RawMessage {
	raw, err := os.ReadFile("testdata/paris18e_sample.geojson")
	if err != nil {
		tb.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Geometry json.RawMessage `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(raw, &fc); err != nil {
		tb.Fatal(err)
	}
	out := make([]json.RawMessage, len(fc.Features))
	for i, f := range fc.Features {
		out[i] = f.Geometry
	}
	return out
}

// addSampleGeoJSONSeeds adds the geometries of the Paris 18e sample, and a few
// broken documents, as seeds.
func addSampleGeoJSONSeeds(f *testing.F) {
	for i, g := range sampleGeometries(f) {
		if i%10 == 0 {
			f.Add([]byte(g))
		}
	}
	for _, s := range []string{
		`{"type":"MultiPolygon","coordinates":[[[[115.78,39.26],[115.79,39.26],[115.79,39.27],[115.78,39.26]]]]}`,
		`{"type":"Polygon","coordinates":[[[115.78,39.26],[115.79,39.27],[115.79,39.26],[115.78,39.27],[115.78,39.26]]]}`,
		`{"type":"Polygon","coordinates":[[[115.78,null],[115.79,39.26]]]}`,
		`{"type":"Point","coordinates":[115.78,39.26]}`,
		`{"type":"Feature","geometry":null}`,
		`null`, `[]`, `{}`, `{"type":"Polygon","coordinates":[[[1]]]}`,
	} {
		f.Add([]byte(s))
	}
}

func FuzzParseGeoJSONGeometry(f *testing.F) {
	addSampleGeoJSONSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		mp, err := ParseGeoJSONGeometry(raw)
		if err != nil {
			if land.ErrorCode(err) != land.CodeInvalid || land.ErrorField(err) != "geometry" {
				t.Fatalf("error %v is not an invalid geometry error", err)
			}
			return
		}
		if err := Validate(mp); err != nil && land.ErrorCode(err) != land.CodeInvalid {
			t.Fatalf("Validate error %v is not an invalid error", err)
		}
		PlaneArea(mp)
		b, err := EncodeEWKB(mp)
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeWKB(b)
		if err != nil {
			t.Fatalf("DecodeWKB of our own EWKB: %v", err)
		}
		if !back.Equal(mp) {
			t.Fatalf("EWKB round trip changed %v into %v", mp, back)
		}
	})
}

// geometryFromBytes reads a small MultiPolygon from fuzz input: each pair
// of bytes is a vertex on a coarse grid around Dingxing (so crossings,
// touches and shared stretches are common), 0xFF ends a ring, 0xFE ends a
// polygon. The first byte's low bit asks for CloseRings.
func geometryFromBytes(data []byte) (orb.MultiPolygon, bool) {
	if len(data) == 0 {
		return nil, false
	}
	closeRings := data[0]&1 == 1
	mp := orb.MultiPolygon{{{}}}
	for i := 1; i < len(data); i++ {
		poly := &mp[len(mp)-1]
		switch data[i] {
		case 0xFF:
			*poly = append(*poly, orb.Ring{})
		case 0xFE:
			mp = append(mp, orb.Polygon{{}})
		default:
			if i+1 < len(data) {
				r := &(*poly)[len(*poly)-1]
				*r = append(*r, at(float64(data[i]%32), float64(data[i+1]%32)))
				i++
			}
		}
	}
	return mp, closeRings
}

func FuzzValidate(f *testing.F) {
	f.Add([]byte{1, 0, 0, 10, 0, 10, 10, 0, 10})
	f.Add([]byte{0, 0, 0, 10, 10, 10, 0, 0, 10, 0, 0})
	f.Add([]byte{1, 0, 0, 20, 0, 20, 20, 0, 20, 0xFF, 2, 2, 4, 2, 4, 4, 2, 4, 0xFE, 30, 30, 31, 30, 31, 31})
	f.Add([]byte{1, 0, 0, 10, 0, 5, 5, 10, 10, 0, 10, 5, 5})
	f.Fuzz(func(t *testing.T, data []byte) {
		mp, closeRings := geometryFromBytes(data)
		if closeRings {
			mp = CloseRings(mp)
		}
		l := DefaultLimits()
		l.MinAreaM2 = 0 // let tiny fuzz shapes reach the topology checks
		if err := l.Validate(mp); err != nil && land.ErrorCode(err) != land.CodeInvalid {
			t.Fatalf("Validate error %v is not an invalid error", err)
		}
		if len(mp) > 0 && len(data) < 200 {
			_, sweep := findBadContact(mp)
			if brute := bruteBadContact(mp); sweep != brute {
				t.Fatalf("sweep says %v, brute force %v for %v", sweep, brute, mp)
			}
		}
	})
}

func FuzzDecodeWKB(f *testing.F) {
	for _, p := range loadSample(f)[:10] {
		b, err := EncodeEWKB(p.Geometry)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{1, 3, 0, 0, 0, 0xff, 0xff, 0xff, 0xff})
	f.Add([]byte{0, 0, 0, 0, 6, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		mp, err := DecodeWKB(b)
		if err != nil {
			if land.ErrorCode(err) != land.CodeInvalid {
				t.Fatalf("error %v is not an invalid error", err)
			}
			return
		}
		_ = Validate(mp)
		again, err := EncodeEWKB(mp)
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeWKB(again)
		if err != nil {
			t.Fatalf("DecodeWKB of our own EWKB: %v", err)
		}
		if !hasNaN(mp) && !back.Equal(mp) {
			t.Fatalf("EWKB round trip changed %v into %v", mp, back)
		}
	})
}

func hasNaN(mp orb.MultiPolygon) bool {
	for _, poly := range mp {
		for _, ring := range poly {
			for _, p := range ring {
				if math.IsNaN(p[0]) || math.IsNaN(p[1]) {
					return true
				}
			}
		}
	}
	return false
}
