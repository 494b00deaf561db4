package land

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// divisionRow is one row of a division table, expanded to six digits, with
// where it was read ("areas:12") for error messages.
type divisionRow struct {
	region Region
	where  string
}

// divisionColumns are the columns each table needs: its own code width, and
// the column naming the parent with the parent's width.
type divisionColumns struct {
	width       int
	parentCol   string
	parentWidth int
}

// columnsFor returns the layout of the table for level.
func columnsFor(level string) divisionColumns {
	switch level {
	case LevelPrefecture:
		return divisionColumns{width: 4, parentCol: "provinceCode", parentWidth: 2}
	case LevelCounty:
		return divisionColumns{width: 6, parentCol: "cityCode", parentWidth: 4}
	}
	return divisionColumns{width: 2}
}

// readDivisionRows reads one division table (see LoadRegions) named table
// whose rows are at level.
func readDivisionRows(in io.Reader, table, level string) ([]divisionRow, error) {
	if in == nil {
		return nil, Invalid(table, "the %s table is missing", table)
	}
	cols := columnsFor(level)
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, csvError(table, 1, err)
	}
	index := map[string]int{}
	for i, h := range header {
		index[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	need := []string{"code", "name"}
	if cols.parentCol != "" {
		need = append(need, cols.parentCol)
	}
	for _, h := range need {
		if _, ok := index[h]; !ok {
			return nil, Invalid(table+":1", "the header has no column %q", h)
		}
	}
	var rows []divisionRow
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, csvError(table, line, err)
		}
		where := fmt.Sprintf("%s:%d", table, line)
		cell := func(col string) string {
			if i := index[col]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		code, name := cell("code"), cell("name")
		if len(code) != cols.width || !allDigits(code) {
			return nil, Invalid(where, "the code %q is not %d digits", code, cols.width)
		}
		if name == "" {
			return nil, Invalid(where, "the division %s has no name", code)
		}
		reg := Region{Code: expandRegionCode(code), Name: name, Level: level}
		if cols.parentCol != "" {
			parent := cell(cols.parentCol)
			if len(parent) != cols.parentWidth || !strings.HasPrefix(code, parent) {
				return nil, Invalid(where, "the %s %q does not begin the code %s", cols.parentCol, parent, code)
			}
			reg.Parent = expandRegionCode(parent)
		}
		rows = append(rows, divisionRow{region: reg, where: where})
	}
}

// expandRegionCode pads a 2-, 4- or 6-digit division code with zeros to six
// digits.
func expandRegionCode(code string) string { return code + strings.Repeat("0", 6-len(code)) }

// csvError turns a CSV syntax error into a CodeInvalid error naming the
// table and line, and a failure to read into CodeInternal.
func csvError(table string, line int, err error) error {
	if errors.Is(err, io.EOF) {
		return Invalid(fmt.Sprintf("%s:%d", table, line), "the %s table is empty", table)
	}
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return Wrap(CodeInternal, err, "reading the %s table", table)
	}
	return &Error{Code: CodeInvalid, Field: fmt.Sprintf("%s:%d", table, pe.Line), Message: "not a readable CSV row", Err: err}
}
