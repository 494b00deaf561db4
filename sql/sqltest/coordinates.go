package sqltest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// AssertNoCoordinates fails t for every place in body from which a position
// could be read (see FindCoordinates). Use it on any response that the
// public or an external deployment receives: coordinates are confidential
// (DESIGN §9).
func AssertNoCoordinates(t testing.TB, body []byte) {
	t.Helper()
	for _, f := range FindCoordinates(body) {
		t.Errorf("the body reveals a position at %s", f)
	}
}

// FindCoordinates returns where body reveals a position, one entry per
// place ("$.items[0].geometry: a key that names a geometry"), or nil. In
// JSON (one value or a stream of them) it finds
//
//   - a key that names a geometry: coordinates, geometry, geom, bbox,
//     bounds, extent, centroid, center, boundary, wkt, wkb, geojson, or one
//     with 坐标, 几何 or 界址 in it (whatever its value, null included);
//   - two neighbours in an array that make a position: a longitude and
//     latitude in China (73–136 and 3–54, either order), or a Gauss-Krüger
//     northing and easting (300 000–6 000 000 m north; 100 000–900 000 m
//     east, with or without a zone number 13–45 in front, either order);
//   - sibling keys such as lon/lat, lng/lat, longitude/latitude, x/y,
//     east/north, min_x/min_y, 经度/纬度 whose values make a position;
//   - in a string, two decimal numbers that make a position separated only
//     by blanks, punctuation or the marks of a coordinate (E, N, °, 东经,
//     北纬, lat …), as in "115.78,39.26", "POINT(115.78 39.26)" or a link's
//     "lon=115.78&lat=39.26" and "bbox=115.7%2C39.2%2C…".
//
// Numbers written as strings count as numbers. A body that is not JSON is
// searched as one string.
func FindCoordinates(body []byte) []string {
	var values []any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	for {
		var v any
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return positionsInText("body", string(body))
		}
		values = append(values, v)
	}
	var found []string
	for i, v := range values {
		path := "$"
		if len(values) > 1 {
			path = "$" + strconv.Itoa(i)
		}
		found = append(found, positionsIn(path, v)...)
	}
	return found
}

func positionsIn(path string, v any) []string {
	var found []string
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if namesGeometry(k) {
				found = append(found, fmt.Sprintf("%s.%s: a key that names a geometry", path, k))
			}
			found = append(found, positionsIn(path+"."+k, v[k])...)
		}
		for _, a := range keys {
			for _, b := range keys {
				if a >= b || !pairedKeys(a, b) {
					continue
				}
				x, okX := numberOf(v[a])
				y, okY := numberOf(v[b])
				if okX && okY && position(x, y) {
					found = append(found, fmt.Sprintf("%s: %s %v and %s %v make a position", path, a, v[a], b, v[b]))
				}
			}
		}
	case []any:
		for i, e := range v {
			found = append(found, positionsIn(path+"["+strconv.Itoa(i)+"]", e)...)
			if i == 0 {
				continue
			}
			x, okX := numberOf(v[i-1])
			y, okY := numberOf(e)
			if okX && okY && position(x, y) {
				found = append(found, fmt.Sprintf("%s[%d:%d]: %v, %v make a position", path, i-1, i+1, v[i-1], e))
			}
		}
	case string:
		found = append(found, positionsInText(path, v)...)
	}
	return found
}

// decimal is a number with a fraction in text; separators is what may
// stand between the two numbers of a position written as text (at most 12
// characters of it).
var (
	decimal    = regexp.MustCompile(`\d+\.\d+`)
	separators = regexp.MustCompile(`^(?:[\s,，;；/:：=&+()（）\[\]、'"°′″~\-EeNnXxYy度分秒东经北纬]|latitude|longitude|lat|lon|lng)+$`)
	// escapes undoes the escapes of a URL's query, where a box or a
	// point travels as 115.78%2C39.26.
	escapes = strings.NewReplacer("%2C", ",", "%2c", ",", "%20", " ", "%3B", ";", "%3b", ";")
)

func positionsInText(path, s string) []string {
	var found []string
	s = escapes.Replace(s)
	spans := decimal.FindAllStringIndex(s, -1)
	for i := 1; i < len(spans); i++ {
		a, b := s[spans[i-1][0]:spans[i-1][1]], s[spans[i][0]:spans[i][1]]
		if gap := s[spans[i-1][1]:spans[i][0]]; utf8.RuneCountInString(gap) > 12 || !separators.MatchString(gap) {
			continue
		}
		x, _ := strconv.ParseFloat(a, 64)
		y, _ := strconv.ParseFloat(b, 64)
		if position(x, y) {
			found = append(found, fmt.Sprintf("%s: %q makes a position", path, s[spans[i-1][0]:spans[i][1]]))
		}
	}
	return found
}

// position reports whether a and b, in either order, are a longitude and
// latitude in China or a Gauss-Krüger northing and easting.
func position(a, b float64) bool {
	return lonLat(a, b) || lonLat(b, a) || plane(a, b) || plane(b, a)
}

func lonLat(lon, lat float64) bool { return lon >= 73 && lon <= 136 && lat >= 3 && lat <= 54 }

func plane(north, east float64) bool {
	if north < 300_000 || north > 6_000_000 {
		return false
	}
	if zone := int(east / 1_000_000); zone >= 13 && zone <= 45 {
		east -= float64(zone) * 1_000_000
	}
	return east >= 100_000 && east <= 900_000
}

func numberOf(v any) (float64, bool) {
	var s string
	switch v := v.(type) {
	case json.Number:
		s = string(v)
	case string:
		s = strings.TrimSpace(v)
	default:
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// keyWords splits a key into its lower-case words: "centerLon" and
// "center_lon" are center, lon.
func keyWords(k string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	prevLower := false
	for _, r := range k {
		switch {
		case !unicode.IsLetter(r):
			flush()
			prevLower = false
			continue
		case unicode.IsUpper(r) && prevLower:
			flush()
		}
		cur = append(cur, r)
		prevLower = unicode.IsLower(r)
	}
	flush()
	return words
}

func namesGeometry(k string) bool {
	for _, zh := range []string{"坐标", "几何", "界址"} {
		if strings.Contains(k, zh) {
			return true
		}
	}
	for _, w := range keyWords(k) {
		switch w {
		case "coordinates", "coords", "geometry", "geom", "bbox", "bounds", "extent", "centroid", "center",
			"boundary", "wkt", "wkb", "geojson":
			return true
		}
	}
	return false
}

// axisOf names the axis a key stands for: "h" for longitude, x or east,
// "v" for latitude, y or north, "" for neither.
func axisOf(k string) string {
	switch {
	case strings.Contains(k, "经度") || strings.Contains(k, "东经"):
		return "h"
	case strings.Contains(k, "纬度") || strings.Contains(k, "北纬"):
		return "v"
	}
	for _, w := range keyWords(k) {
		switch w {
		case "lon", "lng", "long", "longitude", "x", "east", "easting":
			return "h"
		case "lat", "latitude", "y", "north", "northing":
			return "v"
		}
	}
	return ""
}

// pairedKeys reports whether two sibling keys are the two axes of a
// position.
func pairedKeys(a, b string) bool {
	x, y := axisOf(a), axisOf(b)
	return x != "" && y != "" && x != y
}
