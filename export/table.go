// Package export writes records as files GIS and office tools open:
// GeoPackage, GeoJSON, CSV, Excel and the ministry's coordinate text file.
// Every writer takes rows one at a time, so that an export of any size
// streams from the store to the client.
package export

import (
	"fmt"
	"io"
	"time"

	"github.com/paulmach/orb"

	"landwatch/land"
)

// Type is the kind of a column's values.
type Type int

// The types of columns. A nil value is empty in every type.
const (
	Text    Type = iota // string
	Number              // float64
	Integer             // int64
	Date                // land.Date
	Bool                // bool
)

// Column is one column: Name in files read by programs (GeoPackage,
// GeoJSON), Header in files read by people (CSV, Excel).
type Column struct {
	Name, Header string
	Type         Type
}

// Row is one record: its values in the order of the columns, and its
// geometry in EPSG:4490 (nil for none).
type Row struct {
	Values   []any
	Geometry orb.Geometry
}

// Writer takes the rows of one table and finishes the file with Close.
type Writer interface {
	Write(Row) error
	Close() error
}

// Format names a file format and what its answer is.
type Format struct {
	Ext, ContentType string
	// Geometry tells whether the format carries geometry.
	Geometry bool
}

// Formats are the tabular formats by extension (the coordinate file, of
// parcels only, is written by CoordinateFile).
var Formats = map[string]Format{
	"gpkg":    {"gpkg", "application/geopackage+sqlite3", true},
	"geojson": {"geojson", "application/geo+json", true},
	"csv":     {"csv", "text/csv; charset=utf-8", false},
	"xlsx":    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false},
}

// New returns the writer of format ext for a table named layer (the
// GeoPackage's layer, the workbook's sheet) with columns cols.
func New(ext string, w io.Writer, layer string, cols []Column) (Writer, error) {
	switch ext {
	case "csv":
		return newCSV(w, cols)
	case "xlsx":
		return newXLSX(w, layer, cols)
	case "geojson":
		return newGeoJSON(w, cols)
	case "gpkg":
		return newGPKG(w, layer, cols)
	}
	return nil, land.Invalid("format", "%q is not gpkg, geojson, csv, xlsx or txt", ext)
}

// checkRow refuses a row whose values do not match the columns: a bug in
// the caller, not bad input.
func checkRow(cols []Column, r Row) error {
	if len(r.Values) != len(cols) {
		return fmt.Errorf("export: a row of %d values for %d columns", len(r.Values), len(cols))
	}
	return nil
}

// dateOf is a Date value as a time at midnight UTC, and whether there is one.
func dateOf(v any) (time.Time, bool) {
	d, ok := v.(land.Date)
	if !ok || d.IsZero() {
		return time.Time{}, false
	}
	return d.Time(), true
}
