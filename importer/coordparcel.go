package importer

import (
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
)

// areaInM2Tolerance is how close declared/10,000 must come to the computed
// area (as a share) for the declared 面积 to be read as m².
const areaInM2Tolerance = 0.05

// minParcelM2 is the smallest plane area accepted from a coordinate file.
// spatial.DefaultLimits refuses parcels under 1 m² as digitising slips, but
// land registers hold real slivers of a fraction of a square metre (the
// Paris sample has a dozen, declared as 0.0001 or 0.0000 ha); they are
// accepted with a warning, and only a ring with next to no area is refused.
const minParcelM2 = 0.01

// geometryLimits are the bounds a parcel read from a file must keep.
func geometryLimits() spatial.Limits {
	l := spatial.DefaultLimits()
	l.MinAreaM2 = minParcelM2
	return l
}

// lineNote is a problem or a warning at one line of a parcel.
type lineNote struct {
	line   int
	field  string
	reason string
}

// parcelDraft is a parcel of a coordinate file while it is being read.
type parcelDraft struct {
	line                     int // its header line
	record                   string
	number, name, kind       string
	use, useCode             string
	declaredPoints           int
	declaredArea             float64 // as written; 0 when not given
	declaredRounding         float64 // half a unit of its last written digit
	points                   []coordPoint
	probs, notes             []lineNote
	unclosedWarned, swapWarn bool
}

// bad records a problem that rejects the parcel. The same problem on many
// lines (no zone for any point) is recorded once, at its first line.
func (p *parcelDraft) bad(line int, field, format string, args ...any) {
	reason := fmt.Sprintf(format, args...)
	for _, pr := range p.probs {
		if pr.field == field && pr.reason == reason {
			return
		}
	}
	p.probs = append(p.probs, lineNote{line, field, reason})
}

func (p *parcelDraft) warn(line int, field, format string, args ...any) {
	p.notes = append(p.notes, lineNote{line, field, fmt.Sprintf(format, args...)})
}

// planeRing is a ring in the plane of the parcel's zone: points are
// (easting, northing).
type planeRing struct {
	number int // 圈号
	line   int // line of its first point
	pts    []orb.Point
	lines  []int // the line of each of pts
}

// build turns the draft into a parcel record, or reports false with the
// problems in p.probs.
func (p *parcelDraft) build() (land.ParcelRecord, bool) {
	if len(p.points) == 0 && len(p.probs) == 0 {
		p.bad(p.line, "点数", "the parcel has no point lines")
	}
	if len(p.probs) > 0 {
		return land.ParcelRecord{}, false
	}
	if p.declaredPoints != len(p.points) {
		p.warn(p.line, "点数", "点数 says %d points but %d point lines follow", p.declaredPoints, len(p.points))
	}
	zone := p.points[0].zone
	for _, pt := range p.points {
		if pt.zone != zone {
			field := "Y"
			if pt.swapped {
				field = "X"
			}
			p.bad(pt.line, field, "the point lies in zone %s but the parcel's first point in zone %s", pt.zone, zone)
			return land.ParcelRecord{}, false
		}
		if pt.swapped && !p.swapWarn {
			p.swapWarn = true
			p.warn(pt.line, "X", "X and Y are swapped (X holds the easting); read by magnitude")
		}
	}
	rings := p.rings()
	if len(p.probs) > 0 {
		return land.ParcelRecord{}, false
	}
	polys := p.assemble(rings)
	mp := toGeographic(polys, zone)
	if err := geometryLimits().ValidateNamed(mp, fileNames(polys)); err != nil {
		p.bad(p.line, "geometry", "%s", reasonOf(err))
		return land.ParcelRecord{}, false
	}
	m2, epsg := spatial.PlaneArea(mp)
	if m2 < spatial.DefaultLimits().MinAreaM2 {
		p.warn(p.line, "geometry", "the plane area is %.3f m²: a sliver", m2)
	}
	parcel := land.Parcel{
		Number: p.number, Name: p.name, LandUse: p.landUse(),
		DeclaredAreaHa: p.declaredAreaHa(m2),
		Geometry:       mp, PlaneAreaM2: m2, GKEPSG: epsg,
	}
	key := p.number
	if key == "" {
		key = p.name
	}
	return land.ParcelRecord{Line: p.line, Parcel: parcel, SupplyKey: key}, true
}

