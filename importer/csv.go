package importer

import (
	"encoding/csv"
	"errors"
	"io"
	"landwatch/land"
	"slices"
	"strings"
)

// ParseSupplyCSV reads published supply results (供地结果) from a CSV file
// in UTF-8 or GBK, with or without a byte order mark. The first row names
// the columns with the labels of the published results (行政区, 电子监管号,
// 面积(公顷) …), the keys of the landchina JSON (idnumber, area …) or the
// JSON keys of land.Supply (e_number, area_ha …), in any order; unknown
// columns are ignored with a warning. Commas separate fields, or tabs,
// semicolons or vertical bars when the header row uses those instead.
//
// Each row becomes a SupplyRecord whose Line is the physical line the row
// starts on (the header is line 1; quoted fields may span lines). A row with
// a field that cannot be read is rejected with one Rejection per bad field;
// rows of blank fields are skipped.
func ParseSupplyCSV(name string, r io.Reader) land.Batch {
	text, err := readText(name, r)
	if err != nil {
		return unreadable(name, err)
	}
	return parseSupplyCSVText(name, text)
}

// parseSupplyCSVText is ParseSupplyCSV on decoded text.
func parseSupplyCSVText(name, text string) land.Batch {
	return parseTableCSVText(supplyKind, name, text)
}

// parseTableCSVText reads a CSV table of records of kind from decoded text.
func parseTableCSVText(kind *tableKind, name, text string) land.Batch {
	return readTableCSV(kind, name, text, nil)
}

// csvBlock is how many supplies a streamed CSV table hands on at a time.
const csvBlock = 256

// readTableCSV reads a CSV table of records of kind from decoded text.
// When supplies is not nil, the supplies read are handed to it csvBlock at
// a time as the rows are read, and not kept in the batch; the reading stops
// when it returns false.
func readTableCSV(kind *tableKind, name, text string, supplies func([]land.SupplyRecord) bool) land.Batch {
	var b land.Batch
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = sniffDelimiter(text)
	cr.FieldsPerRecord = -1

	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			reject(&b, name, 1, "", "header", "the file is empty: expected a header row such as 行政区,电子监管号,项目名称,…")
		} else {
			reject(&b, name, csvErrorLine(err, 1), "", "header", "the header row cannot be read: %s", csvReason(err))
		}
		return b
	}
	table, ok := newTable(&b, kind, name, 1, header)
	if !ok {
		return b
	}

	lastErrLine := -1
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := csvErrorLine(err, 0)
			reject(&b, name, line, "", "row", "the row cannot be read as CSV: %s", csvReason(err))
			if line == lastErrLine {
				break // the reader is not moving on; stop rather than loop
			}
			lastErrLine = line
			continue
		}
		line, _ := cr.FieldPos(0)
		table.addRow(&b, line, rec)
		if supplies != nil && len(b.Supplies) == csvBlock {
			block := b.Supplies
			if b.Supplies = nil; !supplies(block) {
				return b
			}
		}
	}
	if supplies != nil && len(b.Supplies) > 0 {
		supplies(b.Supplies)
		b.Supplies = nil
	}
	return b
}

// tableKind is a kind of record a table may hold: supply results or
// reserves. It says which labels name its columns, which column keys a
// record, and how a row becomes a record.
type tableKind struct {
	labels   map[string]string // known headings, as normalizeHeading writes them, to canonical fields
	key      string            // the canonical field that keys a record
	keyLabel string            // the key column's label, for messages
	// also are the fields a header must name besides the key to be of
	// this kind (deals name 公告编号 as announcements do, and 竞得人).
	also []string
	// keyOK reports whether a cell holds a key of the right shape; nil
	// when keys have no shape to go by (the columns are then not realigned).
	keyOK func(string) bool
	// add reads the values of one row into a record of b, or rejects it.
	add func(b *land.Batch, file string, line int, values fieldValues)
	// dates are the canonical fields that hold dates (a workbook's serial
	// day numbers are written as dates in them).
	dates []string
}

// fieldOf returns the canonical field of a column heading by the kind's
// labels (see supplyFieldOf).
func (k *tableKind) fieldOf(heading string) string { return fieldOfLabels(k.labels, heading) }

// table is a table of records under a header row: a CSV file or one sheet
// of a workbook. Both read their rows through it, so a column means the
// same and a row is judged the same whatever the file.
type table struct {
	kind       *tableKind
	file       string   // the name rejections and warnings carry
	headerLine int      // the header row's line, for the warning of a shifted header
	cols       []string // the canonical field of each column; "" for one not read
	aligned    bool     // a row has shown where the keys are
}

// newTable maps the columns of the header row at headerLine. It rejects a
// header without the kind's key column and then returns false.
func newTable(b *land.Batch, kind *tableKind, file string, headerLine int, header []string) (*table, bool) {
	t := &table{kind: kind, file: file, headerLine: headerLine, cols: tableColumns(b, kind.labels, file, headerLine, header),
		aligned: kind.keyOK == nil}
	if !slices.Contains(t.cols, kind.key) {
		reject(b, file, headerLine, "", kind.key, "the header has no %s (%s) column; found %q", kind.keyLabel, kind.key, strings.Join(header, ","))
		return nil, false
	}
	return t, true
}

