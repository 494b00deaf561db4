package spatial

import "github.com/paulmach/orb"

// ringTouch records two rings of one polygon touching at a point.
type ringTouch struct {
	e, f edge // an edge of each ring through the point
	at   orb.Point
}

// touchLoop reports the first touch that closes a loop in the graph whose
// nodes are a polygon's rings and the points where they touch, each ring
// joined to each point it passes through. Rings that cross nowhere and
// touch only in a tree leave the interior connected; a loop (a hole
// touching the outer ring at two points, three holes touching one another
// …) encloses part of the interior and cuts it off.
func (s *contactScan) touchLoop() (contact, bool) {
	if len(s.touches) == 0 {
		return contact{}, false
	}
	type ringKey struct{ poly, ring int }
	type pointKey struct {
		poly int
		at   orb.Point
	}
	ringNode := map[ringKey]int{}
	pointNode := map[pointKey]int{}
	joined := map[[2]int]bool{}
	var parent []int // union-find forest over ring and point nodes
	newNode := func() int {
		parent = append(parent, len(parent))
		return len(parent) - 1
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, t := range s.touches {
		pk := pointKey{t.e.poly, t.at}
		p, ok := pointNode[pk]
		if !ok {
			p = newNode()
			pointNode[pk] = p
		}
		for _, e := range []edge{t.e, t.f} {
			rk := ringKey{e.poly, e.ring}
			r, ok := ringNode[rk]
			if !ok {
				r = newNode()
				ringNode[rk] = r
			}
			if joined[[2]int{r, p}] {
				continue
			}
			joined[[2]int{r, p}] = true
			if rr, pr := find(r), find(p); rr != pr {
				parent[rr] = pr
				continue
			}
			return contact{kind: loop, at: t.at, e: t.e, f: t.f}, true
		}
	}
	return contact{}, false
}
