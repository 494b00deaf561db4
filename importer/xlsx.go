package importer

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"landwatch/land"
)

// The first bytes of workbooks: an .xlsx is a zip archive; a legacy .xls
// (and a password-protected .xlsx) is an OLE2 compound document.
var (
	magicZip  = []byte("PK\x03\x04")
	magicOLE2 = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// headerSearchRows is how many rows at the top of a sheet may hold its
// header: land offices put a title, a date or a unit above the table.
const headerSearchRows = 10

// ParseSupplyXLSX reads published supply results (供地结果) from an Excel
// workbook (.xlsx). Every sheet whose first rows hold a header naming the
// 电子监管号 column is a table read like a CSV file (ParseSupplyCSV): the
// same labels, the same record parsing; a sheet whose header names 储备编号
// instead is a table of reserves, read as a CSV file of reserves. Rows above the header (a title) are
// skipped, and so is a sheet without such a header, with a warning.
//
// A record's File is the workbook's name and the sheet's, joined the way
// Excel writes a reference ("供地.xlsx!Sheet1"), and its Line is the row
// number Excel shows, so "供地.xlsx!Sheet1:12" is row 12 of Sheet1.
// Date cells are read as the dates Excel shows, numbers as they are stored
// (not as rounded by the cell's format).
func ParseSupplyXLSX(name string, r io.Reader) land.Batch {
	data, err := io.ReadAll(r)
	if err != nil {
		return unreadable(name, err)
	}
	return parseSupplyXLSXBytes(name, data)
}

// parseSupplyXLSXBytes is ParseSupplyXLSX on the file's bytes.
func parseSupplyXLSXBytes(name string, data []byte) land.Batch {
	var b land.Batch
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		reject(&b, name, 0, "", "file", "the file cannot be read as an Excel workbook (.xlsx): %v", err)
		return b
	}
	defer f.Close()
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	tables := 0
	for _, sheet := range f.GetSheetList() {
		file := name + "!" + sheet
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			reject(&b, file, 0, "", "sheet", "the sheet cannot be read: %v", err)
			continue
		}
		at, kind := headerRow(rows)
		if at < 0 {
			if !allRowsBlank(rows) {
				warn(&b, file, 0, "", "sheet", "no row among the first %d names a 电子监管号 (e_number) or 储备编号 (number) column, or 年度 with a class of land (住宅用地 …); the sheet is skipped", headerSearchRows)
			}
			continue
		}
		tables++
		table, ok := newTable(&b, kind, file, at+1, rows[at])
		if !ok {
			continue
		}
		for i := at + 1; i < len(rows); i++ {
			table.align(&b, rows[i]) // before the date columns are read by the labels
			table.addRow(&b, i+1, sheetRow(rows[i], table.cols, kind.dates, date1904))
		}
	}
	if tables == 0 {
		reject(&b, name, 0, "", fENumber, "no sheet has a header row naming 电子监管号 (e_number), 储备编号 or 公告编号: expected a row such as 行政区 | 电子监管号 | 项目名称 | … "+
			"or 储备编号 | 行政区 | 位置 | … or 行政区代码 | 年度 | 住宅用地 | … in the first %d rows of a sheet", headerSearchRows)
	}
	return b
}

// headerRow returns the index of the first row among the first
// headerSearchRows that names the key column of a kind of table (the
// e-supervision number of supply results, the reserve number of
// reserves) and that kind, or -1.
func headerRow(rows [][]string) (int, *tableKind) {
	for i := 0; i < len(rows) && i < headerSearchRows; i++ {
		if k := kindOfHeader(rows[i]); k != nil {
			return i, k
		}
	}
	return -1, nil
}

// sheetRow returns a row's cells as a CSV row would hold them: as many as
// the header (a sheet leaves out empty cells at the end of a row), and a
// date cell of a date column written as a date rather than Excel's serial
// day number.
func sheetRow(row, cols, dates []string, date1904 bool) []string {
	if len(row) < len(cols) {
		row = append(row, make([]string, len(cols)-len(row))...)
	}
	for i, f := range cols {
		if slices.Contains(dates, f) {
			row[i] = serialDate(row[i], date1904)
		}
	}
	return row
}

// serialDate writes an Excel serial day number (43437 is 2018-12-03) as an
// ISO date, and returns any other text unchanged. A whole number of eight
// digits is left alone: that is a date written 20181203.
func serialDate(s string, date1904 bool) string {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v < 1 || v >= 2958466 { // 2958466 is the day after 9999-12-31
		return s
	}
	t, err := excelize.ExcelDateToTime(v, date1904)
	if err != nil {
		return s
	}
	return t.Format("2006-01-02")
}

func allRowsBlank(rows [][]string) bool {
	for _, r := range rows {
		if !allBlank(r) {
			return false
		}
	}
	return true
}