// align lets the first row with a key decide where the columns are.
// Offices' sheets often carry a row number (序号) the header does not
// label, or a header cell too many, so that every label sits one column
// beside its values; when the key sits beside its label and not under it,
// the labels are moved one column onto their values, with a warning.
func (t *table) align(b *land.Batch, rec []string) {
	if t.aligned {
		return
	}
	at := slices.Index(t.cols, t.kind.key)
	holdsKey := func(i int) bool {
		return i >= 0 && i < len(rec) && t.kind.keyOK(strings.TrimSpace(rec[i]))
	}
	switch {
	case holdsKey(at):
	case holdsKey(at + 1):
		t.cols = append([]string{""}, t.cols...)
		warn(b, t.file, t.headerLine, "", "header", "the %ss stand one column right of the label %s "+
			"(an unlabelled column such as 序号 comes first); every label is read one column to the right", t.kind.key, t.kind.keyLabel)
	case holdsKey(at-1) && (t.cols[0] == "" || t.cols[0] == fieldIgnored):
		t.cols = t.cols[1:]
		warn(b, t.file, t.headerLine, "", "header", "the %ss stand one column left of the label %s "+
			"(the header has a cell too many at the start); every label is read one column to the left", t.kind.key, t.kind.keyLabel)
	default:
		return // no key to go by in this row; the next one decides
	}
	t.aligned = true
}

// addRow reads one data row.
func (t *table) addRow(b *land.Batch, line int, rec []string) {
	if allBlank(rec) {
		return
	}
	t.align(b, rec)
	name, cols := t.file, t.cols
	values := fieldValues{}
	for i, f := range cols {
		if i < len(rec) && f != "" && f != fieldIgnored {
			values[f] = rec[i]
		}
	}
	if len(rec) < len(cols) || (len(rec) > len(cols) && !allBlank(rec[len(cols):])) {
		reject(b, name, line, values.get(t.kind.key), "row", "the row has %d fields but the header has %d", len(rec), len(cols))
		return
	}
	t.kind.add(b, name, line, values)
}

// supplyKind is the table of published supply results (供地结果).
var supplyKind = &tableKind{
	labels: supplyLabels, key: fENumber, keyLabel: "电子监管号",
	keyOK: func(s string) bool { _, err := land.ParseENumber(s); return err == nil },
	add:   addSupplyRow,
	dates: []string{fAgreedDelivery, fAgreedStart, fAgreedCompletion, fActualStart, fActualCompletion, fContractDate},
}

// addSupplyRow reads one supply result.
func addSupplyRow(b *land.Batch, name string, line int, values fieldValues) {
	s, events, probs, notes := buildSupply(values)
	if len(probs) > 0 {
		rejectAll(b, name, line, values.get(fENumber), probs)
		return
	}
	warnAll(b, name, line, s.ENumber, notes)
	b.Supplies = append(b.Supplies, land.SupplyRecord{File: name, Line: line, Supply: s, Events: events, Absent: absentFields(values)})
}

// tableColumns maps each header column to its canonical field by labels
// ("" for an unknown column, warned about once).
func tableColumns(b *land.Batch, labels map[string]string, name string, line int, header []string) []string {
	cols := make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		f := fieldOfLabels(labels, h)
		switch {
		case f == "" && strings.TrimSpace(h) != "":
			label := strings.TrimSpace(h)
			if near, ok := closestLabel(labels, h); ok {
				warn(b, name, line, "", label, "unknown column %q is ignored; the closest known label is %q (%s)", label, near, labels[near])
			} else {
				warn(b, name, line, "", label, "unknown column %q is ignored; no known label is close to it", label)
			}
		case f == "", f == fieldIgnored:
		case seen[f]:
			warn(b, name, line, "", f, "column %q repeats %s; only the first is read", strings.TrimSpace(h), f)
			f = ""
		default:
			seen[f] = true
		}
		cols[i] = f
	}
	table := land.TableColumns{File: name, Read: []land.ColumnMapping{}, Ignored: []string{}}
	for i, h := range header {
		switch label := strings.TrimSpace(h); {
		case label == "":
		case cols[i] == "" || cols[i] == fieldIgnored:
			table.Ignored = append(table.Ignored, label)
		default:
			table.Read = append(table.Read, land.ColumnMapping{Label: label, Field: cols[i]})
		}
	}
	b.Tables = append(b.Tables, table)
	return cols
}

// sniffDelimiter returns the field separator of the header line: a comma
// unless the line holds more tabs, semicolons or vertical bars than commas.
// Only the header decides, so a bar inside a comma-separated row (the
// instalment plan 1|2019年01月30日|10484) is a character of its field.
func sniffDelimiter(text string) rune {
	first, _, _ := strings.Cut(text, "\n")
	best, n := ',', strings.Count(first, ",")
	for _, d := range []rune{'\t', ';', '|'} {
		if c := strings.Count(first, string(d)); c > n {
			best, n = d, c
		}
	}
	return best
}

// csvErrorLine returns the line a CSV error points at, or def.
func csvErrorLine(err error, def int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if pe.StartLine > 0 {
			return pe.StartLine
		}
		return pe.Line
	}
	return def
}

// csvReason returns what went wrong in a CSV error, without its position
// (the rejection carries the line).
func csvReason(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) && pe.Err != nil {
		return pe.Err.Error()
	}
	return err.Error()
}

func allBlank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
