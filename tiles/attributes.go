package tiles

import (
	"slices"
	"strconv"
	"strings"

	"landwatch/land"
	"landwatch/spatial"
)

// The attributes of the tiles' features, one table per layer. A tile
// carries only what the map reads from it (web-map/static/js: style.js
// colours by stage and outlines by flags, highlight.js picks by supply_id
// and an overlap's a and b, a click in main.js asks for the
// supply_id's details, labels.js writes e_number and project from the
// layer "labels"); everything else a person
// sees about a supply (land use, method, contract date, a finding's grade,
// an overlap's area and numbers) comes from the details requests the map
// makes on a click (/api/v1/supplies/{id}, its findings and overlaps).
// Each attribute is in its tiles from minZoom on: a label's text only where
// labels are drawn, so that the dense tiles of lower zooms stay small.
//
// To add an attribute, add a row: the tile, TileJSON's vector_layers and
// the PostGIS anchor of the benchmark (sql/anchor.go) must all carry it.
type attribute[T any] struct {
	name    string
	typ     string // as TileJSON's vector_layers names it
	minZoom uint32
	// kinds are the kinds of subject whose features carry it in the layer
	// "parcels" (nil: every feature of its table).
	kinds []spatial.Kind
	reads string // what reads it, for TileJSON's description
	// value is the attribute of a feature; false leaves it out of that
	// feature (a parcel without a project name has none).
	value func(T) (prop, bool)
}

// LabelMinZoom is the first zoom at which the map writes each parcel's
// e-supervision number (labels.js), so the first whose tiles carry it.
const LabelMinZoom = 16

// parcelAttributes are the attributes of a parcel's polygon in the layer
// "parcels", supply parcels, reserve land and unsold lots alike.
var parcelAttributes = []attribute[*spatial.Subject]{
	{"supply_id", "Number", 0, supplies, "a click asks for this supply's details; search results are outlined by it",
		func(s *spatial.Subject) (prop, bool) { return intProp(s.SupplyID), true }},
	{"reserve", "String", 0, reserves, "the reserve number of reserve land, which has no supply to ask about",
		func(s *spatial.Subject) (prop, bool) { return strProp(s.Meta.Reserve), true }},
	{"stage", "String", 0, staged, "the fill colour",
		func(s *spatial.Subject) (prop, bool) { return strProp(s.Meta.Stage), true }},
	{"flags", "String", 0, staged, "the flags' outlines (comma-separated names)",
		func(s *spatial.Subject) (prop, bool) { return strProp(flagText(s.Meta.Flags)), true }},
	{"land_use", "String", 0, reserves, "reserve land's planned use (a supply's land use is in its details)",
		func(s *spatial.Subject) (prop, bool) { return strProp(s.Meta.LandUse), true }},
	{"collective", "Number", 0, supplies, "the outline of collective construction land (集体建设用地): 1 there, absent on state land",
		func(s *spatial.Subject) (prop, bool) { return intProp(1), s.Meta.Collective }},
	{"lot", "String", 0, lots, "the dashed outline of a lot announced and not sold yet (its 宗地编号), never filled: a sold lot is its supply's land",
		func(s *spatial.Subject) (prop, bool) { return strProp(s.Meta.Lot), true }},
	{"announcement_id", "Number", 0, lots, "a click on an unsold lot asks for this announcement and its lot's terms",
		func(s *spatial.Subject) (prop, bool) { return intProp(s.Meta.Announcement), true }},
}

// The kinds of subject a parcel attribute is for: a supply's parcel,
// reserve land, an unsold lot (which has no stage), or either of the two
// with a stage.
var (
	supplies = []spatial.Kind{spatial.KindSupplyParcel}
	reserves = []spatial.Kind{spatial.KindReserve}
	lots     = []spatial.Kind{spatial.KindLot}
	staged   = []spatial.Kind{spatial.KindSupplyParcel, spatial.KindReserve}
)

// cellAttributes are the attributes of a density cell's point in the layer
// "parcels": the parcels too small to draw there.
var cellAttributes = []attribute[*cell]{
	{"count", "Number", 0, nil, "how many parcels too small to draw the cell holds",
		func(c *cell) (prop, bool) { return intProp(c.count), true }},
	{"stage", "String", 0, nil, "the dot's colour: the cell's commonest stage",
		func(c *cell) (prop, bool) { return strProp(commonest(c.stages)), true }},
	{"flags", "String", 0, nil, "every flag of the cell's parcels",
		func(c *cell) (prop, bool) { return strProp(flagText(c.flags)), true }},
}

// overlapAttributes are those of a shared area in the layer "overlaps".
var overlapAttributes = []attribute[*OverlapShape]{
	{"a", "Number", 0, nil, "the supply of one side: a chosen overlap is filled by its pair",
		func(o *OverlapShape) (prop, bool) { return intProp(o.SupplyA), true }},
	{"b", "Number", 0, nil, "the supply of the other side",
		func(o *OverlapShape) (prop, bool) { return intProp(o.SupplyB), true }},
}

