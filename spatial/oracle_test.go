package spatial

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
)

// oracle connects to the PostGIS named by DATABASE_URL, which the tests
// use as the reference for projections, areas and validity. Only when
// DATABASE_URL is unset and the default local server does not answer is
// the test skipped; CI always sets DATABASE_URL, and then a failure to
// connect fails the test.
func oracle(t *testing.T) *pgx.Conn {
	t.Helper()
	url := os.Getenv("DATABASE_URL")
	if url == "" {
		t.Fatal("DATABASE_URL is not set: the oracle tests need a real PostGIS (scripts/test starts one)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err == nil {
		err = conn.Ping(ctx)
	}
	if err != nil {
		t.Fatalf("connect to DATABASE_URL: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// zonedPoint is a point with a Gauss-Krüger zone to project it in.
type zonedPoint struct {
	lon, lat float64
	zone     Zone
	prefixed bool
}

// randomZonedPoints returns n points spread over China's extent, each with
// the 3° or 6° zone around it, prefixed or not.
func randomZonedPoints(rng *rand.Rand, n int) []zonedPoint {
	pts := make([]zonedPoint, n)
	for i := range pts {
		lon := 75 + rng.Float64()*60
		z := Zone3Of(lon)
		if rng.IntN(2) == 0 {
			z = Zone6Of(lon)
		}
		pts[i] = zonedPoint{lon: lon, lat: 3 + rng.Float64()*51, zone: z, prefixed: rng.IntN(2) == 0}
	}
	return pts
}

func TestToPlaneAndToGeographicAgreeWithPostGIS(t *testing.T) {
	conn := oracle(t)
	rng := rand.New(rand.NewPCG(testSeed(t), 4))
	pts := randomZonedPoints(rng, 400)
	lons, lats, srids := make([]float64, len(pts)), make([]float64, len(pts)), make([]int32, len(pts))
	for i, p := range pts {
		lons[i], lats[i], srids[i] = p.lon, p.lat, int32(p.zone.EPSG(p.prefixed))
	}
	rows, err := conn.Query(context.Background(), `
		SELECT ST_X(t), ST_Y(t)
		FROM unnest($1::float8[], $2::float8[], $3::int[]) WITH ORDINALITY AS u(lon, lat, srid, i),
		     LATERAL ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4490), srid) AS t
		ORDER BY i`, lons, lats, srids)
	if err != nil {
		t.Fatal(err)
	}
	var eastings, northings []float64
	for rows.Next() {
		var e, n float64
		if err := rows.Scan(&e, &n); err != nil {
			t.Fatal(err)
		}
		eastings, northings = append(eastings, e), append(northings, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(eastings) != len(pts) {
		t.Fatalf("PostGIS returned %d points for %d", len(eastings), len(pts))
	}

	var worstPlane float64
	plainE := make([]float64, len(pts))
	for i, p := range pts {
		n, e := ToPlane(p.zone.CentralMeridian(), p.lon, p.lat)
		plainE[i] = eastings[i]
		if p.prefixed {
			plainE[i] -= float64(p.zone.Number) * 1e6
		}
		d := math.Hypot(n-northings[i], e-plainE[i])
		worstPlane = max(worstPlane, d)
		if d > 1e-3 {
			t.Errorf("(%v, %v) in EPSG:%d: ToPlane %.4f, %.4f; PostGIS %.4f, %.4f (%.2g m apart)",
				p.lon, p.lat, srids[i], n, e, northings[i], plainE[i], d)
		}
	}

	// And back: PostGIS's plane coordinates to longitude/latitude.
	rows, err = conn.Query(context.Background(), `
		SELECT ST_X(t), ST_Y(t)
		FROM unnest($1::float8[], $2::float8[], $3::int[]) WITH ORDINALITY AS u(e, n, srid, i),
		     LATERAL ST_Transform(ST_SetSRID(ST_MakePoint(e, n), srid), 4490) AS t
		ORDER BY i`, eastings, northings, srids)
	if err != nil {
		t.Fatal(err)
	}
	var worstGeo float64
	for i := 0; rows.Next(); i++ {
		var lon, lat float64
		if err := rows.Scan(&lon, &lat); err != nil {
			t.Fatal(err)
		}
		p := pts[i]
		myLon, myLat := ToGeographic(p.zone.CentralMeridian(), northings[i], plainE[i])
		// 1e-8° is about 1 mm.
		d := math.Max(math.Abs(myLon-lon), math.Abs(myLat-lat))
		worstGeo = max(worstGeo, d)
		if d > 1e-8 {
			t.Errorf("EPSG:%d %.3f, %.3f: ToGeographic %.10f, %.10f; PostGIS %.10f, %.10f",
				srids[i], northings[i], eastings[i], myLon, myLat, lon, lat)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("worst difference from PostGIS over %d points: %.2g m in the plane, %.2g° back", len(pts), worstPlane, worstGeo)
}

// postgisAreas returns ST_Area(ST_Transform(g, srid)) of each geometry.
func postgisAreas(t *testing.T, conn *pgx.Conn, mps []orb.MultiPolygon, srids []int32) []float64 {
	t.Helper()
	wkbs := make([][]byte, len(mps))
	for i, mp := range mps {
		b, err := EncodeEWKB(mp)
		if err != nil {
			t.Fatal(err)
		}
		wkbs[i] = b
	}
	rows, err := conn.Query(context.Background(), `
		SELECT ST_Area(ST_Transform(ST_GeomFromEWKB(g), srid))
		FROM unnest($1::bytea[], $2::int[]) WITH ORDINALITY AS u(g, srid, i)
		ORDER BY i`, wkbs, srids)
	if err != nil {
		t.Fatal(err)
	}
	areas, err := pgx.CollectRows(rows, pgx.RowTo[float64])
	if err != nil {
		t.Fatal(err)
	}
	if len(areas) != len(mps) {
		t.Fatalf("PostGIS returned %d areas for %d geometries", len(areas), len(mps))
	}
	return areas
}

func TestPlaneAreaAgreesWithPostGIS(t *testing.T) {
	conn := oracle(t)
	rng := rand.New(rand.NewPCG(testSeed(t), 5))
	var mps []orb.MultiPolygon
	var srids []int32
	var zones []Zone
	for _, p := range loadSample(t) {
		_, epsg := PlaneArea(p.Geometry)
		mps, srids, zones = append(mps, p.Geometry), append(srids, int32(epsg)), append(zones, Zone{3, 39})
	}
	// Random parcels all over China: jagged rings of 5–40 vertices, 20 m
	// to 2 km across, with a hole now and then, in their own 3° zone.
	for range 200 {
		lon, lat := 75+rng.Float64()*60, 5+rng.Float64()*48
		size := 2e-4 + rng.Float64()*2e-2
		outer := randomStar(rng, lon, lat, size, 5+rng.IntN(36))
		poly := orb.Polygon{outer}
		if rng.IntN(4) == 0 {
			poly = append(poly, randomStar(rng, lon, lat, size/4, 4))
		}
		mp := orb.MultiPolygon{poly}
		_, epsg := PlaneArea(mp)
		mps, srids, zones = append(mps, mp), append(srids, int32(epsg)), append(zones, Zone3Of(mp.Bound().Center().Lon()))
	}
	want := postgisAreas(t, conn, mps, srids)
	var worst float64
	for i, mp := range mps {
		got := PlaneAreaIn(mp, zones[i])
		rel := math.Abs(got-want[i]) / want[i]
		worst = max(worst, rel)
		if rel > 1e-4 {
			t.Errorf("geometry %d in EPSG:%d: PlaneArea %.4f m², PostGIS %.4f m²", i, srids[i], got, want[i])
		}
	}
	t.Logf("worst relative difference from PostGIS over %d geometries: %.2g", len(mps), worst)
}

// randomStar returns a closed ring of n vertices around (lon, lat), at
// increasing angles and random radii up to size degrees: simple, often
// concave.
func randomStar(rng *rand.Rand, lon, lat, size float64, n int) orb.Ring {
	r := make(orb.Ring, 0, n+1)
	for k := range n {
		theta := 2 * math.Pi * (float64(k) + 0.8*rng.Float64()) / float64(n)
		rad := size * (0.3 + 0.7*rng.Float64())
		r = append(r, orb.Point{lon + rad*math.Cos(theta), lat + rad*math.Sin(theta)})
	}
	return append(r, r[0])
}

func TestValidateAgreesWithPostGISOnTopology(t *testing.T) {
	conn := oracle(t)
	rng := rand.New(rand.NewPCG(testSeed(t), 6))
	var mps []orb.MultiPolygon
	for range 3000 {
		mp := orb.MultiPolygon{{randomRing(rng, 3+rng.IntN(7), 0, 0, 6+rng.IntN(20))}}
		if rng.IntN(3) == 0 {
			mp[0] = append(mp[0], randomRing(rng, 3+rng.IntN(3), 1, 1, 5))
		}
		if rng.IntN(4) == 0 {
			mp = append(mp, orb.Polygon{randomRing(rng, 3+rng.IntN(4), rng.IntN(20), rng.IntN(20), 8)})
		}
		mps = append(mps, mp)
	}
	for _, road := range loadRoads(t) {
		mps = append(mps, road)
	}
	wkbs := make([][]byte, len(mps))
	for i, mp := range mps {
		b, err := EncodeEWKB(mp)
		if err != nil {
			t.Fatal(err)
		}
		wkbs[i] = b
	}
	rows, err := conn.Query(context.Background(), `
		SELECT ST_IsValidReason(ST_GeomFromEWKB(g))
		FROM unnest($1::bytea[]) WITH ORDINALITY AS u(g, i)
		ORDER BY i`, wkbs)
	if err != nil {
		t.Fatal(err)
	}
	reasons, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	// Only topology is compared: a degenerate ring (fewer than three
	// corners) or a zero area is refused by Validate's other checks.
	l := DefaultLimits()
	l.MinAreaM2 = 0
	invalid, disagree := 0, 0
	for i, mp := range mps {
		err := l.Validate(mp)
		pgValid := reasons[i] == "Valid Geometry"
		if !pgValid {
			invalid++
		}
		if (err == nil) != pgValid {
			if err != nil && degenerate(mp) {
				continue
			}
			disagree++
			t.Errorf("geometry %d %v:\n  Validate: %v\n  PostGIS:  %s", i, mp, err, reasons[i])
		}
	}
	t.Logf("%d geometries, %d invalid in PostGIS, %d disagreements", len(mps), invalid, disagree)
}

// degenerate reports whether a ring of mp has fewer than three distinct
// corners, which PostGIS may accept as a valid zero-area ring.
func degenerate(mp orb.MultiPolygon) bool {
	for _, poly := range mp {
		for _, ring := range poly {
			if len(ring) < 4 || distinctCorners(ring) < 3 {
				return true
			}
		}
	}
	return false
}

func TestEWKBCrossesThePostGISBoundary(t *testing.T) {
	conn := oracle(t)
	ctx := context.Background()
	mp := orb.MultiPolygon{{box(0, 0, 10, 10), box(2, 2, 4, 4)}, {box(20, 0, 30, 10)}}
	b, err := EncodeEWKB(mp)
	if err != nil {
		t.Fatal(err)
	}
	var srid int
	var typ string
	var back []byte
	err = conn.QueryRow(ctx, `SELECT ST_SRID(g), GeometryType(g), ST_AsEWKB(g) FROM ST_GeomFromEWKB($1) AS g`, b).Scan(&srid, &typ, &back)
	if err != nil {
		t.Fatal(err)
	}
	if srid != 4490 || typ != "MULTIPOLYGON" {
		t.Errorf("PostGIS reads our EWKB as SRID %d %s, want 4490 MULTIPOLYGON", srid, typ)
	}
	got, err := DecodeWKB(back)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(mp) {
		t.Errorf("PostGIS's EWKB decodes as %v, want %v", got, mp)
	}

	var plain []byte
	err = conn.QueryRow(ctx, `SELECT ST_AsBinary('SRID=4490;POLYGON Z((116 39 1,117 39 1,117 40 1,116 39 1))'::geometry)`).Scan(&plain)
	if err != nil {
		t.Fatal(err)
	}
	got, err = DecodeWKB(plain)
	if err != nil {
		t.Fatal(err)
	}
	if want := (orb.MultiPolygon{{{{116, 39}, {117, 39}, {117, 40}, {116, 39}}}}); !got.Equal(want) {
		t.Errorf("PostGIS's ISO WKB Polygon Z decodes as %v, want %v", got, want)
	}
}
