package spatial

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

func TestPreparedAreaEqualsPlaneAreaToTheBit(t *testing.T) {
	parcels := loadParisBlock(t)
	roads := loadRoads(t)
	for _, r := range roads {
		parcels = append(parcels, r)
	}
	for i, mp := range parcels {
		p := Prepare(mp)
		want, epsg := PlaneArea(mp)
		if p.Area() != want {
			t.Fatalf("parcel %d: Area = %.17g m², PlaneArea %.17g", i, p.Area(), want)
		}
		if got := p.Zone.EPSG(true); got != epsg {
			t.Fatalf("parcel %d: zone EPSG:%d, PlaneArea's EPSG:%d", i, got, epsg)
		}
	}
}

func TestPrepareOrientsRingsAndDropsRepeats(t *testing.T) {
	for _, c := range []struct {
		name  string
		mp    orb.MultiPolygon
		rings int
		verts []int32
	}{
		{"a clockwise outer ring is turned counter-clockwise",
			localGeo(testOrigin, localPoly(localRing(0, 0, 0, 10, 10, 10, 10, 0))), 1, []int32{4}},
		{"a counter-clockwise hole is turned clockwise",
			localGeo(testOrigin, localPoly(localRect(0, 0, 10, 10), localRect(2, 2, 4, 4))), 2, []int32{4, 4}},
		{"an open ring is closed implicitly",
			localGeo(testOrigin, localPoly(orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}})), 1, []int32{4}},
		{"repeated vertices are dropped",
			localGeo(testOrigin, localPoly(localRing(0, 0, 10, 0, 10, 0, 10, 10, 10, 10, 0, 10, 0, 0, 0, 0))), 1, []int32{4}},
		{"a ring with a coordinate that is not a number has no plane ring",
			append(localGeo(testOrigin, localPoly(localRect(0, 0, 10, 10))), orb.Polygon{{{117, 39}, {math.NaN(), 39}, {117, 39.1}, {117, 39}}}), 1, []int32{4}},
		{"a ring of fewer than three distinct vertices has no plane ring",
			localGeo(testOrigin, localPoly(localRect(0, 0, 10, 10)), localPoly(localRing(0, 0, 5, 5, 0, 0))), 1, []int32{4}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := Prepare(c.mp)
			if len(p.rings) != c.rings {
				t.Fatalf("%d plane rings, want %d", len(p.rings), c.rings)
			}
			for i := range p.rings {
				r := &p.rings[i]
				if r.n != c.verts[i] {
					t.Errorf("ring %d has %d vertices, want %d", i, r.n, c.verts[i])
				}
				signed := shoelace(p.xy[2*r.start : 2*(r.start+r.n)])
				if (i == 0) != (signed > 0) {
					t.Errorf("ring %d has signed area %.3f: outer rings must run counter-clockwise, holes clockwise", i, signed)
				}
			}
		})
	}
}

func TestNeighboursGetIdenticalPlaneCoordinatesForSharedVertices(t *testing.T) {
	// Two parcels of the Paris block share vertices; whatever else differs
	// (their boxes, their zones' centres), a shared vertex projects the same.
	parcels := loadParisBlock(t)
	seen := map[orb.Point]orb.Point{} // longitude/latitude → plane
	projected := map[orb.Point]bool{}
	shared := 0
	for _, mp := range parcels[:400] {
		p := Prepare(mp)
		for _, poly := range mp {
			for _, pt := range poly[0] {
				n, e := ToPlane(p.Zone.CentralMeridian(), pt[0], pt[1])
				plane := orb.Point{e, n}
				if prev, ok := seen[pt]; ok {
					shared++
					if prev != plane {
						t.Fatalf("vertex %v projects to %v and %v", pt, prev, plane)
					}
				}
				seen[pt] = plane
				projected[plane] = true
			}
		}
		// The plane vertices are exactly the projections of the geometry's.
		for ri := range p.rings {
			r := &p.rings[ri]
			for k := 0; k < int(r.n); k++ {
				if v := p.vertex(r, k); !projected[v] {
					t.Fatalf("plane vertex %v is no projection of an input vertex", v)
				}
			}
		}
	}
	if shared < 100 {
		t.Fatalf("only %d shared vertices seen", shared)
	}
}

func TestChunkBoxesHoldTheirEdges(t *testing.T) {
	road := Prepare(loadRoads(t)["13048"])
	for ri := range road.rings {
		r := &road.rings[ri]
		chunks := road.ringChunks(r)
		if (chunks == nil) != (r.n <= chunkEdges) {
			t.Fatalf("ring %d of %d vertices has %d chunks", ri, r.n, len(chunks))
		}
		for k := 0; k < int(r.n); k++ {
			a, b := road.vertex(r, k), road.vertex(r, (k+1)%int(r.n))
			box := r.box
			if chunks != nil {
				box = chunks[k/chunkEdges]
			}
			for _, v := range []orb.Point{a, b} {
				if v[0] < box.minX || v[0] > box.maxX || v[1] < box.minY || v[1] > box.maxY {
					t.Fatalf("ring %d, edge %d: vertex %v outside its box %+v", ri, k, v, box)
				}
			}
		}
	}
}

func TestAShapeBroughtIntoAnotherZoneIsPreparedThere(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 60))
	for range 20 {
		_, a, _ := randomLocalPair(rng)
		p := Prepare(a.Geom)
		other := Zone{Width: 3, Number: p.Zone.Number + 1}
		q := p.inZone(other)
		if q.Zone != other || q == p {
			t.Fatalf("inZone(%v) gave zone %v", other, q.Zone)
		}
		if want := PlaneAreaIn(a.Geom, other); math.Abs(q.Area()-want) > 1e-9*want {
			t.Fatalf("area in zone %v: %.9f m², PlaneAreaIn %.9f", other, q.Area(), want)
		}
		if p.inZone(p.Zone) != p {
			t.Fatal("inZone of the shape's own zone made a copy")
		}
	}
}

func TestAnEmptyShapeMeetsNothing(t *testing.T) {
	empty := Prepare(nil)
	square := localShape(localPoly(localRect(0, 0, 10, 10)))
	if empty.Area() != 0 || IntersectionArea(empty, square) != 0 || IntersectionArea(square, empty) != 0 {
		t.Fatal("an empty shape has area or intersects")
	}
	if CoveredShare(empty, []*Prepared{square}) != 0 || CoveredShare(square, []*Prepared{empty, nil}) != 0 {
		t.Fatal("an empty shape covers or is covered")
	}
	if ContainsPoint(empty, 117, 39) || !math.IsInf(DistanceTo(empty, 117, 39), 1) {
		t.Fatal("an empty shape contains a point or has a finite distance")
	}
}
