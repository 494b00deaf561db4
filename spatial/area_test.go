package spatial

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/paulmach/orb"
)

// sampleParcel is one feature of testdata/paris18e_sample.geojson.
type sampleParcel struct {
	ID        string
	Geometry  orb.MultiPolygon
	PlaneArea float64 // plane_area_m2, the Gauss-Krüger area in zone 39
}

// loadSample reads the Paris 18e sample (see testdata/README.md).
func loadSample(t testing.TB) []sampleParcel {
	t.Helper()
	raw, err := os.ReadFile("testdata/paris18e_sample.geojson")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties struct {
				ID        string  `json:"id"`
				PlaneArea float64 `json:"plane_area_m2"`
			} `json:"properties"`
			Geometry json.RawMessage `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(raw, &fc); err != nil {
		t.Fatal(err)
	}
	var out []sampleParcel
	for _, f := range fc.Features {
		mp, err := ParseGeoJSONGeometry(f.Geometry)
		if err != nil {
			t.Fatalf("parcel %s: %v", f.Properties.ID, err)
		}
		out = append(out, sampleParcel{ID: f.Properties.ID, Geometry: mp, PlaneArea: f.Properties.PlaneArea})
	}
	if len(out) < 150 {
		t.Fatalf("sample holds %d parcels, expected about 200", len(out))
	}
	return out
}

func TestPlaneAreaOfRealParcelsMatchesTheirPublishedPlaneArea(t *testing.T) {
	var worst float64
	for _, p := range loadSample(t) {
		m2, epsg := PlaneArea(p.Geometry)
		if epsg != 4527 {
			t.Errorf("parcel %s: EPSG %d, want 4527 (zone 39)", p.ID, epsg)
		}
		// plane_area_m2 is rounded to 0.01 m²; allow that plus 0.01 %.
		diff := math.Abs(m2 - p.PlaneArea)
		worst = max(worst, diff)
		if diff > 0.005+1e-4*p.PlaneArea {
			t.Errorf("parcel %s: plane area %.3f m², published %.2f m²", p.ID, m2, p.PlaneArea)
		}
	}
	t.Logf("worst difference %.4f m² (published areas are rounded to 0.01 m²)", worst)
}

// planeSquare returns a square of side metres in zone 39's plane, with its
// south-west corner at the given plane coordinates, as a lon/lat ring in
// the given orientation.
func planeSquare(northing, easting, side float64, clockwise bool) orb.Ring {
	corners := [][2]float64{{0, 0}, {side, 0}, {side, side}, {0, side}, {0, 0}}
	ring := make(orb.Ring, 0, len(corners))
	for _, c := range corners {
		lon, lat := ToGeographic(117, northing+c[1], easting+c[0])
		ring = append(ring, orb.Point{lon, lat})
	}
	if clockwise {
		ring.Reverse()
	}
	return ring
}

func TestPlaneAreaOfSquaresDrawnInThePlane(t *testing.T) {
	const n, e = 4348000.0, 394000.0
	cases := []struct {
		name string
		mp   orb.MultiPolygon
		want float64
	}{
		{"a counter-clockwise 100 m square has 10000 m²",
			orb.MultiPolygon{{planeSquare(n, e, 100, false)}}, 10000},
		{"a clockwise 100 m square has 10000 m² too",
			orb.MultiPolygon{{planeSquare(n, e, 100, true)}}, 10000},
		{"a 1 m square has 1 m²",
			orb.MultiPolygon{{planeSquare(n, e, 1, false)}}, 1},
		{"a hole of 20 m is subtracted whatever its orientation",
			orb.MultiPolygon{{planeSquare(n, e, 100, false), planeSquare(n+10, e+10, 20, false)}}, 9600},
		{"two squares add up",
			orb.MultiPolygon{{planeSquare(n, e, 100, true)}, {planeSquare(n+500, e, 50, false)}}, 12500},
		{"an open ring has the same area as the closed one",
			orb.MultiPolygon{{planeSquare(n, e, 100, false)[:4]}}, 10000},
		{"an empty MultiPolygon has no area", orb.MultiPolygon{}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, _ := PlaneArea(c.mp)
			// Straight lines in the plane are not straight in lon/lat, but
			// a 100 m edge bends by far less than a millimetre.
			if math.Abs(got-c.want) > 1e-6*max(c.want, 1) {
				t.Errorf("PlaneArea = %.9f m², want %v", got, c.want)
			}
		})
	}
}

func TestPlaneAreaInAnotherZoneIsLargerAwayFromItsMeridian(t *testing.T) {
	// Scale grows with distance from the central meridian, so the same
	// parcel measured in zone 38 (meridian 114°, 1.8° away) is larger.
	sq := orb.MultiPolygon{{planeSquare(4348000, 394000, 100, false)}}
	in39 := PlaneAreaIn(sq, Zone{3, 39})
	in38 := PlaneAreaIn(sq, Zone{3, 38})
	if !(in38 > in39*1.0001) {
		t.Errorf("zone 38 area %.3f not larger than zone 39 area %.3f", in38, in39)
	}
}

func BenchmarkPlaneAreaOfRealParcels(b *testing.B) {
	sample := loadSample(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range sample {
			PlaneArea(p.Geometry)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(sample)), "ns/parcel")
}
