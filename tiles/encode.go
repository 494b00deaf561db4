package tiles

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"landwatch/spatial"
)

// Filter selects the parcels drawn on a tile. The zero Filter draws all.
type Filter struct {
	Stages   []string // development stages; empty means all
	LandUse  string   // GB/T 21010-2017 code or its prefix
	Methods  []string // supply method codes
	FromYear int      // contract year range, 0 for open
	ToYear   int
	Region   string // region code prefix (subtree)
	// RegionCode is the 6-digit code asked for, from which Region is made.
	RegionCode string
}

// Key is a canonical text of the filter, for cache keys.
func (f Filter) Key() string {
	st, m := slices.Clone(f.Stages), slices.Clone(f.Methods)
	slices.Sort(st)
	slices.Sort(m)
	return strings.Join(st, ",") + "|" + f.LandUse + "|" + strings.Join(m, ",") + "|" +
		strconv.Itoa(f.FromYear) + "|" + strconv.Itoa(f.ToYear) + "|" + f.Region
}

// inRegion reports whether a region code is in the filter's subtree.
func (f Filter) inRegion(code string) bool { return strings.HasPrefix(code, f.Region) }

func (f Filter) match(m *spatial.Meta) bool {
	switch {
	case len(f.Stages) > 0 && !slices.Contains(f.Stages, m.Stage),
		f.LandUse != "" && !strings.HasPrefix(m.LandUse, f.LandUse),
		len(f.Methods) > 0 && !slices.Contains(f.Methods, m.Method),
		f.FromYear != 0 && m.ContractYear < f.FromYear,
		f.ToYear != 0 && m.ContractYear > f.ToYear,
		f.Region != "" && !strings.HasPrefix(m.Region, f.Region):
		return false
	}
	return true
}

// pointBelow is the size (tile units) under which a parcel's shape is not
// drawn: five pixels of a 512-pixel tile. Such parcels are counted into
// cells of cellSize units instead, one point per cell carrying how many
// parcels it holds, their most common stage and all their flags — a person
// sees where land is and what state it is in, and the tile stays small.
const (
	pointBelow = 40
	cellSize   = 32
)

// ProjectMinZoom is the first zoom whose tiles carry each parcel's project
// name: only there is it labelled, and tiles of lower zooms, which hold many
// more parcels, do not grow by it.
const ProjectMinZoom = 17

// cell gathers the parcels too small to draw in one cell of the tile.
type cell struct {
	count  int64
	stages map[string]int
	flags  uint32
}

// found is a parcel found for a tile, with its place in the tile's order
// (kind, then id) as one number: sorting compares numbers in the slice
// rather than following each pointer to its subject.
type found struct {
	order uint64
	s     *spatial.Subject
}

// state is what encoding a tile works in: its layers, the encoder's
// scratch, the parcels found, the cells. Tiles are made one after another
// on every core; each takes a state from the pool and gives it back, so
// that the buffers and tables are grown once, not for every tile.
type state struct {
	parcels, overlaps, findings *layer
	labels                      *layer
	e                           encoder
	subjects, sorted            []found // the parcels drawn; the sort's scratch
	cells                       map[[2]int32]*cell
	free                        []*cell // cells of earlier tiles, for reuse
	keys                        [][2]int32
	props                       []prop
}

var states = sync.Pool{New: func() any {
	return &state{parcels: newLayer("parcels", Extent), overlaps: newLayer("overlaps", Extent),
		findings: newLayer("findings", Extent), labels: newLayer("labels", Extent), cells: map[[2]int32]*cell{}}
}}

func getState() *state {
	st := states.Get().(*state)
	st.parcels.reset()
	st.overlaps.reset()
	st.findings.reset()
	st.labels.reset()
	st.subjects, st.keys = st.subjects[:0], st.keys[:0]
	for _, c := range st.cells {
		clear(c.stages)
		c.count, c.flags = 0, 0
		st.free = append(st.free, c)
	}
	clear(st.cells)
	return st
}

