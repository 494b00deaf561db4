package importer

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"landwatch/land"
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
// with field "geometry". A file that breaks off (truncated in a copy or an
// upload) or is not JSON further on is rejected whole, with the byte where
// it breaks: a clerk who imported the features before the break would
// believe the file was in. ParseWith with Options.Partial keeps those
// features, and the break is one rejection.
func ParseGeoJSON(name string, r io.Reader) land.Batch {
	text, err := readText(name, r)
	if err != nil {
		return unreadable(name, err)
	}
	return parseGeoJSONText(name, text, Options{})
}

// parseGeoJSONText is ParseGeoJSON on decoded text.
func parseGeoJSONText(name, text string, opts Options) land.Batch {
	b, broken := readGeoJSON(name, text, nil)
	if broken == nil || opts.Partial {
		return b
	}
	return brokenOff(name, broken, len(b.Supplies)+len(b.Parcels))
}

// brokenOff is the batch of a file that breaks off and is rejected whole:
// kept features were read before the break.
func brokenOff(name string, broken *geoJSONBreak, kept int) land.Batch {
	whole := land.Batch{}
	reject(&whole, name, broken.line, broken.record, "json", "the file breaks off at byte %d (line %d): %s; "+
		"nothing of it is imported (%d features before the break would be, when asked for a partial import)",
		broken.offset, broken.line, broken.reason, kept)
	return whole
}

// geoJSONBreak is where and why a GeoJSON file stops being JSON.
type geoJSONBreak struct {
	offset int64
	line   int
	record string
	reason string
	// abandoned is a stop asked for by the reader of the supplies, not a
	// break of the file: the rest of the file is not wanted.
	abandoned bool
}

// breakAt rejects the file where err stops the decoder and returns the
// break.
func breakAt(b *land.Batch, name, record string, err error, lines *lineCounter, dec *json.Decoder, what string) *geoJSONBreak {
	br := &geoJSONBreak{offset: jsonErrorOffset(err, lines, dec), line: jsonErrorLine(err, lines, dec), record: record,
		reason: what + ": " + jsonReason(err)}
	reject(b, name, br.line, record, "json", "%s (byte %d)", br.reason, br.offset)
	return br
}

// readGeoJSON reads what it can of a GeoJSON file, and where it breaks,
// if it does. When supplies is set, the supply records of a collection's
// features go to it as they are read, in the file's order, instead of into
// the batch (a lone Feature's stay in the batch); when it returns false,
// reading stops there.
func readGeoJSON(name, text string, supplies func([]land.SupplyRecord) bool) (land.Batch, *geoJSONBreak) {
	var b land.Batch
	lines := newLineCounter(text)
	dec := json.NewDecoder(strings.NewReader(text))
	if tok, err := dec.Token(); err != nil {
		reject(&b, name, jsonErrorLine(err, lines, dec), "", "json", "the file is not JSON: %s", jsonReason(err))
		return b, nil
	} else if tok != json.Delim('{') {
		reject(&b, name, 1, "", "json", "expected a GeoJSON FeatureCollection object ({\"type\": \"FeatureCollection\", …})")
		return b, nil
	}
	var typ string
	sawFeatures := false
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			return b, breakAt(&b, name, "", err, lines, dec, "the file is not valid JSON here")
		}
		key, _ := keyTok.(string)
		switch key {
		case "features":
			sawFeatures = true
			if br := readFeatures(&b, name, text, dec, lines, supplies); br != nil {
				return b, br
			}
			continue
		case "type":
			if err := dec.Decode(&typ); err != nil {
				reject(&b, name, jsonErrorLine(err, lines, dec), "", "type", "\"type\" must be the text \"FeatureCollection\"")
				return b, nil
			}
			continue
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return b, breakAt(&b, name, "", err, lines, dec, "the file is not valid JSON here")
		}
		if key == "crs" {
			warn(&b, name, lines.lineAt(int(dec.InputOffset())), "", "crs",
				"\"crs\" is ignored: RFC 7946 coordinates are longitude/latitude, read as CGCS2000 (EPSG:4490)")
		}
	}
	switch {
	case typ == "Feature" && !sawFeatures:
		// A lone Feature: read the whole document as the one feature.
		addFeature(&b, newPropertyKeys(), name, 1, 1, json.RawMessage(text))
	case typ != "FeatureCollection":
		reject(&b, name, 1, "", "type", "\"type\" is %q: expected \"FeatureCollection\"", typ)
	case !sawFeatures:
		reject(&b, name, 1, "", "features", "the FeatureCollection has no \"features\" array")
	}
	return b, nil
}

