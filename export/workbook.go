package export

import (
	"errors"
	"io"
)

// Sheet is one table of a workbook: its name (at most 31 characters, as
// Excel allows), its columns and its rows.
type Sheet struct {
	Name    string
	Columns []Column
	Rows    [][]any
}

// Workbook writes the sheets to w as one Excel workbook, a sheet per table
// in order, numbers as numbers. It needs at least one sheet.
func Workbook(w io.Writer, sheets []Sheet) error {
	if len(sheets) == 0 {
		return errors.New("export: a workbook needs at least one sheet")
	}
	x, err := newXLSX(w, sheets[0].Name, sheets[0].Columns)
	if err != nil {
		return err
	}
	for i, sh := range sheets {
		if i > 0 {
			if err := x.startSheet(sh.Name, sh.Columns); err != nil {
				x.f.Close()
				return err
			}
		}
		for _, r := range sh.Rows {
			if err := x.Write(Row{Values: r}); err != nil {
				x.f.Close()
				return err
			}
		}
	}
	return x.Close()
}