// declaredAreaHa returns the declared area in hectares, reading it as m²
// when it is about 10,000 times the computed one, and warns when it still
// differs from the computed plane area by more than 1 % and by more than
// the rounding of the written figure (0.0015 ha stands for anything from
// 0.00145 to 0.00155 ha).
func (p *parcelDraft) declaredAreaHa(m2 float64) float64 {
	declared := p.declaredArea
	if declared <= 0 {
		return 0
	}
	_, off := spatial.AreaMismatch(m2, declared, spatial.DefaultAreaTolerance)
	if !off || math.Abs(m2/1e4-declared) <= p.declaredRounding {
		return declared
	}
	if _, off := spatial.AreaMismatch(m2, declared/1e4, areaInM2Tolerance); !off {
		p.warn(p.line, "面积", "面积 %g is in m², not hectares: read as %.4f ha", declared, declared/1e4)
		return declared / 1e4
	}
	p.warn(p.line, "面积", "面积 %g ha differs from the computed plane area %.4f ha by %+.1f %%",
		declared, m2/1e4, (m2/1e4/declared-1)*100)
	return declared
}

// roundingOf returns half a unit of the last digit written in a decimal
// number: 0.00005 for "2.3123", 0.5 for "12".
func roundingOf(text string) float64 {
	text = strings.TrimSpace(text)
	decimals := 0
	if _, frac, ok := strings.Cut(text, "."); ok && !strings.ContainsAny(text, "eE") {
		decimals = len(frac)
	}
	return 0.5 * math.Pow(10, -float64(decimals))
}

// landUse returns the parcel's land use: the current GB/T 21010 code of its
// 地类编码 (else 地块用途) when it maps, else the text as written.
func (p *parcelDraft) landUse() string {
	raw, field := p.useCode, "地类编码"
	if raw == "" {
		raw, field = p.use, "地块用途"
	}
	if raw == "" {
		return ""
	}
	code, err := land.MapLandUse(raw)
	if err != nil {
		p.warn(p.line, field, "%s; kept as written", reasonOf(err))
		return raw
	}
	return code
}

// rings groups the points into rings: a ring runs while 圈号 stays the
// same, and ends early when it has come back to its first point. Repeated
// consecutive points are dropped and open rings closed.
func (p *parcelDraft) rings() []planeRing {
	var rings []planeRing
	for _, pt := range p.points {
		q := orb.Point{pt.easting, pt.northing}
		last := len(rings) - 1
		if last >= 0 && rings[last].number == pt.ring && isClosed(rings[last].pts) && rings[last].pts[len(rings[last].pts)-1] == q {
			continue // the closing point written twice
		}
		if last < 0 || rings[last].number != pt.ring || isClosed(rings[last].pts) {
			rings = append(rings, planeRing{number: pt.ring, line: pt.line})
			last++
		}
		r := &rings[last]
		if n := len(r.pts); n > 0 && r.pts[n-1] == q {
			continue
		}
		r.pts = append(r.pts, q)
		r.lines = append(r.lines, pt.line)
	}
	for i := range rings {
		r := &rings[i]
		if !isClosed(r.pts) {
			if len(r.pts) > 1 && r.pts[0] == r.pts[len(r.pts)-1] {
				r.pts = r.pts[:len(r.pts)-1] // came back too early to count as closed
				r.lines = r.lines[:len(r.lines)-1]
			}
			if !p.unclosedWarned {
				p.unclosedWarned = true
				p.warn(r.line, "圈号", "ring 圈号 %d does not repeat its first point at the end; closed it", r.number)
			}
			r.pts = append(r.pts, r.pts[0])
			r.lines = append(r.lines, r.lines[0])
		}
		if len(r.pts) < 4 {
			p.bad(r.line, "圈号", "ring 圈号 %d has %d distinct point(s); a ring needs at least 3", r.number, len(r.pts)-1)
		}
	}
	return rings
}

// isClosed reports whether a ring of at least 3 distinct points has come
// back to its first point.
func isClosed(pts []orb.Point) bool {
	return len(pts) >= 4 && pts[0] == pts[len(pts)-1]
}

