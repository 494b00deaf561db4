package importer

import (
	"fmt"
	"io"
	"strings"

	"landwatch/land"
	"landwatch/spatial"
)

// boundaryCodeKeys are the properties a boundary's division code is read
// from, in order: landwatch's own name, then those of common sources
// (DataV's adcode, GB/T 2260 exports).
var boundaryCodeKeys = []string{"region_code", "code", "adcode"}

// boundaryLimits are a parcel's limits with room for the largest county
// (若羌县, some 200 000 km²).
var boundaryLimits = func() spatial.Limits {
	l := spatial.DefaultLimits()
	l.MaxAreaM2 = 500_000e6
	return l
}()

// ParseBoundaries reads administrative boundaries from a GeoJSON
// FeatureCollection. Each feature is keyed by its division code: a county
// or prefecture of regions (6 digits), or a township (9 digits: a county of
// regions and three more). A feature whose code is missing or unknown, or
// whose geometry is not a valid (Multi)Polygon, is rejected by its number
// ("feature N"); the others are kept. The name is the feature's "name",
// else the division's.
func ParseBoundaries(name string, r io.Reader, regions *land.Regions) ([]land.Boundary, []land.Rejection, error) {
	fc, err := readFeatureCollection(name, r, "administrative boundaries")
	if err != nil {
		return nil, nil, err
	}
	var out []land.Boundary
	var rejected []land.Rejection
	for i, f := range fc.Features {
		b := land.Boundary{Record: fmt.Sprintf("feature %d", i+1)}
		reject := func(field, format string, args ...any) {
			rejected = append(rejected, land.Rejection{File: name, Record: b.Record, Field: field, Reason: fmt.Sprintf(format, args...)})
		}
		for _, k := range boundaryCodeKeys {
			if b.Code = propText(f.Properties[k]); b.Code != "" {
				break
			}
		}
		county := b.Code
		if len(b.Code) == 9 {
			county = b.Code[:6]
		}
		reg, known := regions.Lookup(county)
		switch {
		case b.Code == "":
			reject("region_code", "a boundary needs its division code (property %s)", strings.Join(boundaryCodeKeys, ", "))
			continue
		case len(b.Code) != 6 && len(b.Code) != 9 || !known:
			reject("region_code", "%q is not the code of a known division (6 digits) or township (9 digits)", b.Code)
			continue
		case reg.Level == land.LevelProvince:
			reject("region_code", "%s is a province: boundaries are of prefectures, counties and townships", reg)
			continue
		}
		g, err := featureGeometry(f.Geometry, boundaryLimits)
		if err != nil {
			reject("geometry", "%v", err)
			continue
		}
		b.Geometry = g
		if b.Name = propText(f.Properties["name"]); b.Name == "" {
			b.Name = reg.Name
		}
		out = append(out, b)
	}
	return out, rejected, nil
}

// propText is a property as text: a string as it is, a whole number
// (adcode is often one) in digits.
func propText(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case float64:
		if x == float64(int64(x)) && x >= 0 {
			return fmt.Sprintf("%d", int64(x))
		}
	}
	return ""
}
