package tiles

import (
	"math"

	"github.com/paulmach/orb"
)

// Extent is the size of a tile in its own integer units.
const Extent = 4096

// buffer is how far beyond the tile edge geometry is kept, in tile units,
// so that outlines do not show seams between tiles.
const buffer = 64

// projector maps longitude/latitude (EPSG:4490, taken as WGS 84: the two
// differ by centimetres) to the units of tile z/x/y in Web Mercator.
//
// From zoom 10 on, a tile spans so little latitude that the Mercator y of a
// latitude is taken from its Taylor series around the tile's middle
// (three terms; the error is far below a thousandth of a tile unit), which
// saves a sine and a logarithm per vertex.
type projector struct {
	n, x, y float64 // 2^z and the tile's column and row
	taylor  bool
	lat0    float64    // middle latitude of the tile, radians
	y0      float64    // its tile y, in tile units
	d       [3]float64 // derivatives of tile y by latitude (radians), over 1!, 2!, 3!
}

func newProjector(z, x, y uint32) projector {
	p := projector{n: math.Exp2(float64(z)), x: float64(x), y: float64(y)}
	if z >= 10 {
		p.taylor = true
		p.lat0 = math.Atan(math.Sinh(math.Pi * (1 - 2*(float64(y)+0.5)/p.n)))
		p.y0 = p.exactY(p.lat0)
		sec, tan := 1/math.Cos(p.lat0), math.Tan(p.lat0)
		k := -p.n * Extent / (2 * math.Pi)
		p.d = [3]float64{k * sec, k * sec * tan / 2, k * (sec*tan*tan + sec*sec*sec) / 6}
	}
	return p
}

func (p projector) exactY(latRad float64) float64 {
	s := math.Sin(latRad)
	my := 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
	return (my*p.n - p.y) * Extent
}

func (p projector) point(lon, lat float64) (float64, float64) {
	x := ((lon+180)/360*p.n - p.x) * Extent
	phi := lat * math.Pi / 180
	if !p.taylor {
		return x, p.exactY(phi)
	}
	h := phi - p.lat0
	return x, p.y0 + h*(p.d[0]+h*(p.d[1]+h*p.d[2]))
}

// tileBound returns the longitude/latitude box of a tile grown by the
// buffer, for searching the index.
func tileBound(z, x, y uint32) orb.Bound {
	n := math.Exp2(float64(z))
	pad := float64(buffer) / Extent
	lon := func(tx float64) float64 { return tx/n*360 - 180 }
	lat := func(ty float64) float64 {
		return math.Atan(math.Sinh(math.Pi*(1-2*ty/n))) * 180 / math.Pi
	}
	return orb.Bound{
		Min: orb.Point{lon(float64(x) - pad), lat(float64(y) + 1 + pad)},
		Max: orb.Point{lon(float64(x) + 1 + pad), lat(float64(y) - pad)},
	}
}

// ipoint is a point snapped to the tile grid.
type ipoint struct{ x, y int32 }

// encoder turns projected geometry into MVT geometry commands, keeping the
// cursor between rings and parts as the specification requires.
type encoder struct {
	grid   float64 // the snapping grid's step, tile units (gridStep)
	cmds   []uint32
	cx, cy int32
	ring   []ipoint
	clipA  [][2]float64
	clipB  [][2]float64
}

func command(id, count uint32) uint32 { return id&7 | count<<3 }

// polygon appends a (multi)polygon: every ring clipped to the buffered tile,
// snapped, cleaned of repeated and collinear points, and oriented (exterior
// positive area in tile coordinates, holes negative). Rings that vanish are
// dropped, and a polygon whose exterior vanishes is dropped whole. It
// reports whether anything was written.
func (e *encoder) polygon(p projector, mp orb.MultiPolygon) bool {
	wrote := false
	for _, poly := range mp {
		for i, r := range poly {
			ring := e.cleanRing(p, r)
			if len(ring) < 3 {
				if i == 0 {
					break
				}
				continue
			}
			area := ringArea(ring)
			if area == 0 {
				if i == 0 {
					break
				}
				continue
			}
			if (i == 0) != (area > 0) {
				reverse(ring)
			}
			e.writeRing(ring)
			wrote = true
		}
	}
	return wrote
}

