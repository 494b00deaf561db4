package spatial

import (
	"math"

	"github.com/paulmach/orb"
)

// chunkEdges is how many consecutive edges of a long ring share one
// bounding box: point-in-polygon tests and overlays skip whole chunks that
// cannot matter, so an 18,000-vertex road costs about a thousand box tests
// instead of eighteen thousand edge tests. Rings with at most this many
// edges use their ring box alone.
const chunkEdges = 16

// Prepared is a parcel boundary ready for exact plane predicates: the
// EPSG:4490 geometry as given, and its rings projected once into the
// Gauss-Krüger 3° zone of the centre of its bounding box (the zone rule of
// PlaneArea), with x the easting and y the northing in metres. In the plane
// every outer ring runs counter-clockwise and every hole clockwise, so the
// interior always lies to the left of an edge; closing vertices and
// repeated consecutive vertices are dropped. A vertex shared by two parcels
// gets exactly the same plane coordinates in both, because projection is a
// deterministic function of longitude and latitude.
//
// A Prepared is immutable after Prepare and safe for concurrent use.
type Prepared struct {
	Geom  orb.MultiPolygon // EPSG:4490 longitude/latitude, as given
	Bound orb.Bound        // of Geom, in degrees
	Zone  Zone             // the 3° zone of the plane coordinates
	// Inner is InnerPoint of Geom, where a map writes the parcel's label,
	// found once here rather than for every tile; HasInner is false when
	// Geom has no area.
	Inner    orb.Point
	HasInner bool

	area   float64     // plane area in m², as PlaneArea computes it
	box    planeBox    // of all plane vertices
	xy     []float64   // plane vertices x0, y0, x1, y1 … of all rings, ring after ring
	rings  []planeRing // where each ring lies in xy
	chunks []planeBox  // boxes of chunkEdges-edge runs of the long rings
}

// planeRing locates one ring of a Prepared in its xy slice. Edge k runs
// from vertex k to vertex (k+1) mod n.
type planeRing struct {
	start int32 // index of the ring's first vertex (not float) in xy
	n     int32 // number of vertices, which is also the number of edges
	chunk int32 // index of its first chunk box, or -1 for a short ring
	box   planeBox
}

// planeBox is an axis-aligned box in plane metres (x east, y north).
type planeBox struct {
	minX, minY, maxX, maxY float64
}

