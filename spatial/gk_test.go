package spatial

import (
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"
)

// testSeed returns a seed for random tests, printed so that a failure can
// be reproduced: LANDWATCH_TEST_SEED=<seed> go test ./spatial.
func testSeed(t testing.TB) uint64 {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("LANDWATCH_TEST_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("LANDWATCH_TEST_SEED: %v", err)
		}
	}
	t.Logf("random seed %d (set LANDWATCH_TEST_SEED to repeat)", seed)
	return seed
}

// Reference values computed with PROJ 9.1.1 (cs2cs EPSG:4490 → EPSG:4527,
// 4546, 4497, 4505, 4549), which agrees with PostGIS ST_Transform.
var gkKnown = []struct {
	name              string
	cm, lon, lat      float64
	northing, easting float64 // easting without the zone prefix
}{
	{"Dingxing county in its own zone 39", 117, 115.78, 39.26, 4348078.163826, 394702.057536},
	{"a point far south-west of zone 39's meridian", 117, 110.1, 10.5, 1169496.768746, -257047.978165},
	{"a point far north-east of zone 39's meridian", 117, 120.5, 53.5, 5935970.325312, 732214.494258},
	{"a point at 20°N east of zone 39's meridian", 117, 118.6, 20.0, 2213166.067768, 667452.124563},
	{"Dingxing county 4.78° from meridian 111", 111, 115.78, 39.26, 4358275.785959, 912650.517651},
	{"a point in 6° zone 16", 93, 100.2, 25.0, 2785455.879072, 1228080.131634},
	{"a point near meridian 111 at 10.5°N", 111, 110.1, 10.5, 1161300.582366, 401475.347662},
}

func TestToPlaneAgreesWithPROJ(t *testing.T) {
	for _, c := range gkKnown {
		t.Run(c.name+" projects to the PROJ value within 0.1 mm", func(t *testing.T) {
			n, e := ToPlane(c.cm, c.lon, c.lat)
			if math.Abs(n-c.northing) > 1e-4 || math.Abs(e-c.easting) > 1e-4 {
				t.Errorf("ToPlane(%v, %v, %v) = %.6f, %.6f; want %.6f, %.6f",
					c.cm, c.lon, c.lat, n, e, c.northing, c.easting)
			}
		})
		t.Run(c.name+" comes back from the PROJ value within 1e-9°", func(t *testing.T) {
			lon, lat := ToGeographic(c.cm, c.northing, c.easting)
			if math.Abs(lon-c.lon) > 1e-9 || math.Abs(lat-c.lat) > 1e-9 {
				t.Errorf("ToGeographic(%v, %v, %v) = %.10f, %.10f; want %v, %v",
					c.cm, c.northing, c.easting, lon, lat, c.lon, c.lat)
			}
		})
	}
}

func TestPointsOnTheCentralMeridianLieOnTheMeridianArc(t *testing.T) {
	// On the central meridian the easting is the false easting, the
	// northing the meridian arc (0 at the equator), and lon = cm exactly.
	for _, lat := range []float64{0, 3, 23.5, 45, 54} {
		n, e := ToPlane(117, 117, lat)
		if e != gkFE {
			t.Errorf("easting at latitude %v on the meridian = %.9f, want %v", lat, e, gkFE)
		}
		if lat == 0 && n != 0 {
			t.Errorf("northing at the equator = %v, want 0", n)
		}
		lon, back := ToGeographic(117, n, e)
		if lon != 117 || math.Abs(back-lat) > 1e-12 {
			t.Errorf("meridian point at %v comes back as %v, %v", lat, lon, back)
		}
	}
}

func TestRandomPointsRoundTripAcrossZones(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 1))
	var worst float64
	for i := 0; i < 20000; i++ {
		lon := 73 + rng.Float64()*63
		lat := 3 + rng.Float64()*51
		z := Zone3Of(lon)
		if rng.IntN(2) == 0 {
			z = Zone6Of(lon)
		}
		cm := z.CentralMeridian()
		n, e := ToPlane(cm, lon, lat)
		lon2, lat2 := ToGeographic(cm, n, e)
		// Compare on the ground: back in the plane, in metres.
		n2, e2 := ToPlane(cm, lon2, lat2)
		d := math.Hypot(n2-n, e2-e)
		worst = max(worst, d)
		if math.Abs(lon2-lon) > 1e-10 || math.Abs(lat2-lat) > 1e-10 || d > 1e-6 {
			t.Fatalf("%v, %v in zone %v: back as %v, %v (%.3g m off)", lon, lat, z, lon2, lat2, d)
		}
	}
	t.Logf("worst round trip error %.3g m", worst)
}

func BenchmarkToPlane(b *testing.B) {
	b.ReportAllocs()
	var s float64
	for i := 0; b.Loop(); i++ {
		n, e := ToPlane(117, 115.78+float64(i%1000)*1e-5, 39.26)
		s += n + e
	}
	_ = s
}

func BenchmarkToGeographic(b *testing.B) {
	b.ReportAllocs()
	var s float64
	for i := 0; b.Loop(); i++ {
		lon, lat := ToGeographic(117, 4348078.16+float64(i%1000), 394702.06)
		s += lon + lat
	}
	_ = s
}