// assemble groups rings into polygons by how they nest, whatever their
// 圈号 and order in the file (DESIGN §5): a ring inside an even number of
// others (none, or a hole and its outer ring) is the outer ring of a part,
// one inside an odd number a hole of the innermost ring holding it. Parts
// come in the order of their outer rings in the file. A ring that runs the
// other way round than its nesting says is warned about (see orientation).
func (p *parcelDraft) assemble(rings []planeRing) [][]planeRing {
	plane := make([]orb.Ring, len(rings))
	for i, r := range rings {
		plane[i] = r.pts
	}
	depth, parent := spatial.RingDepths(plane)
	part := make([]int, len(rings))
	var polys [][]planeRing
	for i, r := range rings {
		// A hole whose holder is itself a hole can only come of crossing
		// rings; it stands alone here and Validate names the crossing.
		if depth[i]%2 == 0 || depth[parent[i]]%2 != 0 {
			part[i] = len(polys)
			polys = append(polys, []planeRing{r})
		}
	}
	for i, r := range rings {
		if depth[i]%2 == 1 && depth[parent[i]]%2 == 0 {
			polys[part[parent[i]]] = append(polys[part[parent[i]]], r)
		}
	}
	p.orientation(rings, plane, depth, parent)
	return polys
}

// orientation warns about each ring that runs the other way round than its
// nesting says. Files differ in which way outer rings run (surveyors count
// clockwise with X to the north, others the GeoJSON way), so the parcel's
// first outer ring sets the way and holes must run against it.
func (p *parcelDraft) orientation(rings []planeRing, plane []orb.Ring, depth, parent []int) {
	first := -1
	for i := range rings {
		if depth[i]%2 == 0 {
			first = i
			break
		}
	}
	if first < 0 {
		return
	}
	outerWay := plane[first].Orientation()
	for i, r := range rings {
		way := plane[i].Orientation()
		if depth[i]%2 == 0 && way != outerWay {
			where := "lies inside no other ring"
			if parent[i] >= 0 {
				where = fmt.Sprintf("lies inside the hole 圈号 %d", rings[parent[i]].number)
			}
			p.warn(r.line, "圈号", "ring 圈号 %d runs %s, the way of this parcel's holes, but %s: read as an outer ring by its nesting",
				r.number, wayName(way), where)
		}
		if depth[i]%2 == 1 && way == outerWay {
			p.warn(r.line, "圈号", "ring 圈号 %d runs %s, the way of this parcel's outer rings, but lies inside ring 圈号 %d: read as a hole by its nesting",
				r.number, wayName(way), rings[parent[i]].number)
		}
	}
}

// wayName says which way a ring runs on the map (east to the right, north
// up).
func wayName(o orb.Orientation) string {
	if o == orb.CW {
		return "clockwise"
	}
	return "counter-clockwise"
}

// fileNames names the places of Validate's messages as the file does: a
// ring by its 圈号 and the line of its first point (a 圈号 may recur in
// one parcel), a vertex by its line.
func fileNames(polys [][]planeRing) spatial.Names {
	ring := func(poly, ring int) string {
		r := polys[poly][ring]
		return fmt.Sprintf("ring 圈号 %d from line %d", r.number, r.line)
	}
	line := func(poly, ring, vertex int) int { return polys[poly][ring].lines[vertex] }
	return spatial.Names{
		Polygon: func(poly int) string { return fmt.Sprintf("the part whose outer ring is %s", ring(poly, 0)) },
		Ring:    ring,
		Vertex: func(poly, r, vertex int) string {
			return fmt.Sprintf("line %d", line(poly, r, vertex))
		},
		Edge: func(poly, r, from, to int) string {
			return fmt.Sprintf("lines %d–%d", line(poly, r, from), line(poly, r, to))
		},
	}
}

// toGeographic converts plane rings of zone z to a CGCS2000
// longitude/latitude MultiPolygon.
func toGeographic(polys [][]planeRing, z spatial.Zone) orb.MultiPolygon {
	cm := z.CentralMeridian()
	mp := make(orb.MultiPolygon, 0, len(polys))
	for _, rings := range polys {
		poly := make(orb.Polygon, 0, len(rings))
		for _, r := range rings {
			ring := make(orb.Ring, len(r.pts))
			for k, q := range r.pts {
				lon, lat := spatial.ToGeographic(cm, q[1], q[0])
				ring[k] = orb.Point{lon, lat}
			}
			poly = append(poly, ring)
		}
		mp = append(mp, poly)
	}
	return mp
}
