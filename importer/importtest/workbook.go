// Package importtest writes the workbooks the import's tests read: a land
// office's .xlsx of supply results, made at run time so that the repository
// keeps no binary fixtures.
package importtest

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"landwatch/land"
	"landwatch/reference"
)

// Sheet is one sheet of a workbook: its name and its rows from the first,
// each a row of cells (nil for an empty row). A cell is written with its Go
// type: a string as text, a float64 as a number, a time.Time as a date.
type Sheet struct {
	Name string
	Rows [][]any
}

// Workbook writes sheets as an .xlsx.
func Workbook(t testing.TB, sheets ...Sheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.Rows {
			if row == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.Name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ReferenceFile is the embedded CSV of landchina's 203 published supply
// results of December 2018.
const ReferenceFile = "landchina/supply_results_2018-12.csv"

// ReferenceRows returns the rows of the 203 published supply results, the
// header first.
func ReferenceRows(t testing.TB) [][]string {
	t.Helper()
	raw, err := fs.ReadFile(reference.FS, ReferenceFile)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// ReferenceWorkbook is the 203 reference results as a land office keeps
// them in Excel: a title row above the header, areas and prices as numbers,
// the contract date as a date cell, on a sheet named 供地结果, and a second
// sheet of notes without a header.
func ReferenceWorkbook(t testing.TB) []byte {
	t.Helper()
	rows := ReferenceRows(t)
	sheet := [][]any{{"2018年12月供地结果"}, Strings(rows[0])}
	for _, r := range rows[1:] {
		sheet = append(sheet, typedCells(rows[0], r))
	}
	return Workbook(t, Sheet{"供地结果", sheet}, Sheet{"说明", [][]any{{"数据来源：中国土地市场网"}}})
}

// typedCells writes a CSV row the way a clerk's sheet holds it: the area
// and the price as numbers, the contract date as a date cell.
func typedCells(header, row []string) []any {
	out := Strings(row)
	for i, v := range row {
		switch header[i] {
		case "面积(公顷)", "成交价格(万元)":
			if x, err := strconv.ParseFloat(v, 64); err == nil {
				out[i] = x
			}
		case "合同签订日期":
			if d, err := land.ParseDate(v); err == nil && !d.IsZero() {
				out[i] = d.Time()
			}
		}
	}
	return out
}

// Strings is a row of text cells.
func Strings(row []string) []any {
	out := make([]any, len(row))
	for i, v := range row {
		out[i] = v
	}
	return out
}
