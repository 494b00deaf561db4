package export

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// Sheet is one table of a small workbook: a header row and rows of
// numbers and texts, numbers kept as numbers.
type Sheet struct {
	Name   string
	Header []string
	Rows   [][]any
}

// WriteWorkbook writes a workbook of a few small tables (a report, a
// bulletin), one sheet each, in memory.
func WriteWorkbook(w io.Writer, sheets []Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			return err
		}
		header := make([]any, len(sh.Header))
		for j, h := range sh.Header {
			header[j] = h
		}
		for r, row := range append([][]any{header}, sh.Rows...) {
			cell, err := excelize.CoordinatesToCellName(1, r+1)
			if err != nil {
				return err
			}
			if err := f.SetSheetRow(sh.Name, cell, &row); err != nil {
				return err
			}
		}
	}
	_, err := f.WriteTo(w)
	return err
}