// emptyBox is the box of nothing: it intersects no box, and extending it
// by a point gives that point's box.
func emptyBox() planeBox {
	return planeBox{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
}

func (b planeBox) empty() bool { return b.minX > b.maxX || b.minY > b.maxY }

func (b planeBox) intersects(o planeBox) bool {
	return b.minX <= o.maxX && o.minX <= b.maxX && b.minY <= o.maxY && o.minY <= b.maxY
}

func (b planeBox) intersection(o planeBox) planeBox {
	return planeBox{max(b.minX, o.minX), max(b.minY, o.minY), min(b.maxX, o.maxX), min(b.maxY, o.maxY)}
}

func (b planeBox) union(o planeBox) planeBox {
	return planeBox{min(b.minX, o.minX), min(b.minY, o.minY), max(b.maxX, o.maxX), max(b.maxY, o.maxY)}
}

func (b *planeBox) extend(x, y float64) {
	b.minX, b.maxX = min(b.minX, x), max(b.maxX, x)
	b.minY, b.maxY = min(b.minY, y), max(b.maxY, y)
}

// shifted returns b moved by −o: the box in a frame with origin o.
func (b planeBox) shifted(o orb.Point) planeBox {
	return planeBox{b.minX - o[0], b.minY - o[1], b.maxX - o[0], b.maxY - o[1]}
}

// Prepare projects mp (EPSG:4490) into the 3° zone of the centre of its
// bounding box and returns it ready for the exact predicates. Rings with
// fewer than three distinct vertices, or with a coordinate that is not a
// finite number, are kept in Geom but have no plane ring. An empty mp
// gives a Prepared of area 0 that intersects nothing. Prepare does not
// validate: call Validate first where validity matters.
func Prepare(mp orb.MultiPolygon) *Prepared { return prepare(nil, mp) }

// prepare is Prepare with the shape kept in slab s.
func prepare(s *Slab, mp orb.MultiPolygon) *Prepared {
	var p *Prepared
	if len(mp) == 0 {
		p = s.shape()
		p.Geom, p.box = mp, emptyBox()
	} else {
		p = prepareIn(s, mp, Zone3Of(mp.Bound().Center().Lon()))
	}
	p.Inner, p.HasInner = InnerPoint(mp)
	return p
}

// prepareIn is Prepare with the zone given: overlays use it to bring a
// shape from a neighbouring zone into the zone of the shape it is compared
// with.
func prepareIn(s *Slab, mp orb.MultiPolygon, z Zone) *Prepared {
	tm := cgcsTM()
	cm := z.CentralMeridian()
	return prepareWith(s, mp, z, func(pt orb.Point) (x, y float64) {
		north, east := tm.forward(cm, pt[0], pt[1])
		return east, north
	})
}

// prepareWith builds the Prepared of mp in zone z with project turning a
// vertex of mp into plane x (easting) and y (northing). Tests use it to
// build shapes with exact plane coordinates.
func prepareWith(s *Slab, mp orb.MultiPolygon, z Zone, project func(orb.Point) (x, y float64)) *Prepared {
	p := s.shape()
	p.Geom, p.Bound, p.Zone, p.box = mp, mp.Bound(), z, emptyBox()
	nv, nr := 0, 0
	for _, poly := range mp {
		for _, ring := range poly {
			nv += len(ring)
			nr++
		}
	}
	p.xy = s.floats(2 * nv)
	p.rings = s.planeRings(nr)
	for _, poly := range mp {
		for i, ring := range poly {
			signed := p.addRing(project, ring, i == 0)
			if i == 0 {
				p.area += math.Abs(signed)
			} else {
				p.area -= math.Abs(signed)
			}
		}
	}
	s.trim(p)
	if len(p.rings) == 0 {
		p.xy = nil
		p.rings = nil
	}
	return p
}

// addRing projects ring, appends it to p without its closing vertex and
// repeated vertices, turns it to the orientation its role asks for
// (counter-clockwise when outer, clockwise when a hole) and returns its
// signed plane area. The area is summed exactly as PlaneArea sums it —
// relative to the first vertex, in the order given — so that Area equals
// PlaneArea to the bit.
func (p *Prepared) addRing(project func(orb.Point) (x, y float64), ring orb.Ring, outer bool) (signed float64) {
	start := len(p.xy)
	n := len(ring)
	if n > 1 && ring[0] == ring[n-1] {
		n--
	}
	var sum, prevX, prevY, x0, y0 float64
	for k := 0; k < n; k++ {
		east, north := project(ring[k])
		if k == 0 {
			x0, y0 = east, north
		} else {
			x, y := east-x0, north-y0
			sum += prevX*y - x*prevY
			prevX, prevY = x, y
		}
		if m := len(p.xy); m > start && p.xy[m-2] == east && p.xy[m-1] == north {
			continue
		}
		p.xy = append(p.xy, east, north)
	}
	// The closing edge adds prevX·0 − 0·prevY = 0 relative to the first
	// vertex, whether the ring was given closed or open.
	if len(ring) >= 3 {
		signed = sum / 2
	}
	if m := len(p.xy); m-start >= 4 && p.xy[start] == p.xy[m-2] && p.xy[start+1] == p.xy[m-1] {
		p.xy = p.xy[:m-2] // the ring came back to its start through repeats
	}
	count := (len(p.xy) - start) / 2
	if count < 3 || !allFinite(p.xy[start:]) {
		p.xy = p.xy[:start]
		return signed
	}
	pts := p.xy[start:]
	if ccw := shoelace(pts) > 0; ccw != outer {
		reverseVertices(pts)
	}
	r := planeRing{start: int32(start / 2), n: int32(count), chunk: -1, box: emptyBox()}
	for k := 0; k < len(pts); k += 2 {
		r.box.extend(pts[k], pts[k+1])
	}
	if count > chunkEdges {
		r.chunk = int32(len(p.chunks))
		for c := 0; c < count; c += chunkEdges {
			b := emptyBox()
			for k := c; k <= min(c+chunkEdges, count); k++ {
				j := 2 * (k % count)
				b.extend(pts[j], pts[j+1])
			}
			p.chunks = append(p.chunks, b)
		}
	}
	p.box = p.box.union(r.box)
	p.rings = append(p.rings, r)
	return signed
}

// allFinite reports whether no value of xs is infinite or not a number.
func allFinite(xs []float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// shoelace returns twice the signed area of the flat ring pts (x, y pairs,
// not closed), relative to its first vertex.
func shoelace(pts []float64) float64 {
	var sum float64
	x0, y0 := pts[0], pts[1]
	for k := 2; k+3 < len(pts); k += 2 {
		sum += (pts[k]-x0)*(pts[k+3]-y0) - (pts[k+2]-x0)*(pts[k+1]-y0)
	}
	return sum
}

// reverseVertices reverses the order of the (x, y) pairs of pts.
func reverseVertices(pts []float64) {
	for i, j := 0, len(pts)-2; i < j; i, j = i+2, j-2 {
		pts[i], pts[j] = pts[j], pts[i]
		pts[i+1], pts[j+1] = pts[j+1], pts[i+1]
	}
}

// Area returns the plane area in m² in the shape's zone: outer rings less
// holes, equal to PlaneArea of Geom.
func (p *Prepared) Area() float64 { return p.area }

// vertex returns vertex k of ring r as a plane point (x east, y north).
func (p *Prepared) vertex(r *planeRing, k int) orb.Point {
	j := 2 * (int(r.start) + k)
	return orb.Point{p.xy[j], p.xy[j+1]}
}

// ringChunks returns the chunk boxes of ring r, nil for a short ring.
func (p *Prepared) ringChunks(r *planeRing) []planeBox {
	if r.chunk < 0 {
		return nil
	}
	nc := (int(r.n) + chunkEdges - 1) / chunkEdges
	return p.chunks[r.chunk : int(r.chunk)+nc]
}

// inZone returns p with its plane coordinates in zone z: p itself when it
// is already there, a new Prepared otherwise.
func (p *Prepared) inZone(z Zone) *Prepared {
	if p.Zone == z || len(p.rings) == 0 {
		return p
	}
	return prepareIn(nil, p.Geom, z)
}
