package importer

import (
	"fmt"
	"math"
	"strings"

	"landwatch/spatial"
)

// Magnitudes that tell the coordinate columns apart (metres).
const (
	// prefixedEastingMin is the smallest easting written with its zone
	// number in front: 8 digits before the point (13,xxx,xxx for 6° zone
	// 13; 3° zones start at 25,xxx,xxx).
	prefixedEastingMin = 1e7
	// plainEastingMax bounds an easting without the zone number: the false
	// easting 500,000 m plus or minus half a zone.
	plainEastingMax = 1e6
	// prefixScale is the place value of the zone number in a prefixed
	// easting.
	prefixScale = 1e6
)

// coordAttrs holds the [属性描述] values that govern how points are read.
type coordAttrs struct {
	width, widthLine int     // 几度分带 (3 or 6) and its line; 0 when not given
	zone, zoneLine   int     // 带号 and its line; 0 when not given
	cm               float64 // 中央子午线 in degrees; 0 when not given
	cmLine           int
}

// read takes one key=value line of [属性描述]. Values that cannot be used
// are warned about; they only matter for eastings without a zone number.
func (a *coordAttrs) read(cr *coordReader, line int, s string) {
	key, value, ok := strings.Cut(strings.Replace(s, "＝", "=", 1), "=")
	if !ok {
		warn(cr.b, cr.name, line, "", "属性描述", "not a key=value line; ignored")
		return
	}
	key, value = strings.TrimSpace(key), strings.TrimSpace(value)
	switch key {
	case "几度分带", "分带":
		if n, ok := parseCount(strings.TrimSuffix(value, "度")); ok && (n == 3 || n == 6) {
			a.width, a.widthLine = n, line
		} else if value != "" {
			warn(cr.b, cr.name, line, "", key, "几度分带 must be 3 or 6, not %q; ignored", value)
		}
	case "带号":
		if n, ok := parseCount(value); ok && n > 0 {
			a.zone, a.zoneLine = n, line
		} else if value != "" {
			warn(cr.b, cr.name, line, "", key, "带号 must be a zone number, not %q; ignored", value)
		}
	case "中央子午线", "中央经线":
		v := strings.TrimRight(strings.TrimPrefix(strings.ToUpper(value), "E"), "°度")
		if cm, ok := parseDecimal(v); ok && cm > 0 && cm < 180 {
			a.cm, a.cmLine = cm, line
		} else if value != "" {
			warn(cr.b, cr.name, line, "", key, "%s must be a longitude in degrees, not %q; ignored", key, value)
		}
	case "坐标系":
		if strings.Contains(value, "80") || strings.Contains(value, "西安") ||
			strings.Contains(value, "54") || strings.Contains(value, "北京") {
			warn(cr.b, cr.name, line, "", key, "坐标系 %q is not CGCS2000; the coordinates are read as CGCS2000 "+
				"and may be off by tens of metres", value)
		}
	case "计量单位":
		switch strings.ToLower(value) {
		case "", "米", "m", "metre", "meter":
		default:
			warn(cr.b, cr.name, line, "", key, "计量单位 %q: coordinates are read in metres", value)
		}
	}
}

// widthOf returns the zone width a zone number belongs to in China (3° zones
// 25–45, 6° zones 13–23), or 0 when it belongs to neither.
func widthOf(number int) int {
	switch {
	case (spatial.Zone{Width: 3, Number: number}).Valid():
		return 3
	case (spatial.Zone{Width: 6, Number: number}).Valid():
		return 6
	}
	return 0
}

// coordPoint is one point of a parcel in the plane of its zone.
type coordPoint struct {
	line     int
	ring     int // 圈号
	zone     spatial.Zone
	northing float64
	easting  float64 // without the zone number, with the 500,000 m false easting
	swapped  bool    // X held the easting
}

