package spatial

import (
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"

	"landwatch/land"
)

// Limits are the bounds a parcel geometry must keep (DESIGN §4.4): China's
// extent in CGCS2000 degrees and a plausible plane area in m².
type Limits struct {
	MinLon, MaxLon float64
	MinLat, MaxLat float64
	MinAreaM2      float64 // smaller is a digitising slip, not a parcel
	MaxAreaM2      float64 // larger is a unit or zone mistake
}

// DefaultLimits returns longitude 73–136 E, latitude 3–54 N and a plane
// area from 1 m² to 100 km².
func DefaultLimits() Limits {
	return Limits{MinLon: 73, MaxLon: 136, MinLat: 3, MaxLat: 54, MinAreaM2: 1, MaxAreaM2: 100e6}
}

// Names says how Validate's messages name where a defect lies: a polygon,
// a ring, a vertex and an edge (from one vertex to the next) of mp, given
// by their 0-based places. An importer
// names them as its file does (a coordinate file by 圈号 and line).
type Names struct {
	Polygon func(poly int) string
	Ring    func(poly, ring int) string
	Vertex  func(poly, ring, vertex int) string
	Edge    func(poly, ring, from, to int) string
}

// IndexNames names places by their 0-based indexes in the GeoJSON and WKB
// arrays they point into: "polygon 2", "polygon 0, ring 1 (hole)",
// "vertex 3", "vertex 3 to 4".
func IndexNames() Names {
	return Names{
		Polygon: func(poly int) string { return fmt.Sprintf("polygon %d", poly) },
		Ring:    ringName,
		Vertex:  func(_, _, vertex int) string { return fmt.Sprintf("vertex %d", vertex) },
		Edge:    func(_, _, from, to int) string { return fmt.Sprintf("vertex %d to %d", from, to) },
	}
}

// PartNames names places for people reading a file of theirs, counting
// from 1: "part 2", "part 1, outer ring", "part 1, hole 2", "position 4",
// "positions 4–5". Positions count in the geometry as validated (after
// CloseRings has dropped repeated positions, if it was called).
func PartNames() Names {
	return Names{
		Polygon: func(poly int) string { return fmt.Sprintf("part %d", poly+1) },
		Ring: func(poly, ring int) string {
			if ring == 0 {
				return fmt.Sprintf("part %d, outer ring", poly+1)
			}
			return fmt.Sprintf("part %d, hole %d", poly+1, ring)
		},
		Vertex: func(_, _, vertex int) string { return fmt.Sprintf("position %d", vertex+1) },
		Edge:   func(_, _, from, to int) string { return fmt.Sprintf("positions %d–%d", from+1, to+1) },
	}
}

// Validate checks mp with DefaultLimits; see Limits.Validate.
func Validate(mp orb.MultiPolygon) error { return DefaultLimits().Validate(mp) }

// Validate checks that mp is a valid parcel boundary: not empty; every ring
// closed, with at least 4 points and 3 distinct corners, all coordinates
// finite and inside the extent; no ring crossing or touching itself; no
// two rings crossing (between vertices or at a shared point) or sharing a
// stretch of boundary; no loop of touching rings cutting a polygon's
// interior; every hole inside its outer ring and outside the other holes;
// no polygon inside another; and a plane area within the limits. These
// are the OGC rules that PostGIS's ST_IsValid applies. Rings may run either way
// round and may repeat a vertex consecutively.
//
// It returns nil or a *land.Error (code invalid, field "geometry") saying
// what is wrong and where: polygon, ring and vertex counted from 0, and
// the coordinates. Rings must be closed; importers that accept open rings
// call CloseRings first.
func (l Limits) Validate(mp orb.MultiPolygon) error { return l.ValidateNamed(mp, IndexNames()) }

// ValidateNamed is Validate with messages that name places as names says.
func (l Limits) ValidateNamed(mp orb.MultiPolygon, names Names) error {
	if len(mp) == 0 {
		return land.Invalid(geometryField, "geometry is empty")
	}
	for i, poly := range mp {
		if len(poly) == 0 {
			return land.Invalid(geometryField, "%s has no rings", names.Polygon(i))
		}
		for j, ring := range poly {
			if err := l.checkRing(ring, i, j, names); err != nil {
				return err
			}
		}
	}
	if c, bad := findBadContact(mp); bad {
		return contactError(c, names)
	}
	if err := checkNesting(mp, names); err != nil {
		return err
	}
	area, _ := PlaneArea(mp)
	switch {
	case area < l.MinAreaM2:
		return land.Invalid(geometryField, "plane area %.3f m² is below the smallest plausible parcel of %g m²", area, l.MinAreaM2)
	case area > l.MaxAreaM2:
		return land.Invalid(geometryField, "plane area %.0f m² (%.1f km²) exceeds the largest plausible parcel of %g km²: check units and zone",
			area, area/1e6, l.MaxAreaM2/1e6)
	}
	return nil
}

