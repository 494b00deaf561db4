package importer

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
)

// ParseFootprints reads construction footprints from a GeoJSON
// FeatureCollection. Each feature's properties may give "source" and
// "observed_on"; otherwise source and observed apply. A feature that is not
// a valid (Multi)Polygon, or has no observation day, is rejected with its
// number; the others are kept.
func ParseFootprints(name string, r io.Reader, source string, observed land.Date) ([]land.Footprint, []land.Rejection, error) {
	fc, err := readFeatureCollection(name, r, "footprints")
	if err != nil {
		return nil, nil, err
	}
	var out []land.Footprint
	var rejected []land.Rejection
	for i, f := range fc.Features {
		rec := land.Footprint{Record: fmt.Sprintf("feature %d", i+1), Source: source, ObservedOn: observed}
		reject := func(field, format string, args ...any) {
			rejected = append(rejected, land.Rejection{File: name, Record: rec.Record, Field: field, Reason: fmt.Sprintf(format, args...)})
		}
		if v, ok := f.Properties["source"].(string); ok && v != "" {
			rec.Source = v
		}
		if v, ok := f.Properties["observed_on"].(string); ok && v != "" {
			d, err := land.ParseDate(v)
			if err != nil {
				reject("observed_on", "%q is not a date", v)
				continue
			}
			rec.ObservedOn = d
		}
		if rec.ObservedOn.IsZero() {
			reject("observed_on", "a footprint needs the day it was observed (property observed_on or --observed)")
			continue
		}
		if rec.Source == "" {
			reject("source", "a footprint needs its source (property source or --source)")
			continue
		}
		g, err := featureGeometry(f.Geometry, spatial.DefaultLimits())
		if err != nil {
			reject("geometry", "%v", err)
			continue
		}
		rec.Geometry = g
		out = append(out, rec)
	}
	return out, rejected, nil
}

// featureCollection is a GeoJSON FeatureCollection read whole.
type featureCollection struct {
	Type     string `json:"type"`
	Features []struct {
		Geometry   json.RawMessage `json:"geometry"`
		Properties map[string]any  `json:"properties"`
	} `json:"features"`
}

// readFeatureCollection reads a GeoJSON FeatureCollection of what (CodeInvalid
// naming the file when it is not one).
func readFeatureCollection(name string, r io.Reader, what string) (featureCollection, error) {
	var fc featureCollection
	text, err := readText(name, r)
	if err != nil {
		return fc, land.Wrap(land.CodeInvalid, err, "%s", name)
	}
	if err := json.NewDecoder(strings.NewReader(text)).Decode(&fc); err != nil || fc.Type != "FeatureCollection" {
		return fc, land.Invalid(name, "expected a GeoJSON FeatureCollection of %s", what)
	}
	return fc, nil
}

// featureGeometry reads a feature's (Multi)Polygon, its rings closed, and
// checks it is valid within limits.
func featureGeometry(raw json.RawMessage, limits spatial.Limits) (orb.MultiPolygon, error) {
	g, err := spatial.ParseGeoJSONGeometry(raw)
	if err == nil {
		g = spatial.CloseRings(g)
		err = limits.Validate(g)
	}
	return g, err
}
