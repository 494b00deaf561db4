package spatial

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
)

// ewkbs encodes shapes for binding as a bytea[] parameter.
func ewkbs(t *testing.T, mps ...orb.MultiPolygon) [][]byte {
	t.Helper()
	out := make([][]byte, len(mps))
	for i, mp := range mps {
		b, err := EncodeEWKB(mp)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = b
	}
	return out
}

// postgisIntersections asks PostGIS, for each pair, for the area of the
// intersection of a and b after ST_Transform to srid, and whether their
// interiors intersect there (ST_Relate 'T********'). Transforming first
// keeps edges straight in the plane, as the official areas and
// IntersectionArea do; intersecting in degrees first draws them straight
// in longitude/latitude instead, which moves a 300 m edge by millimetres
// and changes centimetre-wide slivers by a few per cent.
func postgisIntersections(t *testing.T, conn *pgx.Conn, as, bs []orb.MultiPolygon, srids []int32) ([]float64, []bool) {
	t.Helper()
	rows, err := conn.Query(context.Background(), `
		SELECT ST_Area(ST_Intersection(a, b)), ST_Relate(a, b, 'T********')
		FROM unnest($1::bytea[], $2::bytea[], $3::int[]) WITH ORDINALITY AS u(ea, eb, srid, i),
		     LATERAL (SELECT ST_Transform(ST_GeomFromEWKB(ea), srid) AS a,
		                     ST_Transform(ST_GeomFromEWKB(eb), srid) AS b) AS g
		ORDER BY i`, ewkbs(t, as...), ewkbs(t, bs...), srids)
	if err != nil {
		t.Fatal(err)
	}
	var areas []float64
	var interiors []bool
	for rows.Next() {
		var a float64
		var in bool
		if err := rows.Scan(&a, &in); err != nil {
			t.Fatal(err)
		}
		areas, interiors = append(areas, a), append(interiors, in)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return areas, interiors
}

// areaTolerance is how far an area may be from PostGIS's: 0.5 %, and
// 1e-6 m² for slivers.
func areaTolerance(want float64) float64 { return max(0.005*want, 1e-6) }

// oraclePairs compares IntersectionArea and InteriorsIntersect on pairs
// of shapes (prepared from their longitude/latitude, as in production)
// with PostGIS, and returns the largest relative area error among
// intersections of at least 1e-3 m².
func oraclePairs(t *testing.T, conn *pgx.Conn, names []string, as, bs []orb.MultiPolygon) float64 {
	t.Helper()
	srids := make([]int32, len(as))
	pa, pb := make([]*Prepared, len(as)), make([]*Prepared, len(as))
	for i := range as {
		pa[i], pb[i] = Prepare(as[i]), Prepare(bs[i])
		srids[i] = int32(pa[i].Zone.EPSG(true))
	}
	want, interiors := postgisIntersections(t, conn, as, bs, srids)
	worst := 0.0
	for i := range as {
		got := IntersectionArea(pa[i], pb[i])
		if math.Abs(got-want[i]) > areaTolerance(want[i]) {
			t.Errorf("pair %d (%s): IntersectionArea = %.9g m², PostGIS %.9g\na: %v\nb: %v", i, names[i], got, want[i], as[i], bs[i])
		}
		if want[i] >= 1e-3 {
			worst = max(worst, math.Abs(got-want[i])/want[i])
		}
		switch in := InteriorsIntersect(pa[i], pb[i]); {
		case !interiors[i] && in:
			t.Errorf("pair %d (%s): InteriorsIntersect with %.3g m², PostGIS says the interiors are disjoint", i, names[i], got)
		case interiors[i] && want[i] > 1e-5 && !in:
			t.Errorf("pair %d (%s): InteriorsIntersect is false, PostGIS finds %.3g m² of shared interior", i, names[i], want[i])
		}
	}
	return worst
}

func TestIntersectionAreaAgreesWithPostGISOnRandomPairs(t *testing.T) {
	conn := oracle(t)
	rng := rand.New(rand.NewPCG(testSeed(t), 20))
	var names []string
	var as, bs []orb.MultiPolygon
	for range 400 {
		kind, a, b := randomLocalPair(rng)
		names, as, bs = append(names, kind), append(as, a.Geom), append(bs, b.Geom)
	}
	// Pairs straddling the meridian 118.5° E between zones 39 and 40: the
	// area is computed in the first shape's zone, with the second's
	// vertices projected there.
	north, east := ToPlane(testZone.CentralMeridian(), 118.5, 39.28)
	for range 100 {
		_, a, b := randomLocalPair(rng)
		at := orb.Point{east + rng.Float64()*60 - 30, north}
		names = append(names, "a pair across the zone boundary")
		as = append(as, localGeo(at, localPlaneRings(a)...))
		bs = append(bs, localGeo(at, localPlaneRings(b)...))
	}
	crossZone := 0
	for i := range as {
		if Prepare(as[i]).Zone != Prepare(bs[i]).Zone {
			crossZone++
		}
	}
	if crossZone < 10 {
		t.Fatalf("only %d pairs straddle the zone boundary", crossZone)
	}
	worst := oraclePairs(t, conn, names, as, bs)
	t.Logf("%d pairs (%d in two zones): largest relative area error against PostGIS %.2g", len(as), crossZone, worst)
}

// localPlaneRings returns the plane rings of a local test shape as local
// polygons again (outer ring, then its holes), to place them elsewhere.
func localPlaneRings(p *Prepared) []orb.Polygon {
	var out []orb.Polygon
	for _, poly := range p.Geom {
		var lp orb.Polygon
		for _, ring := range poly {
			var r orb.Ring
			for _, pt := range ring {
				n, e := ToPlane(testZone.CentralMeridian(), pt[0], pt[1])
				r = append(r, orb.Point{e - testOrigin[0], n - testOrigin[1]})
			}
			lp = append(lp, r)
		}
		out = append(out, lp)
	}
	return out
}

func TestIntersectionAreaOfCadastreCasesAgreesWithPostGIS(t *testing.T) {
	conn := oracle(t)
	var names []string
	var as, bs []orb.MultiPolygon
	for _, c := range cadastreCases {
		names, as, bs = append(names, c.name), append(as, c.a.Geom), append(bs, c.b.Geom)
	}
	oraclePairs(t, conn, names, as, bs)
}

func TestCoveredShareAgreesWithPostGIS(t *testing.T) {
	conn := oracle(t)
	rng := rand.New(rand.NewPCG(testSeed(t), 21))
	for i := range 60 {
		p := localShape(localPoly(localStar(rng, 0, 0, 50, 0.5, 1, 12), localStar(rng, 0, 0, 15, 0.3, 1, 6)))
		cover := make([]*Prepared, 1+rng.IntN(8))
		var geoms []orb.MultiPolygon
		for j := range cover {
			cover[j] = localShape(localPoly(localStar(rng, rng.Float64()*80-40, rng.Float64()*80-40, 10+rng.Float64()*30, 0.3, 1, 3+rng.IntN(10))))
			geoms = append(geoms, cover[j].Geom)
		}
		pp := Prepare(p.Geom)
		pc := make([]*Prepared, len(cover))
		for j := range cover {
			pc[j] = Prepare(cover[j].Geom)
		}
		got := CoveredShare(pp, pc)
		var want float64
		err := conn.QueryRow(context.Background(), `
			WITH c AS (SELECT ST_Union(ST_Transform(ST_GeomFromEWKB(g), $3::int)) AS u FROM unnest($2::bytea[]) AS g)
			SELECT ST_Area(ST_Intersection(ST_Transform(ST_GeomFromEWKB($1), $3::int), u)) /
			       ST_Area(ST_Transform(ST_GeomFromEWKB($1), $3::int))
			FROM c`, ewkbs(t, p.Geom)[0], ewkbs(t, geoms...), pp.Zone.EPSG(true)).Scan(&want)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-want) > max(0.005*want, 1e-6) {
			t.Errorf("case %d: CoveredShare = %.6f, PostGIS %.6f", i, got, want)
		}
	}
}

