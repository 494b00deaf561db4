// Package importer reads the files land offices hold — published supply
// results (CSV or the landchina JSON), the ministry's coordinate text files
// and GeoJSON — into land records. It is pure parsing: nothing here touches
// a database.
//
// Every parser keeps going past a bad record: a Batch carries the records
// that could be understood, each with the file and physical line it came
// from, and one Rejection for every problem found in the records that could
// not, naming file, line, field and reason. A rejected record never appears
// half in the good records.
package importer

import (
	"fmt"

	"landwatch/land"
)

// Rejection is one problem that kept a record out of a batch. A record with
// several bad fields gives several rejections with the same File, Line and
// Record.
type Rejection struct {
	File   string `json:"file"`
	Line   int    `json:"line"`   // 1-based physical line; 0 when the whole file is concerned
	Record string `json:"record"` // the record's key: e-supervision number, 地块编号, or "feature N"
	Field  string `json:"field"`  // the field at fault: a JSON key of land.Supply, a column of the coordinate format ("X", "圈号" …), or "geometry"
	Reason string `json:"reason"`
}

// Warning is something surprising in a record that was accepted anyway
// (a swapped column, an area given in m², a point count that does not add
// up …).
type Warning struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Record  string `json:"record"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// SupplyRecord is one supply read from a file.
type SupplyRecord struct {
	File   string
	Line   int
	Supply land.Supply
	// Events are the published actual start and completion dates, as
	// imported events (Imported true, RecordedBy "import"); their SupplyID
	// is not known yet.
	Events []land.Event
}

// ParcelRecord is one parcel boundary read from a file. Parcel.Geometry is
// in EPSG:4490; PlaneAreaM2 and GKEPSG are filled in (spatial.PlaneArea).
type ParcelRecord struct {
	File   string
	Line   int
	Parcel land.Parcel
	// SupplyKey is the e-supervision number of the supply the parcel belongs
	// to: its 地块编号, else its 地块名称 (DESIGN §8), or the e_number of a
	// GeoJSON feature.
	SupplyKey string
}

// Batch is what one or more files gave.
type Batch struct {
	Supplies []SupplyRecord
	Parcels  []ParcelRecord
	Rejected []Rejection
	Warnings []Warning
}

// Append adds the records, rejections and warnings of o to b.
func (b *Batch) Append(o Batch) {
	b.Supplies = append(b.Supplies, o.Supplies...)
	b.Parcels = append(b.Parcels, o.Parcels...)
	b.Rejected = append(b.Rejected, o.Rejected...)
	b.Warnings = append(b.Warnings, o.Warnings...)
}

// Accepted returns the number of records in b: supplies plus parcels.
func (b Batch) Accepted() int { return len(b.Supplies) + len(b.Parcels) }

// problem is a field that could not be read, before it is placed in a file.
type problem struct {
	field  string
	reason string
}

// note is a warning about a field, before it is placed in a file.
type note struct {
	field   string
	message string
}

// reject adds a rejection of record at line of file.
func (b *Batch) reject(file string, line int, record, field, format string, args ...any) {
	b.Rejected = append(b.Rejected, Rejection{
		File: file, Line: line, Record: record, Field: field, Reason: fmt.Sprintf(format, args...),
	})
}

// warn adds a warning about record at line of file.
func (b *Batch) warn(file string, line int, record, field, format string, args ...any) {
	b.Warnings = append(b.Warnings, Warning{
		File: file, Line: line, Record: record, Field: field, Message: fmt.Sprintf(format, args...),
	})
}

// rejectAll adds one rejection for each problem of a record.
func (b *Batch) rejectAll(file string, line int, record string, ps []problem) {
	for _, p := range ps {
		b.Rejected = append(b.Rejected, Rejection{
			File: file, Line: line, Record: record, Field: p.field, Reason: p.reason,
		})
	}
}

// warnAll adds one warning for each note about a record.
func (b *Batch) warnAll(file string, line int, record string, ns []note) {
	for _, n := range ns {
		b.Warnings = append(b.Warnings, Warning{
			File: file, Line: line, Record: record, Field: n.field, Message: n.message,
		})
	}
}

// unreadable returns a batch holding the one rejection of a file that could
// not be read or decoded at all.
func unreadable(file string, err error) Batch {
	var b Batch
	b.reject(file, 0, "", "file", "%v", err)
	return b
}
