package tiles

import (
	"landwatch/spatial"
)

// labelAttributes are those of a parcel's label point in the layer
// "labels", from LabelMinZoom on: one point per parcel of a supply, at its
// inner point (spatial.InnerPoint, found when the index is built), in the
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

// addLabel adds the label point of a parcel of a supply to the layer
// "labels" when this tile holds it; props is scratch, returned grown.
func (st *state) addLabel(p projector, z uint32, s *spatial.Subject, props []prop) []prop {
	if !s.Shape.HasInner {
		return props // a shape without area: drawn as nothing either
	}
	px, py := p.point(s.Shape.Inner[0], s.Shape.Inner[1])
	if !inTile(px, py) {
		return props // another tile's label
	}
	props = appendProps(props[:0], labelColumns, z, s)
	st.addPoint(st.labels, uint64(s.ID), px, py, props)
	return props
}
