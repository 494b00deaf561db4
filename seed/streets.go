package seed

import (
	"math"
	"math/rand/v2"
)

// streetLine is one straight street of a town's lattice in the town's local
// frame (metres, x east and y north of the centre before the town's
// rotation). A north–south street is x = off + slope·y, an east–west
// street y = off + slope·x.
type streetLine struct {
	off, slope float64
	width      float64 // between the building lines on both sides
	arterial   bool
	name       string // 兴达 (the 街 or 路 is added where it is written)
}

// town is the street lattice of one town: blocks lie between consecutive
// north–south streets (ns) and consecutive east–west streets (ew).
type town struct {
	index            int
	name             string  // location prefix: the county for the seat, else a 镇
	centerE, centerN float64 // Gauss-Krüger plane of the zone, easting with 500 km false easting
	cos, sin         float64 // rotation of the local frame
	ns, ew           []streetLine
	radius           float64 // expected radius of the built area, for land-use zoning
	industryBearing  float64 // direction (radians) of the industrial side of town
	river            *river
}

// river is a meandering corridor kept free of blocks: y = y0 + amp·sin(x/wave + phase).
type river struct {
	y0, amp, wave, phase, halfWidth float64
}

// blockSpacing is the typical distance between streets at distance d from
// the centre: small central blocks, large blocks at the edge of town.
func blockSpacing(d float64) float64 {
	return 130 + 240*math.Min(d/7000, 1.2)
}

// layStreets draws the lines on one axis out to extent metres from the
// centre and returns them west-to-east (south-to-north). Slopes drift slowly from line to line so
// neighbouring streets never cross inside the town.
func layStreets(r *rand.Rand, extent float64) []streetLine {
	start := uniform(r, -60, 60)
	build := func(pos, sign float64) []streetLine {
		var lines []streetLine
		slope := uniform(r, -0.01, 0.01)
		sinceArterial, every := 0, 0
		for math.Abs(pos) < extent {
			arterial := sinceArterial >= every
			sinceArterial++
			if arterial {
				sinceArterial, every = 0, between(r, 3, 5)
			}
			width := uniform(r, 12, 20)
			if arterial {
				width = uniform(r, 30, 44)
			}
			lines = append(lines, streetLine{off: pos, slope: slope, width: width, arterial: arterial})
			pos += sign * blockSpacing(math.Abs(pos)) * uniform(r, 0.7, 1.35)
			slope = math.Max(-0.05, math.Min(0.05, slope+uniform(r, -0.003, 0.003)))
		}
		return lines
	}
	east := build(start, 1)
	west := build(start-blockSpacing(math.Abs(start))*uniform(r, 0.7, 1.35), -1)
	lines := make([]streetLine, 0, len(east)+len(west))
	for i := len(west) - 1; i >= 0; i-- {
		lines = append(lines, west[i])
	}
	lines = append(lines, east...)
	return lines
}

// nameStreets gives every line a distinct name from the pool.
func nameStreets(lines []streetLine, pool *namePool, stem string) {
	for i := range lines {
		lines[i].name = pool.take(stem)
	}
}

// corner is where the building lines of a north–south street (offset by
// dx towards the block) and an east–west street (offset by dy) meet, in
// the town's local frame.
func corner(ns, ew streetLine, dx, dy float64) (x, y float64) {
	a := ns.off + dx*math.Sqrt(1+ns.slope*ns.slope)
	b := ew.off + dy*math.Sqrt(1+ew.slope*ew.slope)
	x = (a + ns.slope*b) / (1 - ns.slope*ew.slope)
	y = b + ew.slope*x
	return x, y
}

// blockQuad returns the corners of block (i, j), the land between streets
// ns[i], ns[i+1], ew[j] and ew[j+1], as Gauss-Krüger plane points (easting,
// northing) in the order south-west, south-east, north-east, north-west.
// The same block always gives bit-identical corners, which the road
// parcels between blocks rely on.
func (t *town) blockQuad(i, j int) [4][2]float64 {
	w, e := t.ns[i], t.ns[i+1]
	s, n := t.ew[j], t.ew[j+1]
	pts := [4][2]float64{}
	xy := [4][2]float64{}
	xy[0][0], xy[0][1] = corner(w, s, w.width/2, s.width/2)
	xy[1][0], xy[1][1] = corner(e, s, -e.width/2, s.width/2)
	xy[2][0], xy[2][1] = corner(e, n, -e.width/2, -n.width/2)
	xy[3][0], xy[3][1] = corner(w, n, w.width/2, -n.width/2)
	for k, p := range xy {
		pts[k] = t.toPlane(p[0], p[1])
	}
	return pts
}

// toPlane turns local town coordinates into the zone's plane.
func (t *town) toPlane(x, y float64) [2]float64 {
	return [2]float64{t.centerE + t.cos*x - t.sin*y, t.centerN + t.sin*x + t.cos*y}
}

// localCenter returns the middle of block (i, j) in the local frame, before
// street widths are taken off.
func (t *town) localCenter(i, j int) (x, y float64) {
	x0, y0 := corner(t.ns[i], t.ew[j], 0, 0)
	x1, y1 := corner(t.ns[i+1], t.ew[j+1], 0, 0)
	return (x0 + x1) / 2, (y0 + y1) / 2
}

// inRiver reports whether the block centred at local (x, y), h metres
// tall, lies in the river corridor.
func (t *town) inRiver(x, y, h float64) bool {
	if t.river == nil {
		return false
	}
	rv := t.river
	return math.Abs(y-(rv.y0+rv.amp*math.Sin(x/rv.wave+rv.phase))) < rv.halfWidth+h/2
}

// ewName writes the name of east–west street j where it passes local x:
// arterials are split into 东 and 西 halves at the centre (开放西路).
func (t *town) ewName(j int, x float64) string {
	l := t.ew[j]
	if l.arterial {
		if x < 0 {
			return l.name + "西路"
		}
		return l.name + "东路"
	}
	return l.name + "路"
}

// nsName writes the name of north–south street i (兴达街, 迎宾大街).
func (t *town) nsName(i int) string {
	if t.ns[i].arterial {
		return t.ns[i].name + "大街"
	}
	return t.ns[i].name + "街"
}
