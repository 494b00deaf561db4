package export

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// xlsxWriter writes one sheet through excelize's StreamWriter, which keeps
// rows past its buffer in a temporary file rather than in memory: numbers
// are numbers and dates dates (formatted yyyy-mm-dd), so that sums and
// filters work in Excel.
type xlsxWriter struct {
	cols      []Column
	f         *excelize.File
	sw        *excelize.StreamWriter
	out       io.Writer
	dateStyle int
	row       int
	cells     []any
}

func newXLSX(w io.Writer, sheet string, cols []Column) (*xlsxWriter, error) {
	f := excelize.NewFile()
	format := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		f.Close()
		return nil, err
	}
	x := &xlsxWriter{f: f, out: w, dateStyle: dateStyle}
	if err := x.startSheet(sheet, cols); err != nil {
		f.Close()
		return nil, err
	}
	return x, nil
}

// startSheet ends the sheet being written (if any) and starts the next,
// named sheet, with the columns' headers in its first row: the first
// sheet takes the place of the new file's empty Sheet1.
func (x *xlsxWriter) startSheet(sheet string, cols []Column) error {
	if x.sw == nil {
		if err := x.f.SetSheetName("Sheet1", sheet); err != nil {
			return err
		}
	} else {
		if err := x.sw.Flush(); err != nil {
			return err
		}
		if _, err := x.f.NewSheet(sheet); err != nil {
			return err
		}
	}
	sw, err := x.f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = c.Header
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	x.sw, x.cols, x.row, x.cells = sw, cols, 1, make([]any, len(cols))
	return nil
}

func (x *xlsxWriter) Write(r Row) error {
	if err := checkRow(x.cols, r); err != nil {
		return err
	}
	for i, v := range r.Values {
		switch val := v.(type) {
		case bool:
			x.cells[i] = textOf(val)
		default:
			if t, ok := dateOf(v); ok {
				x.cells[i] = excelize.Cell{StyleID: x.dateStyle, Value: t}
			} else if _, isDate := v.(interface{ IsZero() bool }); isDate {
				x.cells[i] = nil
			} else {
				x.cells[i] = v
			}
		}
	}
	x.row++
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, x.cells)
}

func (x *xlsxWriter) Close() error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	_, err := x.f.WriteTo(x.out)
	return err
}
