package spatial

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// testZone is the zone of the plane test shapes (zone 39, Dingxing), and
// testOrigin where their local metres start, so that they sit at real
// Gauss-Krüger magnitudes.
var (
	testZone   = Zone{Width: 3, Number: 39}
	testOrigin = orb.Point{500000, 4350000}
)

// localShape builds a Prepared whose plane coordinates are exactly the
// given local metres (x east, y north) plus testOrigin, in testZone; its
// Geom is their longitude/latitude. Rings may run either way round.
func localShape(polys ...orb.Polygon) *Prepared {
	p := prepareWith(nil, orb.MultiPolygon(polys), testZone, func(pt orb.Point) (x, y float64) {
		return pt[0] + testOrigin[0], pt[1] + testOrigin[1]
	})
	p.Geom = localGeo(testOrigin, polys...)
	p.Bound = p.Geom.Bound()
	return p
}

// localGeo returns the longitude/latitude of local metres placed at origin
// in testZone's plane.
func localGeo(origin orb.Point, polys ...orb.Polygon) orb.MultiPolygon {
	cm := testZone.CentralMeridian()
	geo := make(orb.MultiPolygon, len(polys))
	for i, poly := range polys {
		geo[i] = make(orb.Polygon, len(poly))
		for j, ring := range poly {
			geo[i][j] = make(orb.Ring, len(ring))
			for k, pt := range ring {
				lon, lat := ToGeographic(cm, pt[1]+origin[1], pt[0]+origin[0])
				geo[i][j][k] = orb.Point{lon, lat}
			}
		}
	}
	return geo
}

