package tiles

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"landwatch/spatial"
)

// labelAttributes are those of a parcel's label point in the layer
// "labels", from LabelMinZoom on: one point per parcel of a supply, in the
// one tile that holds it, whose id is its parcel's (the polygon's in the
// layer "parcels"). A polygon's label would be placed by the map in every
// tile the polygon reaches, and so drawn twice or more on a parcel that
// crosses a tile's edge.
var labelAttributes = []attribute[*spatial.Subject]{
	{"e_number", "String", LabelMinZoom, nil, "the label",
		func(s *spatial.Subject) (prop, bool) { return strProp(s.Meta.ENumber), true }},
	{"project", "String", ProjectMinZoom, nil, "the label's second line",
		func(s *spatial.Subject) (prop, bool) { return strProp(s.Meta.Project), s.Meta.Project != "" }},
}

// labelPoint is where a parcel's label goes: the middle of the widest span
// of its largest part along that part's middle latitude. It is inside the
// parcel whatever its shape (a centroid falls outside an L or a ring), and
// the same point in every tile the parcel reaches. Neither orb nor go-geom
// has an interior point; this is the scan line of GEOS's InteriorPointArea
// (PostGIS's ST_PointOnSurface), which the map's labels need without a
// query a parcel. xs is scratch for the crossings, returned grown.
func labelPoint(mp orb.MultiPolygon, xs []float64) (orb.Point, []float64, bool) {
	var part orb.Polygon
	largest := -1.0
	for _, poly := range mp {
		if len(poly) == 0 {
			continue
		}
		if a := math.Abs(planar.Area(poly)); a > largest {
			part, largest = poly, a
		}
	}
	if largest <= 0 {
		return orb.Point{}, xs, false
	}
	b := part[0].Bound()
	y := (b.Min[1] + b.Max[1]) / 2
	xs = xs[:0]
	for _, ring := range part {
		for i := range ring {
			// the edge to the next point, the last to the first too (a
			// ring closed repeats its first point: that edge is empty)
			a, c := ring[i], ring[(i+1)%len(ring)]
			// half open, so that a vertex on the line is crossed once
			if (a[1] <= y) != (c[1] <= y) {
				xs = append(xs, a[0]+(y-a[1])*(c[0]-a[0])/(c[1]-a[1]))
			}
		}
	}
	slices.Sort(xs)
	best, width := 0.0, -1.0
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > width {
			best, width = (xs[i]+xs[i+1])/2, w
		}
	}
	if width <= 0 {
		return orb.Point{}, xs, false
	}
	return orb.Point{best, y}, xs, true
}

// addLabel adds the label point of a parcel of a supply to the layer
// "labels" when this tile holds it; props is scratch, returned grown.
func (st *state) addLabel(p projector, z uint32, s *spatial.Subject, props []prop) []prop {
	var pt orb.Point
	var ok bool
	if pt, st.xs, ok = labelPoint(s.Shape.Geom, st.xs); !ok {
		return props
	}
	px, py := p.point(pt[0], pt[1])
	if px < 0 || px >= Extent || py < 0 || py >= Extent {
		return props // another tile's label
	}
	e := &st.e
	e.cmds = e.cmds[:0]
	e.cx, e.cy = 0, 0
	e.point(px, py)
	props = appendProps(props[:0], labelColumns, z, s)
	st.labels.add(uint64(s.ID), geomPoint, e.cmds, props)
	return props
}