// findingAttributes are those of an open finding's point in the layer
// "findings".
var findingAttributes = []attribute[*FindingMark]{
	{"kind", "String", 0, nil, "the dot's colour",
		func(m *FindingMark) (prop, bool) { return strProp(m.Kind), true }},
}

// column is an attribute as a tile is made with it: its key by number,
// so that a layer finds the key's place in its table without hashing it.
type column[T any] struct {
	key     uint8 // its name's index in keyNames
	minZoom uint32
	value   func(T) (prop, bool)
}

// keyNames are the names of every attribute of every layer, each once.
var keyNames []string

// columnsOf compiles the rows of table that kind carries (every row when
// kind is 0, for the tables without kinds).
func columnsOf[T any](table []attribute[T], kind spatial.Kind) []column[T] {
	var out []column[T]
	for _, a := range table {
		if kind != 0 && !slices.Contains(a.kinds, kind) {
			continue
		}
		i := slices.Index(keyNames, a.name)
		if i < 0 {
			i = len(keyNames)
			keyNames = append(keyNames, a.name)
		}
		out = append(out, column[T]{key: uint8(i), minZoom: a.minZoom, value: a.value})
	}
	return out
}

// The tables compiled, those of the layer "parcels" by kind of subject.
var (
	parcelColumns = func() (out [spatial.KindLot + 1][]column[*spatial.Subject]) {
		for k := range out {
			if k > 0 {
				out[k] = columnsOf(parcelAttributes, spatial.Kind(k))
			}
		}
		return out
	}()
	cellColumns    = columnsOf(cellAttributes, 0)
	overlapColumns = columnsOf(overlapAttributes, 0)
	findingColumns = columnsOf(findingAttributes, 0)
	labelColumns   = columnsOf(labelAttributes, 0)
)

// appendProps appends the attributes that a feature of zoom z has.
func appendProps[T any](props []prop, cols []column[T], z uint32, v T) []prop {
	for _, c := range cols {
		if z < c.minZoom {
			continue
		}
		if p, ok := c.value(v); ok {
			p.key = c.key
			props = append(props, p)
		}
	}
	return props
}

// fields lists a table for TileJSON's vector_layers: each attribute's type
// as tippecanoe writes it ("Number", "String"), which GDAL and QGIS read as
// the field's type; what it is for goes into descriptions.
func fields[T any](into, descriptions map[string]string, table []attribute[T]) {
	for _, a := range table {
		into[a.name] = a.typ
		d := a.reads
		if a.minZoom > 0 {
			d += " (from zoom " + strconv.Itoa(int(a.minZoom)) + ")"
		}
		descriptions[a.name] = d
	}
}

// VectorLayers is TileJSON's vector_layers: each layer with the fields its
// features carry, from the tables above, so that it never says more or
// less than the tiles hold, and (beside the standard keys) what each field
// is for.
func VectorLayers() []map[string]any {
	layer := func(id string, minZoom int, description string, tables ...func(f, d map[string]string)) map[string]any {
		f, d := map[string]string{}, map[string]string{}
		for _, t := range tables {
			t(f, d)
		}
		return map[string]any{"id": id, "description": description, "minzoom": minZoom, "maxzoom": ProjectMinZoom, "fields": f, "field_descriptions": d}
	}
	return []map[string]any{
		layer("parcels", 0, "宗地: every parcel of a supply or of reserve land, by development stage, and the outline of every lot announced and not sold; where parcels are too small to draw, a point per cell",
			func(f, d map[string]string) { fields(f, d, parcelAttributes) }, func(f, d map[string]string) { fields(f, d, cellAttributes) }),
		layer("overlaps", 0, "重复供地: ground supplied twice", func(f, d map[string]string) { fields(f, d, overlapAttributes) }),
		layer("findings", 0, "核查线索: a point per open finding on its supply's land", func(f, d map[string]string) { fields(f, d, findingAttributes) }),
		layer("labels", LabelMinZoom, "注记: a point per parcel of a supply, inside it, where its label is written", func(f, d map[string]string) { fields(f, d, labelAttributes) }),
	}
}

// flagTexts holds the text of every combination of the flags there are,
// made once: a tile asks for one per feature.
var flagTexts = func() []string {
	n := len(land.Flag(^uint32(0)).Names())
	out := make([]string, 1<<n)
	for f := range out {
		out[f] = strings.Join(land.Flag(f).Names(), ",")
	}
	return out
}()

func flagText(f uint32) string {
	if int(f) < len(flagTexts) {
		return flagTexts[f]
	}
	return strings.Join(land.Flag(f).Names(), ",")
}