// locate reads the X and Y of a point line: which is the northing, which
// zone the easting lies in.
func (cr *coordReader) locate(line int, x, y float64) (coordPoint, *problem) {
	n, e, swapped := x, y, false
	switch {
	case x >= prefixedEastingMin && y >= prefixedEastingMin:
		return coordPoint{}, &problem{"X", fmt.Sprintf("X %.3f and Y %.3f both look like eastings with a zone number in front", x, y)}
	case x >= prefixedEastingMin:
		n, e, swapped = y, x, true
	case y < prefixedEastingMin && x < plainEastingMax && y >= plainEastingMax:
		n, e, swapped = y, x, true // neither prefixed: the northing is the larger
	}
	nField, eField := "X", "Y"
	if swapped {
		nField, eField = "Y", "X"
	}
	if !(n > 0 && n < prefixedEastingMin) {
		return coordPoint{}, &problem{nField, fmt.Sprintf("the northing %.3f is not one of China (300,000–6,000,000 m)", n)}
	}
	pt := coordPoint{line: line, northing: n, swapped: swapped}
	if e >= prefixedEastingMin {
		z, plain, err := cr.zoneOfPrefixed(e)
		if err != nil {
			return coordPoint{}, &problem{eField, reasonOf(err)}
		}
		pt.zone, pt.easting = z, plain
		return pt, nil
	}
	if !(e > 0 && e < plainEastingMax) {
		return coordPoint{}, &problem{eField, fmt.Sprintf("the easting %.3f has neither 6 digits nor the zone number in front (8 digits)", e)}
	}
	z, msg := cr.attrs.zoneForPlain()
	if msg != "" {
		return coordPoint{}, &problem{"带号", msg}
	}
	cr.warnOnce("plain", line, eField, "the eastings carry no zone number in front; zone %s of 带号/中央子午线 and 几度分带 is used", z)
	pt.zone, pt.easting = z, e
	return pt, nil
}

// zoneOfPrefixed splits an easting with the zone number in front. The
// number decides the width when 几度分带 does not fit it, and is trusted
// over 带号; both cases are warned about once.
func (cr *coordReader) zoneOfPrefixed(e float64) (spatial.Zone, float64, error) {
	a := &cr.attrs
	width := a.width
	number := int(math.Floor(e / prefixScale))
	if w := widthOf(number); w != 0 && w != width {
		if width != 0 {
			cr.warnOnce(fmt.Sprintf("width %d", number), a.widthLine, "几度分带",
				"几度分带 says %d° but the zone number %d in front of the eastings is a %d° zone; read as %d°", width, number, w, w)
		}
		width = w
	}
	if width == 0 {
		width = 3
	}
	z, plain, err := spatial.ZoneFromPrefixedEasting(e, width)
	if err != nil {
		return z, 0, err
	}
	if a.zone != 0 && a.zone != z.Number {
		cr.warnOnce(fmt.Sprintf("zone %d", z.Number), a.zoneLine, "带号",
			"带号 says %d but the eastings carry zone %d in front; the coordinates are trusted", a.zone, z.Number)
	}
	return z, plain, nil
}

// zoneForPlain returns the zone for eastings written without the zone
// number: 带号 (or 中央子午线) with 几度分带, the width guessed from the
// zone number when not given. It returns a reason when it cannot.
func (a *coordAttrs) zoneForPlain() (spatial.Zone, string) {
	width := a.width
	switch {
	case a.zone != 0:
		if width == 0 {
			width = widthOf(a.zone)
		}
		z := spatial.Zone{Width: width, Number: a.zone}
		if !z.Valid() {
			return z, fmt.Sprintf("the eastings carry no zone number and 带号 %d is not a 3° (25–45) or 6° (13–23) zone of China", a.zone)
		}
		return z, ""
	case a.cm != 0:
		if width == 0 {
			width = 3
		}
		number := a.cm / 3
		if width == 6 {
			number = (a.cm + 3) / 6
		}
		z := spatial.Zone{Width: width, Number: int(number)}
		if number != math.Trunc(number) || !z.Valid() {
			return z, fmt.Sprintf("the eastings carry no zone number and 中央子午线 %g is not the meridian of a %d° zone of China", a.cm, width)
		}
		return z, ""
	}
	return spatial.Zone{}, "the eastings carry no zone number in front and the file gives no 带号 (or 中央子午线) in [属性描述]"
}