// localRect returns the rectangle [x0, x1] × [y0, y1] as a counter-clockwise
// ring.
func localRect(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

// localRing returns the closed ring through the given x, y pairs.
func localRing(xy ...float64) orb.Ring {
	r := make(orb.Ring, 0, len(xy)/2+1)
	for i := 0; i+1 < len(xy); i += 2 {
		r = append(r, orb.Point{xy[i], xy[i+1]})
	}
	if r[0] != r[len(r)-1] {
		r = append(r, r[0])
	}
	return r
}

// localPoly returns a polygon of the outer ring and holes given.
func localPoly(rings ...orb.Ring) orb.Polygon { return orb.Polygon(rings) }

// cadastreCases are pairs of parcels the way cadastres have them, with the
// exact area of their intersection.
var cadastreCases = []struct {
	name string
	a, b *Prepared
	want float64
}{
	{"disjoint parcels share nothing",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRect(20, 0, 30, 10))), 0},
	{"neighbours sharing an edge share no area",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRect(10, 0, 20, 10))), 0},
	{"neighbours sharing part of an edge, each with a vertex on the other's edge, share no area",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRect(10, -5, 20, 5))), 0},
	{"a neighbour with an extra vertex in the shared edge shares no area",
		localShape(localPoly(localRing(0, 0, 10, 0, 10, 5, 10, 10, 0, 10, 0, 0))), localShape(localPoly(localRect(10, 0, 20, 10))), 0},
	{"parcels touching at a corner share no area",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRect(10, 10, 20, 20))), 0},
	{"identical parcels overlap fully",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRect(0, 0, 10, 10))), 100},
	{"a duplicate drawn the other way round with an extra vertex overlaps fully",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRing(0, 0, 0, 10, 10, 10, 10, 5, 10, 0, 0, 0))), 100},
	{"a parcel inside another overlaps by its own area",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRect(2, 2, 4, 4))), 4},
	{"a parcel around another overlaps by the other's area",
		localShape(localPoly(localRect(2, 2, 4, 4))), localShape(localPoly(localRect(0, 0, 10, 10))), 4},
	{"a parcel in a corner of another, sharing two edges, overlaps by its own area",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRect(0, 0, 5, 5))), 25},
	{"parcels sharing one edge the same way and overlapping half",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRect(0, 5, 10, 20))), 50},
	{"crossing strips overlap where they cross",
		localShape(localPoly(localRect(0, 0, 10, 2))), localShape(localPoly(localRect(4, -5, 6, 5))), 4},
	{"a parcel inside another's hole shares nothing",
		localShape(localPoly(localRect(0, 0, 10, 10), localRect(2, 2, 8, 8))), localShape(localPoly(localRect(3, 3, 5, 5))), 0},
	{"a parcel filling another's hole exactly shares nothing",
		localShape(localPoly(localRect(0, 0, 10, 10), localRect(2, 2, 8, 8))), localShape(localPoly(localRect(2, 2, 8, 8))), 0},
	{"a parcel straddling a hole's edge overlaps outside the hole only",
		localShape(localPoly(localRect(0, 0, 10, 10), localRect(2, 2, 8, 8))), localShape(localPoly(localRect(0, 0, 5, 5))), 16},
	{"a parcel covering one with a hole overlaps by the area around the hole",
		localShape(localPoly(localRect(0, 0, 10, 10), localRect(2, 2, 8, 8))), localShape(localPoly(localRect(-1, -1, 11, 11))), 64},
	{"identical parcels with holes overlap by their area",
		localShape(localPoly(localRect(0, 0, 10, 10), localRect(2, 2, 8, 8))), localShape(localPoly(localRect(0, 0, 10, 10), localRect(2, 2, 8, 8))), 64},
	{"a parcel exactly in a ring-shaped parcel's hole shares nothing",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRect(-5, -5, 15, 15), localRect(0, 0, 10, 10))), 0},
	{"multipart parcels overlap part by part",
		localShape(localPoly(localRect(0, 0, 2, 2)), localPoly(localRect(5, 5, 7, 7))), localShape(localPoly(localRect(1, 1, 6, 6))), 2},
	{"a multipart parcel and its parts' neighbour share no area",
		localShape(localPoly(localRect(0, 0, 2, 2)), localPoly(localRect(4, 0, 6, 2))), localShape(localPoly(localRect(2, 0, 4, 2))), 0},
	{"a triangle whose apex touches an edge from outside shares nothing",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRing(5, 0, 8, -5, 2, -5))), 0},
	{"a triangle whose apex touches an edge from inside overlaps by its area",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRing(5, 0, 8, 5, 2, 5))), 15},
	{"a sliver of one centimetre along an edge overlaps by 0.1 m²",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRect(9.99, 0, 20, 10))), 0.1},
	{"a nearly collinear edge crossing a shared line leaves a tiny triangle",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRing(10-1e-7, 0, 20, 0, 20, 10, 10+1e-7, 10))), 2.5e-7},
	{"a zigzag neighbour along a shared line overlaps by its teeth",
		localShape(localPoly(localRect(0, 0, 10, 10))), localShape(localPoly(localRing(10, 0, 20, 0, 20, 10, 10, 10, 9, 7.5, 10, 5, 9, 2.5))), 5},
}

func TestIntersectionAreaOfCadastreCases(t *testing.T) {
	for _, c := range cadastreCases {
		t.Run(c.name, func(t *testing.T) {
			for _, order := range []struct {
				name string
				a, b *Prepared
			}{{"a with b", c.a, c.b}, {"b with a", c.b, c.a}} {
				got := IntersectionArea(order.a, order.b)
				if math.Abs(got-c.want) > 1e-9 {
					t.Errorf("%s: IntersectionArea = %.12g m², want %.12g", order.name, got, c.want)
				}
				if brute := bruteArea(order.a, order.b); math.Abs(brute-c.want) > 1e-9 {
					t.Errorf("%s: the brute-force reference gives %.12g m², want %.12g", order.name, brute, c.want)
				}
			}
			if got, want := InteriorsIntersect(c.a, c.b), c.want > InteriorEpsilonM2; got != want {
				t.Errorf("InteriorsIntersect = %v, want %v", got, want)
			}
		})
	}
}