// point appends one point.
func (e *encoder) point(x, y float64) {
	px, py := int32(math.Round(x)), int32(math.Round(y))
	e.cmds = append(e.cmds, command(1, 1), zigzag32(px-e.cx), zigzag32(py-e.cy))
	e.cx, e.cy = px, py
}

func (e *encoder) writeRing(ring []ipoint) {
	e.cmds = append(e.cmds, command(1, 1), zigzag32(ring[0].x-e.cx), zigzag32(ring[0].y-e.cy))
	e.cx, e.cy = ring[0].x, ring[0].y
	e.cmds = append(e.cmds, command(2, uint32(len(ring)-1)))
	for _, pt := range ring[1:] {
		e.cmds = append(e.cmds, zigzag32(pt.x-e.cx), zigzag32(pt.y-e.cy))
		e.cx, e.cy = pt.x, pt.y
	}
	e.cmds = append(e.cmds, command(7, 1))
}

// cleanRing projects, clips and snaps a ring, without its closing point.
// The ring returned lives in the encoder's scratch space until the next call.
func (e *encoder) cleanRing(p projector, r orb.Ring) []ipoint {
	pts := e.clipA[:0]
	var before, last uint8 // the outcodes of the last two points kept
	for _, pt := range r {
		x, y := p.point(pt[0], pt[1])
		q := [2]float64{x, y}
		oc := outcode(q)
		// Of three points in a row beyond the same edge of the buffered
		// tile, the middle one cannot change what the clipping keeps: the
		// ground between it and the line joining the other two lies beyond
		// that edge too (the far side of an edge is convex). A road of
		// thousands of vertices crossing a tile is clipped as the few of
		// them near it.
		if n := len(pts); n >= 2 && before&last&oc != 0 {
			pts[n-1], last = q, oc
			continue
		}
		pts = append(pts, q)
		before, last = last, oc
	}
	if len(pts) > 1 && pts[0] == pts[len(pts)-1] {
		pts = pts[:len(pts)-1]
	}
	pts, e.clipB = clipRing(pts, e.clipB[:0])
	e.clipA = pts
	ring := e.ring[:0]
	for _, pt := range pts {
		ip := ipoint{e.snap(pt[0]), e.snap(pt[1])}
		if n := len(ring); n > 0 && ring[n-1] == ip {
			continue
		}
		ring = append(ring, ip)
		// Drop the middle of three collinear points.
		for n := len(ring); n >= 3 && collinear(ring[n-3], ring[n-2], ring[n-1]); n = len(ring) {
			ring[n-2] = ring[n-1]
			ring = ring[:n-1]
		}
	}
	for len(ring) > 1 && ring[0] == ring[len(ring)-1] {
		ring = ring[:len(ring)-1]
	}
	for len(ring) >= 3 && collinear(ring[len(ring)-2], ring[len(ring)-1], ring[0]) {
		ring = ring[:len(ring)-1]
	}
	for len(ring) >= 3 && collinear(ring[len(ring)-1], ring[0], ring[1]) {
		ring = ring[1:]
	}
	e.ring = ring
	return ring
}

// gridStep is the step of the grid vertices are snapped to at zoom z:
// four tile units below the last zoom, one there (the map zooms deeper
// into its tiles, so they keep every unit).
//
// Snapping to the grid is how shapes are simplified to what the zoom can
// show. A tile is drawn 512 pixels wide, eight units a pixel, so a vertex
// moved by at most half a diagonal step (2.8 units, a third of a pixel) is
// moved less than half a pixel. Vertices that land on the same grid point
// merge, and a vertex left on the straight line between its neighbours is
// dropped. Both steps depend on each vertex alone and on which vertices
// are on the line, never on the ring as a whole (as Douglas–Peucker's
// choice of the farthest point does): two neighbours sharing an edge carry
// the same vertices along it, snap each to the same grid point and keep or
// drop each alike, so their shared edge stays one line and no gap opens
// between them.
func gridStep(z uint32) float64 {
	if z >= ProjectMinZoom {
		return 1
	}
	return 4
}