// checkRing checks one ring on its own: size, coordinates, closure, extent.
func (l Limits) checkRing(ring orb.Ring, poly, idx int, names Names) error {
	where := names.Ring(poly, idx)
	vertex := func(k int) string { return names.Vertex(poly, idx, k) }
	if len(ring) == 0 {
		return land.Invalid(geometryField, "%s is empty", where)
	}
	for k, p := range ring {
		if !finite(p[0]) || !finite(p[1]) {
			return land.Invalid(geometryField, "%s of %s: coordinate (%v, %v) is not a finite number", vertex(k), where, p[0], p[1])
		}
	}
	last := len(ring) - 1
	if ring[0] != ring[last] {
		return land.Invalid(geometryField, "%s is not closed: it starts at %s and ends at %s (%s)",
			where, pointText(ring[0]), pointText(ring[last]), vertex(last))
	}
	if corners := distinctCorners(ring); len(ring) < 4 || corners < 3 {
		return land.Invalid(geometryField, "%s has %d points and %d distinct corners: a ring needs at least 3 corners and its first point repeated at the end",
			where, len(ring), corners)
	}
	for k, p := range ring {
		if l.inExtent(p) {
			continue
		}
		hint := ""
		if l.inExtent(orb.Point{p[1], p[0]}) {
			hint = " (longitude and latitude swapped?)"
		}
		return land.Invalid(geometryField, "%s at %s of %s lies outside China (longitude %g–%g E, latitude %g–%g N)%s",
			vertex(k), pointText(p), where, l.MinLon, l.MaxLon, l.MinLat, l.MaxLat, hint)
	}
	return nil
}

// inExtent reports whether p lies inside the limits' extent.
func (l Limits) inExtent(p orb.Point) bool {
	return p[0] >= l.MinLon && p[0] <= l.MaxLon && p[1] >= l.MinLat && p[1] <= l.MaxLat
}

// contactError describes a bad contact found by findBadContact.
func contactError(c contact, names Names) error {
	e, f := names.Ring(c.e.poly, c.e.ring), names.Ring(c.f.poly, c.f.ring)
	ee, fe := names.Edge(c.e.poly, c.e.ring, c.e.ia, c.e.ib), names.Edge(c.f.poly, c.f.ring, c.f.ia, c.f.ib)
	if c.kind == loop {
		return land.Invalid(geometryField, "%s: %s and %s touch at %s, closing a loop of touching rings that cuts the interior in pieces",
			names.Polygon(c.e.poly), e, f, pointText(c.at))
	}
	// A format for each kind, not a verb put into one: the phrasebook
	// matches a message by its words, and a name holds words too.
	if c.e.poly == c.f.poly && c.e.ring == c.f.ring {
		format := map[contactKind]string{
			cross:   "%s crosses itself at %s (edge from %s and edge from %s)",
			touch:   "%s touches itself at %s (edge from %s and edge from %s)",
			overlap: "%s runs back over itself at %s (edge from %s and edge from %s)",
		}[c.kind]
		return land.Invalid(geometryField, format, e, pointText(c.at), ee, fe)
	}
	format := "the edge from %s of %s and the edge from %s of %s cross at %s"
	if c.kind == overlap {
		format = "the edge from %s of %s and the edge from %s of %s share a stretch of boundary at %s"
	}
	return land.Invalid(geometryField, format, ee, e, fe, f, pointText(c.at))
}

// distinctCorners counts the vertices of a closed ring, leaving out the
// closing repetition and repeated consecutive points.
func distinctCorners(ring orb.Ring) int {
	n := 0
	for k := 1; k < len(ring); k++ {
		if ring[k] != ring[k-1] {
			n++
		}
	}
	if ring[0] != ring[len(ring)-1] {
		n++ // an open ring's last vertex leads back to the first
	}
	return n
}

// pointText writes p as "(lon, lat)", rounded to 1e-9° (0.1 mm), which
// shows input coordinates as written.
func pointText(p orb.Point) string {
	f := func(x float64) string { return strconv.FormatFloat(math.Round(x*1e9)/1e9, 'f', -1, 64) }
	return "(" + f(p[0]) + ", " + f(p[1]) + ")"
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// CloseRings returns a copy of mp in which every ring is closed (its first
// point repeated at the end when it was not) and repeated consecutive
// points are dropped, for importers that accept open rings. Empty rings
// stay empty; mp itself is not changed.
func CloseRings(mp orb.MultiPolygon) orb.MultiPolygon {
	if mp == nil {
		return nil
	}
	out := make(orb.MultiPolygon, len(mp))
	for i, poly := range mp {
		out[i] = make(orb.Polygon, len(poly))
		for j, ring := range poly {
			r := make(orb.Ring, 0, len(ring)+1)
			for k, p := range ring {
				if k == 0 || p != ring[k-1] {
					r = append(r, p)
				}
			}
			if len(r) > 0 && r[0] != r[len(r)-1] {
				r = append(r, r[0])
			}
			out[i][j] = r
		}
	}
	return out
}
