package importer

import (
	"fmt"
	"io"
	"landwatch/land"
	"strings"
)

// ParseCoordinateFile reads the ministry's standard coordinate text file
// (DESIGN §5): a [属性描述] section of key=value lines, then [地块坐标] with,
// per parcel, a header line "点数,面积(公顷),地块编号,地块名称,面,图幅号,地块用途,地类编码,@"
// followed by its points "点号,圈号,X,Y". X is the northing and Y the easting
// with the zone number in front.
//
// It accepts what a land office's file can hold and says what it assumed:
//
//   - GBK or UTF-8, with or without a byte order mark; CRLF or LF; blank
//     lines; full-width commas; extra fields after the four of a point.
//   - Swapped columns: northing and easting are told apart by magnitude (an
//     easting with its zone number in front has 8 digits before the point,
//     a northing in China is 300,000–6,000,000 m).
//   - The zone comes from the number in front of the easting; a 带号 that
//     disagrees is warned about, and a 几度分带 that does not fit the zone
//     number (3° zones 25–45, 6° zones 13–23) is overruled with a warning.
//     Eastings without the zone number use 带号 (or 中央子午线) and 几度分带.
//   - Rings: a ring runs while 圈号 stays the same and ends early when it
//     comes back to its first point. 圈号 1 is usually the outer ring and 2,
//     3 … holes or further parts, but files number them both ways and in
//     any order, so rings are told apart by nesting alone: a ring inside an
//     even number of others is the outer ring of a part (an island in a
//     hole is one), inside an odd number a hole. A ring that runs the other
//     way round than its nesting says is warned about. Open rings are
//     closed and repeated consecutive points dropped.
//   - An area (面积) about 10,000 times the computed one was written in m²:
//     it is divided by 10,000 with a warning. Other differences over 1 %,
//     and a 点数 that does not match the points, are warnings.
//
// Each parcel becomes a ParcelRecord whose Line is its header line, with the
// geometry in EPSG:4490 and its Gauss-Krüger plane area. A parcel that
// cannot be understood, or whose geometry fails spatial.Validate, is
// rejected whole, with one Rejection for each bad line (fields "点数",
// "面积", "圈号", "X", "Y", "带号", "geometry" …; a geometry message names
// rings by 圈号 and points by line), and reading goes on with the next
// parcel.
func ParseCoordinateFile(name string, r io.Reader) land.Batch {
	text, err := readText(name, r)
	if err != nil {
		return unreadable(name, err)
	}
	return parseCoordinateText(name, text)
}

// The sections of a coordinate file.
const (
	sectionNone   = iota // before any section, or an unknown one
	sectionAttrs         // [属性描述]
	sectionCoords        // [地块坐标]
)

// coordReader holds the state of reading one coordinate file.
type coordReader struct {
	name   string
	b      *land.Batch
	attrs  coordAttrs
	cur    *parcelDraft // the parcel being read, nil before the first
	count  int          // parcels begun so far
	warned map[string]bool
}

// parseCoordinateText is ParseCoordinateFile on decoded text.
func parseCoordinateText(name, text string) land.Batch {
	var b land.Batch
	cr := &coordReader{name: name, b: &b, warned: map[string]bool{}}
	section := sectionNone
	sawCoords := false
	for i, raw := range strings.Split(text, "\n") {
		line := i + 1
		s := strings.TrimSpace(strings.TrimPrefix(raw, "\uFEFF"))
		if s == "" {
			continue
		}
		if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
			cr.finish()
			switch strings.TrimSpace(s[1 : len(s)-1]) {
			case "属性描述":
				section = sectionAttrs
			case "地块坐标":
				section, sawCoords = sectionCoords, true
			default:
				section = sectionNone
			}
			continue
		}
		fields := splitCoordLine(s)
		if section != sectionCoords && isParcelHeader(fields) && !strings.Contains(s, "=") {
			section, sawCoords = sectionCoords, true // a file that leaves out [地块坐标]
		}
		switch section {
		case sectionAttrs:
			cr.attrs.read(cr, line, s)
		case sectionCoords:
			if isParcelHeader(fields) {
				cr.finish()
				cr.begin(line, fields)
			} else {
				cr.point(line, fields)
			}
		}
	}
	cr.finish()
	if !sawCoords {
		reject(&b, name, 0, "", "地块坐标", "no [地块坐标] section and no parcel header line (点数,面积,地块编号,地块名称,面,…,@) in the file")
	}
	return b
}

