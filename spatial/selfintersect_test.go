package spatial

import (
	"cmp"
	"compress/gzip"
	"encoding/json"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"landwatch/land"
)

func TestSegmentContact(t *testing.T) {
	cases := []struct {
		name           string
		p1, p2, q1, q2 orb.Point
		kind           contactKind
		at             orb.Point
	}{
		{"crossing diagonals cross in the middle", at(0, 0), at(10, 10), at(0, 10), at(10, 0), cross, at(5, 5)},
		{"parallel segments are apart", at(0, 0), at(10, 0), at(0, 1), at(10, 1), apart, orb.Point{}},
		{"a T junction touches at the stem's end", at(0, 0), at(10, 0), at(5, 0), at(5, 5), touch, at(5, 0)},
		{"segments sharing an end touch there", at(0, 0), at(10, 0), at(10, 0), at(10, 5), touch, at(10, 0)},
		{"collinear segments end to end touch", at(0, 0), at(10, 0), at(10, 0), at(20, 0), touch, at(10, 0)},
		{"collinear segments with a gap are apart", at(0, 0), at(10, 0), at(11, 0), at(20, 0), apart, orb.Point{}},
		{"collinear segments sharing a stretch overlap", at(0, 0), at(10, 0), at(20, 0), at(5, 0), overlap, at(5, 0)},
		{"vertical collinear segments sharing a stretch overlap", at(0, 0), at(0, 10), at(0, 5), at(0, 7), overlap, at(0, 5)},
		{"a segment stopping short of another is apart", at(0, 0), at(10, 0), at(5, 1), at(5, 5), apart, orb.Point{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, swap := range []bool{false, true} {
				p1, p2, q1, q2 := c.p1, c.p2, c.q1, c.q2
				if swap {
					p1, p2, q1, q2 = q2, q1, p2, p1
				}
				kind, got := segmentContact(p1, p2, q1, q2)
				if kind != c.kind || math.Abs(got[0]-c.at[0]) > 1e-12 || math.Abs(got[1]-c.at[1]) > 1e-12 {
					t.Errorf("swapped %v: segmentContact = %v at %v, want %v at %v", swap, kind, got, c.kind, c.at)
				}
			}
		})
	}
}

func TestOrientIsExactNearCollinearPoints(t *testing.T) {
	// Points a few ulps off the line through b and c: the naive float
	// determinant gets many of these signs wrong.
	b, c := orb.Point{12, 12}, orb.Point{24, 24}
	wrongNaive := 0
	for i := range 64 {
		for j := range 64 {
			a := orb.Point{0.5 + float64(i)*0x1p-53, 0.5 + float64(j)*0x1p-53}
			want := orientExact(a, b, c)
			if got := orient(a, b, c); got != want {
				t.Fatalf("orient(%v, %v, %v) = %d, exact %d", a, b, c, got, want)
			}
			naive := (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
			if (naive > 0) != (want > 0) || (naive < 0) != (want < 0) {
				wrongNaive++
			}
		}
	}
	t.Logf("the naive determinant got %d of 4096 signs wrong", wrongNaive)
}

// bruteBadContact judges every pair of edges of mp as findBadContact
// does, without the sweep.
func bruteBadContact(mp orb.MultiPolygon) bool {
	s := contactScan{edges: multiPolygonEdges(mp)}
	for i := range s.edges {
		for j := i + 1; j < len(s.edges); j++ {
			if _, bad := s.judge(i, j); bad {
				return true
			}
		}
	}
	_, bad := s.touchLoop()
	return bad
}

// randomRing returns a closed ring of n vertices on a small integer grid,
// so that crossings, touches and collinear stretches are all common. Half
// the rings have their vertices sorted by angle around the grid's centre,
// which makes most of them simple.
func randomRing(rng *rand.Rand, n int, x0, y0, size int) orb.Ring {
	r := make(orb.Ring, 0, n+1)
	for range n {
		r = append(r, at(float64(x0+rng.IntN(size)), float64(y0+rng.IntN(size))))
	}
	if rng.IntN(2) == 0 {
		c := at(float64(x0)+float64(size)/2-0.25, float64(y0)+float64(size)/2-0.25)
		slices.SortFunc(r, func(p, q orb.Point) int {
			return cmp.Compare(math.Atan2(p[1]-c[1], p[0]-c[0]), math.Atan2(q[1]-c[1], q[0]-c[0]))
		})
	}
	return append(r, r[0])
}

func TestSweepFindsWhatBruteForceFinds(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 2))
	found := 0
	for i := range 3000 {
		mp := orb.MultiPolygon{{randomRing(rng, 3+rng.IntN(6), 0, 0, 8+rng.IntN(30))}}
		if rng.IntN(3) == 0 {
			mp[0] = append(mp[0], randomRing(rng, 3+rng.IntN(3), 2, 2, 6))
		}
		if rng.IntN(3) == 0 {
			mp = append(mp, orb.Polygon{randomRing(rng, 3+rng.IntN(4), rng.IntN(30), rng.IntN(30), 10)})
		}
		_, sweep := findBadContact(mp)
		if brute := bruteBadContact(mp); sweep != brute {
			t.Fatalf("case %d: sweep says %v, brute force %v for %v", i, sweep, brute, mp)
		}
		if sweep {
			found++
		}
	}
	t.Logf("%d of 3000 random geometries had a bad contact", found)
}

