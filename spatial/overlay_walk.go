package spatial

import "github.com/paulmach/orb"

// walkRings cuts every kept edge at its contacts into pieces, in ring
// order, and gives each piece its status relative to every other operand.
// The statuses carry from edge to edge along a ring; at the start of a ring
// and after edges that were not kept they are anchored afresh by an exact
// point-in-polygon test at the edge's first vertex — an input vertex, and
// on no other operand's boundary unless a touch says so.
func (o *overlay) walkRings() {
	ns := len(o.shapes)
	if cap(o.cur) < ns {
		o.cur = make([]int8, ns)
	}
	o.cur = o.cur[:ns]
	for i := range o.edges {
		e := &o.edges[i]
		if i == 0 || e.shape != o.edges[i-1].shape || e.ring != o.edges[i-1].ring || e.k != o.edges[i-1].k+1 {
			clear(o.cur)
		}
		ss := o.splits[o.splitAt[i]:o.splitAt[i+1]]
		o.anchor(e, ss)
		from := e.a
		for a := 0; a < len(ss); {
			b := a + 1
			for b < len(ss) && o.compareSplits(ss[a], ss[b]) == 0 {
				b++
			}
			at := ss[a].at
			for _, s := range ss[a:b] {
				if !s.cross {
					at = s.at // the exact point of the group
				}
			}
			o.addPiece(from, at, int32(i))
			from = at
			o.update(e, at, ss[a:b])
			a = b
		}
		o.addPiece(from, e.b, int32(i))
	}
}

// anchor gives a status to every operand still unknown at the start of e:
// by its touches there when it has some, else by locating e's start.
func (o *overlay) anchor(e *ovEdge, ss []ovSplit) {
	for k := range o.shapes {
		if int32(k) == e.shape || o.cur[k] != statusUnknown {
			continue
		}
		touched := false
		for _, s := range ss {
			if !s.cross && s.at == e.a && o.edges[s.other].shape == int32(k) {
				touched = true
				break
			}
		}
		if !touched {
			o.cur[k] = o.pointStatus(int32(k), e.a)
		}
	}
}

// pointStatus locates the input vertex p, which lies on no boundary of
// operand k, in k.
func (o *overlay) pointStatus(k int32, p orb.Point) int8 {
	s := o.shapes[k]
	b := s.box.shifted(o.org)
	if p[0] < b.minX || p[0] > b.maxX || p[1] < b.minY || p[1] > b.maxY {
		return statusOut
	}
	if s.locate(p, o.org) == inside {
		return statusIn
	}
	return statusOut
}

// update applies a group of contacts at one true position along e to the
// statuses: a crossing decides by the side of the crossed edge (even when
// its rounded point is e's end: it truly lies before it), touches by the
// sectors around the exact point at — except at e's end, where the next
// edge of the ring takes over.
func (o *overlay) update(e *ovEdge, at orb.Point, group []ovSplit) {
	for k := range o.shapes {
		if int32(k) == e.shape {
			continue
		}
		o.group = o.group[:0]
		touched := false
		var crossed int32 = -1
		for _, s := range group {
			if o.edges[s.other].shape != int32(k) {
				continue
			}
			o.group = append(o.group, s.other)
			if s.cross {
				crossed = s.other
			} else {
				touched = true
			}
		}
		switch {
		case touched && at == e.b:
			// The next edge decides, from its own start.
		case touched:
			o.cur[k] = o.sectorStatus(at, e.b, o.group)
		case crossed >= 0:
			o.cur[k] = o.crossStatus(e, crossed)
		}
	}
}

// addPiece appends the piece a–b of edge i with the current statuses,
// unless it is empty.
func (o *overlay) addPiece(a, b orb.Point, i int32) {
	if a == b {
		return
	}
	o.pieces = append(o.pieces, ovPiece{a: a, b: b, edge: i})
	o.status = append(o.status, o.cur...)
}

// sum adds up the terms of the pieces that bound S0 ∩ (S1 ∪ … ∪ Sk) and
// returns its area.
func (o *overlay) sum() float64 {
	ns := int32(len(o.shapes))
	var total float64
	for pi := range o.pieces {
		pc := &o.pieces[pi]
		e := &o.edges[pc.edge]
		st := o.status[pi*int(ns) : (pi+1)*int(ns)]
		mid := (e.along(pc.a) + e.along(pc.b)) / 2
		if e.firstSpan >= 0 && o.ownedElsewhere(pc.edge, mid) {
			continue
		}
		var left0, right0, leftU, rightU bool
		for j := int32(0); j < ns; j++ {
			var l, r bool
			switch {
			case j == e.shape:
				l = true
			default:
				var found bool
				if e.firstSpan >= 0 {
					l, r, found = o.spanSides(pc.edge, mid, j)
				}
				if !found {
					l = st[j] == statusIn
					r = l
				}
			}
			if j == 0 {
				left0, right0 = l, r
				if !l && !r {
					break
				}
			} else {
				leftU, rightU = leftU || l, rightU || r
			}
		}
		inLeft, inRight := left0 && leftU, right0 && rightU
		if inLeft == inRight {
			continue
		}
		term := pc.a[0]*pc.b[1] - pc.b[0]*pc.a[1]
		if inLeft {
			total += term
		} else {
			total -= term
		}
	}
	return total / 2
}