// cell returns the cell at k, made on first use.
func (st *state) cell(k [2]int32) *cell {
	c := st.cells[k]
	if c == nil {
		if n := len(st.free); n > 0 {
			c, st.free = st.free[n-1], st.free[:n-1]
		} else {
			c = &cell{stages: map[string]int{}}
		}
		st.cells[k] = c
	}
	return c
}

// Encode returns the tile z/x/y of the snapshot: the layer "parcels" (one
// polygon per parcel of a supply or of reserve land, or a point per cell
// where parcels are too small to see); from src (when not nil) the layer
// "overlaps" with the shared areas and the layer "findings" with a point per
// open finding; from LabelMinZoom, the layer "labels" with a point per
// parcel of a supply, at its inner point (labels.go). What each feature
// carries is in the tables of attributes.go and labels.go.
func Encode(snap *spatial.Snapshot, src Sources, z, x, y uint32, f Filter) []byte {
	return EncodeInto(nil, snap, src, z, x, y, f)
}

// EncodeInto is Encode writing the tile into dst's room: dst's bytes are
// replaced, not appended to.
func EncodeInto(dst []byte, snap *spatial.Snapshot, src Sources, z, x, y uint32, f Filter) []byte {
	p := newProjector(z, x, y)
	bound := tileBound(z, x, y)
	st := getState()
	defer states.Put(st)
	parcels, e, props := st.parcels, &st.e, st.props
	e.grid = gridStep(z)
	subjects := st.subjects
	defer func() { st.props, st.subjects = props[:0], subjects[:0] }()
	snap.Search(bound, func(s *spatial.Subject) bool {
		// an unsold lot has no stage, use or year to filter by: only the region
		if !((s.Kind == spatial.KindSupplyParcel || s.Kind == spatial.KindReserve) && f.match(&s.Meta) ||
			s.Kind == spatial.KindLot && f.inRegion(s.Meta.Region)) {
			return true
		}
		// A parcel too small to see is counted into its cell here, while
		// it is at hand: a cell's sums do not depend on the order parcels
		// come in, so only the parcels drawn are sorted.
		b := s.Shape.Bound
		x0, y0 := p.point(b.Min[0], b.Max[1])
		x1, y1 := p.point(b.Max[0], b.Min[1])
		if x1-x0 >= pointBelow || y1-y0 >= pointBelow {
			subjects = append(subjects, found{uint64(s.Kind)<<56 | uint64(s.ID), s})
			return true
		}
		if s.Kind == spatial.KindLot {
			return true // an outline too small to see, and no stage to count in a cell
		}
		cx, cy := (x0+x1)/2, (y0+y1)/2
		if !inTile(cx, cy) {
			return true // counted by the tile it lies in
		}
		c := st.cell([2]int32{int32(cx / cellSize), int32(cy / cellSize)})
		c.count++
		c.stages[s.Meta.Stage]++
		c.flags |= s.Meta.Flags
		return true
	})
	// Features in kind and id order: the same tile is the same bytes.
	subjects, st.sorted = sortFound(subjects, st.sorted)
	for _, fs := range subjects {
		s := fs.s
		e.cmds = e.cmds[:0]
		e.cx, e.cy = 0, 0
		if !e.polygon(p, s.Shape.Geom) {
			continue
		}
		// No id for reserve land: reserve parcels are numbered apart from
		// supply parcels (and it has no supply_id, so a click finds none).
		var id uint64
		if s.Kind == spatial.KindSupplyParcel {
			id = uint64(s.ID)
		}
		props = appendProps(props[:0], parcelColumns[s.Kind], z, s)
		parcels.add(id, geomPolygon, e.cmds, props)
		if z >= LabelMinZoom && s.Kind == spatial.KindSupplyParcel {
			props = st.addLabel(p, z, s, props)
		}
	}
	cells := st.cells
	keys := st.keys[:0]
	for k := range cells {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]int32) int { return int(a[1]-b[1])*Extent + int(a[0]-b[0]) })
	for _, k := range keys {
		props = appendProps(props[:0], cellColumns, z, cells[k])
		st.addPoint(parcels, 0, (float64(k[0])+0.5)*cellSize, (float64(k[1])+0.5)*cellSize, props)
	}
	if src == nil {
		return encodeTile(dst, parcels, st.labels)
	}
	st.keys = keys
	overlapLayer := st.overlaps
	overlapShapes := src.OverlapsIn(bound)
	for i := range overlapShapes {
		o := &overlapShapes[i]
		if !f.inRegion(o.RegionA) || !f.inRegion(o.RegionB) {
			continue // the shared ground traces the other supply's boundary: only for who may see both
		}
		e.cmds = e.cmds[:0]
		e.cx, e.cy = 0, 0
		if !e.polygon(p, o.Geom) {
			continue
		}
		props = appendProps(props[:0], overlapColumns, z, o)
		overlapLayer.add(uint64(o.ID), geomPolygon, e.cmds, props)
	}
	findingLayer := st.findings
	marks := src.FindingsIn(bound)
	for i := range marks {
		m := &marks[i]
		if !f.inRegion(m.Region) || (m.OtherRegion != "" && !f.inRegion(m.OtherRegion)) {
			continue // an overlap's mark on a neighbour's land would show where that land lies
		}
		px, py := p.point(m.Point[0], m.Point[1])
		if !inTile(px, py) {
			continue
		}
		props = appendProps(props[:0], findingColumns, z, m)
		st.addPoint(findingLayer, uint64(m.ID), px, py, props)
	}
	return encodeTile(dst, parcels, overlapLayer, findingLayer, st.labels)
}