// wobblyCircle returns a closed ring of n vertices around (cx, cy) units,
// a simple ring like a long, finely surveyed boundary.
func wobblyCircle(rng *rand.Rand, n int, radius float64) orb.Ring {
	r := make(orb.Ring, 0, n+1)
	for k := range n {
		theta := 2 * math.Pi * float64(k) / float64(n)
		rad := radius * (1 + 0.05*math.Sin(7*theta) + 0.001*rng.Float64())
		r = append(r, at(rad*math.Cos(theta), rad*math.Sin(theta)))
	}
	return append(r, r[0])
}

func TestValidateCopesWithRingsOf20000Vertices(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 3))
	circle := wobblyCircle(rng, 20000, 50)
	if err := Validate(orb.MultiPolygon{{circle}}); err != nil {
		t.Fatalf("a simple 20,000-vertex ring is refused: %v", err)
	}
	// A vertex pulled far out across the ring makes its two edges cross
	// the boundary on the other side.
	k := 1 + rng.IntN(19998)
	bad := slices.Clone(circle)
	bad[k] = at(-1.5*(bad[k][0]-115.78)*1e4, -1.5*(bad[k][1]-39.26)*1e4)
	err := Validate(orb.MultiPolygon{{bad}})
	if land.ErrorCode(err) != land.CodeInvalid || !strings.Contains(err.Error(), "crosses itself") {
		t.Fatalf("vertex %d pulled across the ring: Validate = %v", k, err)
	}
}

// loadRoads reads four real road polygons of Cambridge (MA) of up to
// 18,606 vertices and 322 holes (see testdata/README.md).
func loadRoads(t testing.TB) map[string]orb.MultiPolygon {
	t.Helper()
	f, err := os.Open("testdata/cambridge_roads.geojson.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties struct {
				ID string `json:"id"`
			} `json:"properties"`
			Geometry json.RawMessage `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(raw, &fc); err != nil {
		t.Fatal(err)
	}
	out := map[string]orb.MultiPolygon{}
	for _, ft := range fc.Features {
		mp, err := ParseGeoJSONGeometry(ft.Geometry)
		if err != nil {
			t.Fatalf("road %s: %v", ft.Properties.ID, err)
		}
		out[ft.Properties.ID] = mp
	}
	return out
}

func TestValidateLocatesTheQuantisationFaultsOfRealRoads(t *testing.T) {
	// The publisher rounded these roads' vertices to 0.5–0.8 m, which made
	// tiny zigzags cross; PostGIS's ST_IsValidReason agrees (see the oracle
	// test).
	roads := loadRoads(t)
	cases := []struct{ id, says string }{
		{"13048", "polygon 0, ring 0 (outer) crosses itself at (119.118768757, 39.710858309) (edge from vertex 1389 to 1390 and edge from vertex 1391 to 1392)"},
		{"13074", "polygon 0, ring 139 (hole) touches itself at (119.159547168, 39.694452775)"},
		{"13115", "polygon 1, ring 27 (hole) crosses itself"},
		{"13069", "polygon 0, ring 0 (outer) crosses itself"},
	}
	for _, c := range cases {
		t.Run("road "+c.id+" is refused with the place of its fault", func(t *testing.T) {
			err := Validate(roads[c.id])
			if err == nil || !strings.Contains(err.Error(), c.says) {
				t.Errorf("Validate = %v, want it to say %q", err, c.says)
			}
		})
	}
}

func BenchmarkValidate20000VertexRing(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 3))
	mp := orb.MultiPolygon{{wobblyCircle(rng, 20000, 50)}}
	b.ReportAllocs()
	for b.Loop() {
		if err := Validate(mp); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateRealParcels(b *testing.B) {
	sample := loadSample(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range sample {
			if err := Validate(p.Geometry); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(sample)), "ns/parcel")
}
