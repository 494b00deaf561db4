package seed

import (
	"math"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
)

// planePt is a Gauss-Krüger plane point: easting (with the 500 km false
// easting, no zone prefix) and northing, in metres.
type planePt = [2]float64

// bilinear maps uv to the plane inside a block with corners SW, SE, NE, NW.
// Along any line of constant u or v it is affine, so points inserted on a
// straight edge stay on it; at the corners it returns them exactly.
func bilinear(q [4]planePt, p uv) planePt {
	a, b := (1-p.u)*(1-p.v), p.u*(1-p.v)
	c, d := p.u*p.v, (1-p.u)*p.v
	return planePt{
		a*q[0][0] + b*q[1][0] + c*q[2][0] + d*q[3][0],
		a*q[0][1] + b*q[1][1] + c*q[2][1] + d*q[3][1],
	}
}

// mapRing maps an open uv ring to the plane.
func mapRing(q [4]planePt, ring []uv) []planePt {
	out := make([]planePt, len(ring))
	for i, p := range ring {
		out[i] = bilinear(q, p)
	}
	return out
}

// geoRing converts an open plane ring to a closed EPSG:4490 ring.
func geoRing(cm float64, ring []planePt) orb.Ring {
	out := make(orb.Ring, len(ring)+1)
	for i, p := range ring {
		lon, lat := spatial.ToGeographic(cm, p[1], p[0])
		out[i] = orb.Point{lon, lat}
	}
	out[len(ring)] = out[0]
	return out
}

// newParcel wraps a geometry as a parcel with its plane area and zone.
func newParcel(mp orb.MultiPolygon) land.Parcel {
	m2, epsg := spatial.PlaneArea(mp)
	return land.Parcel{Geometry: mp, PlaneAreaM2: m2, GKEPSG: epsg}
}

// cloneMultiPolygon copies mp so that a duplicate never shares memory with
// the parcel it was drawn over.
func cloneMultiPolygon(mp orb.MultiPolygon) orb.MultiPolygon {
	out := make(orb.MultiPolygon, len(mp))
	for i, poly := range mp {
		out[i] = make(orb.Polygon, len(poly))
		for j, ring := range poly {
			out[i][j] = append(orb.Ring(nil), ring...)
		}
	}
	return out
}

// quadSize returns the mean widths of a block along u and along v.
func quadSize(q [4]planePt) (w, h float64) {
	dist := func(a, b planePt) float64 { return math.Hypot(b[0]-a[0], b[1]-a[1]) }
	return (dist(q[0], q[1]) + dist(q[3], q[2])) / 2, (dist(q[0], q[3]) + dist(q[1], q[2])) / 2
}

// pushVertex moves vertex k of an open plane ring d metres away from the
// ring's vertex centroid, as survey rounding does to a shared corner, and
// returns the most area that can add (the two thin triangles it opens).
func pushVertex(ring []planePt, k int, d float64) float64 {
	var cx, cy float64
	for _, p := range ring {
		cx += p[0]
		cy += p[1]
	}
	cx /= float64(len(ring))
	cy /= float64(len(ring))
	p := ring[k]
	dx, dy := p[0]-cx, p[1]-cy
	n := math.Hypot(dx, dy)
	prev, next := ring[(k+len(ring)-1)%len(ring)], ring[(k+1)%len(ring)]
	l1 := math.Hypot(p[0]-prev[0], p[1]-prev[1])
	l2 := math.Hypot(next[0]-p[0], next[1]-p[1])
	d = math.Min(d, 0.9/(l1+l2))
	ring[k] = planePt{p[0] + d*dx/n, p[1] + d*dy/n}
	return 0.5 * d * (l1 + l2)
}