// inTile reports whether a point in tile units lies in the tile: a point
// on an edge between two tiles is in the one to its right or below, so
// that a point feature is in one tile only.
func inTile(px, py float64) bool { return px >= 0 && px < Extent && py >= 0 && py < Extent }

// addPoint adds a point feature at px, py (tile units) to layer l.
func (st *state) addPoint(l *layer, id uint64, px, py float64, props []prop) {
	e := &st.e
	e.cmds = e.cmds[:0]
	e.cx, e.cy = 0, 0
	e.point(px, py)
	l.add(id, geomPoint, e.cmds, props)
}

// sortFound sorts the parcels found by their order, a byte of it at a time
// from the lowest (a radix sort: a dense tile's thousands of parcels are
// moved in a few passes, where a comparing sort makes a dozen rounds of
// comparisons), passing over the bytes every order shares: a tile's ids
// differ in their last two or three bytes only. The orders are distinct,
// so the result is the one order there is. It returns the sorted slice
// and the other buffer, either of which may be scratch's.
func sortFound(a, scratch []found) (sorted, rest []found) {
	if len(a) < 64 {
		slices.SortFunc(a, func(x, y found) int { return cmp.Compare(x.order, y.order) })
		return a, scratch
	}
	var or, and uint64 = 0, ^uint64(0)
	for _, f := range a {
		or |= f.order
		and &= f.order
	}
	src, dst := a, slices.Grow(scratch[:0], len(a))[:len(a)]
	for shift := 0; shift < 64; shift += 8 {
		if (or^and)>>shift&0xff == 0 {
			continue
		}
		var at [256]int
		for _, f := range src {
			at[f.order>>shift&0xff]++
		}
		n := 0
		for i, c := range at {
			at[i], n = n, n+c
		}
		for _, f := range src {
			d := f.order >> shift & 0xff
			dst[at[d]] = f
			at[d]++
		}
		src, dst = dst, src
	}
	return src, dst[:0]
}

// commonest returns the most frequent key, the smallest on a tie.
func commonest(m map[string]int) string {
	best, n := "", -1
	for k, v := range m {
		if v > n || (v == n && k < best) {
			best, n = k, v
		}
	}
	return best
}