func TestContainsPointAndDistanceToAgreeWithPostGIS(t *testing.T) {
	conn := oracle(t)
	rng := rand.New(rand.NewPCG(testSeed(t), 22))
	p := localShape(localPoly(localStar(rng, 0, 0, 50, 0.5, 1, 40), localStar(rng, 0, 0, 15, 0.3, 1, 6)),
		localPoly(localStar(rng, 150, 0, 30, 0.5, 1, 8)))
	pp := Prepare(p.Geom)
	var lons, lats []float64
	for range 300 {
		lon := pp.Bound.Min[0] + (rng.Float64()*1.2-0.1)*(pp.Bound.Max[0]-pp.Bound.Min[0])
		lat := pp.Bound.Min[1] + (rng.Float64()*1.2-0.1)*(pp.Bound.Max[1]-pp.Bound.Min[1])
		lons, lats = append(lons, lon), append(lats, lat)
	}
	rows, err := conn.Query(context.Background(), `
		SELECT ST_Covers(g, q), ST_Distance(g, q), ST_Distance(ST_Boundary(g), q)
		FROM unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS u(lon, lat, i),
		     LATERAL (SELECT ST_Transform(ST_GeomFromEWKB($1), $4::int) AS g,
		                     ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4490), $4::int) AS q) AS t
		ORDER BY i`, ewkbs(t, p.Geom)[0], lons, lats, pp.Zone.EPSG(true))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	inside := 0
	for i := 0; rows.Next(); i++ {
		var covers bool
		var dist, toBoundary float64
		if err := rows.Scan(&covers, &dist, &toBoundary); err != nil {
			t.Fatal(err)
		}
		if covers {
			inside++
		}
		if got := ContainsPoint(pp, lons[i], lats[i]); got != covers && toBoundary > 1e-6 {
			t.Errorf("point %d (%.9f, %.9f), %.3g m from the boundary: ContainsPoint = %v, PostGIS %v", i, lons[i], lats[i], toBoundary, got, covers)
		}
		if got := DistanceTo(pp, lons[i], lats[i]); math.Abs(got-dist) > 1e-6 {
			t.Errorf("point %d (%.9f, %.9f): DistanceTo = %.9f m, PostGIS %.9f", i, lons[i], lats[i], got, dist)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if inside < 30 || inside > 270 {
		t.Fatalf("%d of 300 points inside: the test points do not probe both sides", inside)
	}
}