// snap rounds a coordinate to the encoder's grid. For the grid of four
// units below the last zoom, multiplying by a quarter is the division,
// exactly (a power of two), and takes a fraction of its time.
func (e *encoder) snap(v float64) int32 {
	switch e.grid {
	case 0, 1:
		return int32(math.Round(v))
	case 4:
		return int32(math.Round(v*0.25) * 4)
	}
	return int32(math.Round(v/e.grid) * e.grid)
}

func collinear(a, b, c ipoint) bool {
	return int64(b.x-a.x)*int64(c.y-a.y)-int64(b.y-a.y)*int64(c.x-a.x) == 0
}

// ringArea is twice the signed area in tile coordinates, by the formula of
// the MVT specification (positive for an exterior ring).
func ringArea(r []ipoint) int64 {
	if len(r) == 0 {
		return 0
	}
	var s int64
	prev := r[len(r)-1]
	for _, pt := range r {
		s += int64(prev.x)*int64(pt.y) - int64(pt.x)*int64(prev.y)
		prev = pt
	}
	return s
}

func reverse(r []ipoint) {
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
}

// clipRing clips a closed ring (without closing point) to the buffered tile
// square, edge by edge (Sutherland–Hodgman, exact for one ring against a
// convex window). scratch is reused.
func clipRing(pts, scratch [][2]float64) ([][2]float64, [][2]float64) {
	within := true
	for _, p := range pts {
		if p[0] < clipLo || p[0] > clipHi || p[1] < clipLo || p[1] > clipHi {
			within = false
			break
		}
	}
	if within {
		return pts, scratch
	}
	in, out := pts, scratch
	for edge := range 4 {
		out = out[:0]
		for i := range in {
			cur, prev := in[i], in[(i+len(in)-1)%len(in)]
			curIn, prevIn := inside(edge, cur), inside(edge, prev)
			switch {
			case curIn && prevIn:
				out = append(out, cur)
			case curIn:
				out = append(out, cut(edge, prev, cur), cur)
			case prevIn:
				out = append(out, cut(edge, prev, cur))
			}
		}
		in, out = out, in
		if len(in) == 0 {
			break
		}
	}
	return in, out
}

// outcode has a bit for each edge of the buffered tile the point is beyond.
func outcode(p [2]float64) uint8 {
	var c uint8
	if p[0] < clipLo {
		c |= 1
	} else if p[0] > clipHi {
		c |= 2
	}
	if p[1] < clipLo {
		c |= 4
	} else if p[1] > clipHi {
		c |= 8
	}
	return c
}

// The four edges of the buffered tile: left, right, top, bottom.
const clipLo, clipHi = -buffer, Extent + buffer

func inside(edge int, p [2]float64) bool {
	switch edge {
	case 0:
		return p[0] >= clipLo
	case 1:
		return p[0] <= clipHi
	case 2:
		return p[1] >= clipLo
	default:
		return p[1] <= clipHi
	}
}

func cut(edge int, a, b [2]float64) [2]float64 {
	switch edge {
	case 0:
		return atX(a, b, clipLo)
	case 1:
		return atX(a, b, clipHi)
	case 2:
		return atY(a, b, clipLo)
	default:
		return atY(a, b, clipHi)
	}
}

func atX(a, b [2]float64, x float64) [2]float64 {
	t := (x - a[0]) / (b[0] - a[0])
	return [2]float64{x, a[1] + t*(b[1]-a[1])}
}

func atY(a, b [2]float64, y float64) [2]float64 {
	t := (y - a[1]) / (b[1] - a[1])
	return [2]float64{a[0] + t*(b[0]-a[0]), y}
}
