package spatial

import (
	"math"

	"github.com/paulmach/orb"
)

// locate tells whether q lies inside, outside or on the boundary of p, q
// being given in a frame whose origin is org (plane point org is (0, 0)).
// Inside means a non-zero winding number: with outer rings
// counter-clockwise and holes clockwise, points in a hole count 0 and
// points in a valid polygon 1. Only edges that reach q's height east of q
// are tested, whole chunks of long rings at a time; the boundary test and
// the side tests are exact.
func (p *Prepared) locate(q, org orb.Point) int {
	w := 0
	for ri := range p.rings {
		r := &p.rings[ri]
		if !reachesEast(r.box.shifted(org), q) {
			continue
		}
		chunks := p.ringChunks(r)
		n := int(r.n)
		for k := 0; k < n; k++ {
			if chunks != nil && k%chunkEdges == 0 && !reachesEast(chunks[k/chunkEdges].shifted(org), q) {
				k += chunkEdges - 1
				continue
			}
			a := p.vertex(r, k)
			b := p.vertex(r, (k+1)%n)
			a[0], a[1] = a[0]-org[0], a[1]-org[1]
			b[0], b[1] = b[0]-org[0], b[1]-org[1]
			if (a[1] < q[1] && b[1] < q[1]) || (a[1] > q[1] && b[1] > q[1]) || (a[0] < q[0] && b[0] < q[0]) {
				continue
			}
			s := orient(a, b, q)
			if s == 0 && onSegment(a, b, q) {
				return boundary
			}
			if a[1] <= q[1] {
				if b[1] > q[1] && s > 0 {
					w++
				}
			} else if b[1] <= q[1] && s < 0 {
				w--
			}
		}
	}
	if w != 0 {
		return inside
	}
	return outside
}

// reachesEast reports whether box b spans q's height and reaches east of
// q's x: only then can its edges cross the ray from q to the east.
func reachesEast(b planeBox, q orb.Point) bool {
	return b.minY <= q[1] && q[1] <= b.maxY && q[0] <= b.maxX
}

// distance returns the plane distance in metres from q (absolute plane
// coordinates) to the nearest edge of p, skipping chunks and rings whose
// boxes are farther than the best found; +Inf when p has no rings.
func (p *Prepared) distance(q orb.Point) float64 {
	best := math.Inf(1)
	for ri := range p.rings {
		r := &p.rings[ri]
		if boxDistance(r.box, q) >= best {
			continue
		}
		chunks := p.ringChunks(r)
		n := int(r.n)
		for k := 0; k < n; k++ {
			if chunks != nil && k%chunkEdges == 0 && boxDistance(chunks[k/chunkEdges], q) >= best {
				k += chunkEdges - 1
				continue
			}
			best = min(best, segmentDistance(p.vertex(r, k), p.vertex(r, (k+1)%n), q))
		}
	}
	return best
}

// boxDistance returns the distance from q to box b, 0 inside it.
func boxDistance(b planeBox, q orb.Point) float64 {
	dx := max(b.minX-q[0], 0, q[0]-b.maxX)
	dy := max(b.minY-q[1], 0, q[1]-b.maxY)
	return math.Hypot(dx, dy)
}

// segmentDistance returns the distance from q to the segment a–b.
func segmentDistance(a, b, q orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	qx, qy := q[0]-a[0], q[1]-a[1]
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = min(max((qx*dx+qy*dy)/l2, 0), 1)
	}
	return math.Hypot(qx-t*dx, qy-t*dy)
}
