package importer

import (
	"encoding/json"
	"fmt"
	"io"
	"landwatch/land"
	"strings"
)

// ParseGeoJSON reads an RFC 7946 FeatureCollection (or a single Feature) of
// parcel boundaries in longitude/latitude. Each feature's geometry must be a
// Polygon or MultiPolygon; it is closed where a ring was left open,
// validated, and its Gauss-Krüger plane area computed.
//
// Properties with the JSON keys of land.Supply (e_number, project_name,
// method, land_use_original, area_ha …; the Chinese labels and landchina
// keys are understood too) make the feature a supply as well: it gives a
// SupplyRecord and a ParcelRecord, or is rejected whole. A supply feature
// without geometry gives the SupplyRecord alone, with a warning. A feature
// with geometry and only e_number, number or id gives a ParcelRecord whose
// SupplyKey is e_number, else number, else id. Parcel keys: number (or
// parcel_number, 地块编号), name (or parcel_name, 地块名称; "name" is the
// parcel's, not the project's), declared_area_ha (else area_ha); other
// properties are ignored.
//
// Line is the line the feature starts on; Record is its key, else
// "feature N" (counted from 1). A null or invalid geometry is a rejection
// with field "geometry". A syntax error ends the file: the features before
// it are kept.
func ParseGeoJSON(name string, r io.Reader) land.Batch {
	text, err := readText(name, r)
	if err != nil {
		return unreadable(name, err)
	}
	return parseGeoJSONText(name, text)
}

// parseGeoJSONText is ParseGeoJSON on decoded text.
func parseGeoJSONText(name, text string) land.Batch {
	var b land.Batch
	lines := newLineCounter(text)
	dec := json.NewDecoder(strings.NewReader(text))
	if tok, err := dec.Token(); err != nil {
		reject(&b, name, jsonErrorLine(err, lines, dec), "", "json", "the file is not JSON: %s", jsonReason(err))
		return b
	} else if tok != json.Delim('{') {
		reject(&b, name, 1, "", "json", "expected a GeoJSON FeatureCollection object ({\"type\": \"FeatureCollection\", …})")
		return b
	}
	var typ string
	sawFeatures := false
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			reject(&b, name, jsonErrorLine(err, lines, dec), "", "json", "the file is not valid JSON here: %s", jsonReason(err))
			return b
		}
		key, _ := keyTok.(string)
		switch key {
		case "features":
			sawFeatures = true
			if !readFeatures(&b, name, text, dec, lines) {
				return b
			}
			continue
		case "type":
			if err := dec.Decode(&typ); err != nil {
				reject(&b, name, jsonErrorLine(err, lines, dec), "", "type", "\"type\" must be the text \"FeatureCollection\"")
				return b
			}
			continue
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			reject(&b, name, jsonErrorLine(err, lines, dec), "", "json", "the file is not valid JSON here: %s", jsonReason(err))
			return b
		}
		if key == "crs" {
			warn(&b, name, lines.lineAt(int(dec.InputOffset())), "", "crs",
				"\"crs\" is ignored: RFC 7946 coordinates are longitude/latitude, read as CGCS2000 (EPSG:4490)")
		}
	}
	switch {
	case typ == "Feature" && !sawFeatures:
		// A lone Feature: read the whole document as the one feature.
		addFeature(&b, name, 1, 1, json.RawMessage(text))
	case typ != "FeatureCollection":
		reject(&b, name, 1, "", "type", "\"type\" is %q: expected \"FeatureCollection\"", typ)
	case !sawFeatures:
		reject(&b, name, 1, "", "features", "the FeatureCollection has no \"features\" array")
	}
	return b
}

// readFeatures reads the "features" array, feature by feature. It returns
// false when the text is broken and reading must stop.
func readFeatures(b *land.Batch, name, text string, dec *json.Decoder, lines *lineCounter) bool {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		line := lines.lineAt(int(dec.InputOffset()))
		if err != nil {
			line = jsonErrorLine(err, lines, dec)
		}
		reject(b, name, line, "", "features", "\"features\" must be an array of Feature objects")
		return false
	}
	for i := 1; dec.More(); i++ {
		line := lines.lineAt(skipSpace(text, int(dec.InputOffset()), ","))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			reject(b, name, jsonErrorLine(err, lines, dec), fmt.Sprintf("feature %d", i), "json",
				"the file is not valid JSON here: %s", jsonReason(err))
			return false
		}
		addFeature(b, name, line, i, raw)
	}
	if _, err := dec.Token(); err != nil {
		reject(b, name, jsonErrorLine(err, lines, dec), "", "json", "the features array is not closed: %s", jsonReason(err))
		return false
	}
	return true
}