// readFeatures reads the "features" array. The decoder splits it into
// features, one after the other; the features themselves (properties,
// supply checks, geometry and plane area: most of the work) are read a
// block at a time on every core, and their records put back in the file's
// order as each block is done: the supply records to supplies when it is
// set (a stream's, which stops the reading by returning false), the rest
// into b. It returns where the text breaks when reading must stop.
func readFeatures(b *land.Batch, name, text string, dec *json.Decoder, lines *lineCounter, supplies func([]land.SupplyRecord) bool) *geoJSONBreak {
	tok, err := dec.Token()
	if err != nil {
		return breakAt(b, name, "", err, lines, dec, "\"features\" must be an array of Feature objects")
	}
	if tok != json.Delim('[') {
		reject(b, name, lines.lineAt(int(dec.InputOffset())), "", "features", "\"features\" must be an array of Feature objects")
		return &geoJSONBreak{offset: dec.InputOffset(), line: lines.lineAt(int(dec.InputOffset())), reason: "\"features\" is not an array"}
	}
	work := make(chan *featureBlock)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	if supplies != nil && workers > 1 {
		// The supplies are being written meanwhile: the database's backend
		// keeps a core (at 100,000 parcels on two cores, one worker made
		// the import 19.0–19.5 s, two 20.1–20.2 s).
		workers--
	}
	for range workers {
		wg.Go(func() {
			keys := newPropertyKeys()
			for blk := range work {
				for _, f := range blk.features {
					addFeature(&blk.out, keys, name, f.line, f.i, f.raw)
				}
				// The records hold copies of what they need: the features'
				// text, a second copy of the file, goes as it is read.
				blk.features = nil
				close(blk.done)
			}
		})
	}
	// The blocks in the file's order, taken back as each is done.
	inOrder := make(chan *featureBlock, 4*runtime.GOMAXPROCS(0))
	collected, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(collected)
		taking := true
		for blk := range inOrder {
			<-blk.done
			switch {
			case supplies == nil:
				b.Supplies = append(b.Supplies, blk.out.Supplies...)
			case taking && len(blk.out.Supplies) > 0 && !supplies(blk.out.Supplies):
				taking = false
				close(stopped) // the blocks sent meanwhile are drained
			}
			b.Parcels = append(b.Parcels, blk.out.Parcels...)
			b.Rejected = append(b.Rejected, blk.out.Rejected...)
			b.Warnings = append(b.Warnings, blk.out.Warnings...)
		}
	}()
	blk := newFeatureBlock()
	send := func() {
		if len(blk.features) > 0 {
			inOrder <- blk
			work <- blk
			blk = newFeatureBlock()
		}
	}
	var stop func() *geoJSONBreak
	abandoned := false
features:
	for i := 1; dec.More(); i++ {
		select {
		case <-stopped:
			abandoned = true
			break features
		default:
		}
		line := lines.lineAt(skipSpace(text, int(dec.InputOffset()), ","))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			stop = func() *geoJSONBreak {
				return breakAt(b, name, fmt.Sprintf("feature %d", i), err, lines, dec, "the file is not valid JSON here")
			}
			break
		}
		blk.features = append(blk.features, rawFeature{line: line, i: i, raw: raw})
		if len(blk.features) == featureBlockSize {
			send()
		}
	}
	send()
	close(work)
	close(inOrder)
	wg.Wait()
	<-collected
	switch {
	case abandoned:
		return &geoJSONBreak{abandoned: true}
	case stop != nil:
		return stop()
	}
	if _, err := dec.Token(); err != nil {
		return breakAt(b, name, "", err, lines, dec, "the features array is not closed")
	}
	return nil
}

// featureBlockSize is how many features a core reads at a time.
const featureBlockSize = 256

// featureBlock is a run of features and the records read from them.
type featureBlock struct {
	features []rawFeature
	out      land.Batch
	done     chan struct{} // closed when out is read
}

func newFeatureBlock() *featureBlock { return &featureBlock{done: make(chan struct{})} }

// rawFeature is the i-th feature's text, which starts at line.
type rawFeature struct {
	line, i int
	raw     json.RawMessage
}