// splitCoordLine splits a line at commas (ASCII or full-width) and trims
// each field.
func splitCoordLine(s string) []string {
	fields := strings.Split(strings.ReplaceAll(s, "，", ","), ",")
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	return fields
}

// isParcelHeader reports whether a line's fields are a parcel header: they
// end the header with "@", or (when the "@" is left out) their fifth field
// is the geometry kind 面, 线 or 点.
func isParcelHeader(fields []string) bool {
	for _, f := range fields {
		if f == "@" {
			return true
		}
	}
	if len(fields) >= 8 {
		switch fields[4] {
		case "面", "线", "点":
			return true
		}
	}
	return false
}

// begin starts a parcel from its header line.
func (cr *coordReader) begin(line int, fields []string) {
	cr.count++
	field := func(i int) string {
		if i < len(fields) && fields[i] != "@" {
			return fields[i]
		}
		return ""
	}
	p := &parcelDraft{line: line, number: field(2), name: field(3), kind: field(4), use: field(6), useCode: field(7)}
	p.record = p.number
	if p.record == "" {
		p.record = p.name
	}
	if p.record == "" {
		p.record = fmt.Sprintf("parcel %d", cr.count)
	}
	if n, ok := parseCount(field(0)); ok {
		p.declaredPoints = n
	} else {
		p.bad(line, "点数", "the point count must be a whole number, not %q", field(0))
	}
	switch a := field(1); {
	case a == "":
		p.warn(line, "面积", "no area (面积) is given")
	default:
		if v, ok := parseDecimal(a); ok && v >= 0 {
			p.declaredArea, p.declaredRounding = v, roundingOf(a)
		} else {
			p.bad(line, "面积", "the area (面积, hectares) must be a number, not %q", a)
		}
	}
	if p.kind != "" && p.kind != "面" {
		p.bad(line, "图形属性", "the parcel is a %q; only 面 (polygon) parcels have a boundary", p.kind)
	}
	cr.cur = p
}

// point reads a point line "点号,圈号,X,Y" of the current parcel.
func (cr *coordReader) point(line int, fields []string) {
	p := cr.cur
	if p == nil {
		reject(cr.b, cr.name, line, "", "地块坐标", "a point line before any parcel header line")
		return
	}
	if len(fields) < 4 {
		missing := []string{"点号", "圈号", "X", "Y"}[len(fields)]
		p.bad(line, missing, "a point line needs 点号,圈号,X,Y; %d field(s) found", len(fields))
		return
	}
	ring, ok := parseCount(fields[1])
	if !ok || ring < 1 {
		p.bad(line, "圈号", "the ring number (圈号) must be a whole number from 1 (1 for the outer ring, 2, 3 … for holes or further parts), not %q", fields[1])
	}
	x, okX := parseDecimal(fields[2])
	if !okX {
		p.bad(line, "X", "X (the northing) must be a number, not %q", fields[2])
	}
	y, okY := parseDecimal(fields[3])
	if !okY {
		p.bad(line, "Y", "Y (the easting) must be a number, not %q", fields[3])
	}
	if !ok || !okX || !okY {
		return
	}
	pt, err := cr.locate(line, x, y)
	if err != nil {
		p.bad(line, err.field, "%s", err.reason)
		return
	}
	pt.ring = ring
	p.points = append(p.points, pt)
}

// finish ends the current parcel, if any, and adds it to the batch.
func (cr *coordReader) finish() {
	if cr.cur == nil {
		return
	}
	p := cr.cur
	cr.cur = nil
	rec, ok := p.build()
	if !ok {
		for _, pr := range p.probs {
			reject(cr.b, cr.name, pr.line, p.record, pr.field, "%s", pr.reason)
		}
		return
	}
	for _, n := range p.notes {
		warn(cr.b, cr.name, n.line, p.record, n.field, "%s", n.reason)
	}
	rec.File = cr.name
	cr.b.Parcels = append(cr.b.Parcels, rec)
}

// warnOnce adds a file-level warning the first time key is seen.
func (cr *coordReader) warnOnce(key string, line int, field, format string, args ...any) {
	if cr.warned[key] {
		return
	}
	cr.warned[key] = true
	warn(cr.b, cr.name, line, "", field, format, args...)
}
