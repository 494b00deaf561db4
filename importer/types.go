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
func reject(b *land.Batch, file string, line int, record, field, format string, args ...any) {
	b.Rejected = append(b.Rejected, land.Rejection{
		File: file, Line: line, Record: record, Field: field, Reason: fmt.Sprintf(format, args...),
	})
}

// warn adds a warning about record at line of file.
func warn(b *land.Batch, file string, line int, record, field, format string, args ...any) {
	b.Warnings = append(b.Warnings, land.Warning{
		File: file, Line: line, Record: record, Field: field, Message: fmt.Sprintf(format, args...),
	})
}

// rejectAll adds one rejection for each problem of a record.
func rejectAll(b *land.Batch, file string, line int, record string, ps []problem) {
	for _, p := range ps {
		b.Rejected = append(b.Rejected, land.Rejection{
			File: file, Line: line, Record: record, Field: p.field, Reason: p.reason,
		})
	}
}

// warnAll adds one warning for each note about a record.
func warnAll(b *land.Batch, file string, line int, record string, ns []note) {
	for _, n := range ns {
		b.Warnings = append(b.Warnings, land.Warning{
			File: file, Line: line, Record: record, Field: n.field, Message: n.message,
		})
	}
}

// unreadable returns a batch holding the one rejection of a file that could
// not be read or decoded at all.
func unreadable(file string, err error) land.Batch {
	var b land.Batch
	reject(&b, file, 0, "", "file", "%v", err)
	return b
}
