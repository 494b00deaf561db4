package importer

import (
	"bytes"
	"encoding/csv"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"landwatch/land"
)

const referenceCSV = "../reference/landchina/supply_results_2018-12.csv"

// referenceRows returns the rows of the 203 published supply results, the
// header first.
func referenceRows(t *testing.T) [][]string {
	t.Helper()
	raw, err := os.ReadFile(referenceCSV)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// workbook writes sheets of rows (each a name and its rows) as an .xlsx.
// Cells are strings unless the row holds another type.
func workbook(t *testing.T, sheets ...sheetRows) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			if row == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
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

type sheetRows struct {
	name string
	rows [][]any // nil for an empty row
}

// typedCells writes a CSV row the way a clerk's sheet holds it: areas and
// prices as numbers, the contract date as a date cell.
func typedCells(t *testing.T, header, row []string) []any {
	out := make([]any, len(row))
	for i, v := range row {
		out[i] = v
		switch supplyFieldOf(header[i]) {
		case fArea, fPrice:
			if x, err := strconv.ParseFloat(v, 64); err == nil {
				out[i] = x
			}
		case fContractDate:
			if d, err := land.ParseDate(v); err == nil && !d.IsZero() {
				out[i] = d.Time()
			}
		}
	}
	return out
}

func TestAWorkbookOfThe203ReferenceResultsReadsAsTheCSVDoes(t *testing.T) {
	rows := referenceRows(t)
	header := rows[0]
	// A title above the header, as land offices write, and a sheet of notes.
	sheet := [][]any{{"2018年12月供地结果"}, toAny(header)}
	for _, r := range rows[1:] {
		sheet = append(sheet, typedCells(t, header, r))
	}
	data := workbook(t,
		sheetRows{"供地结果", sheet},
		sheetRows{"说明", [][]any{{"数据来源：中国土地市场网"}}},
	)

	got, err := Parse("供地.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(referenceCSV)
	want := ParseSupplyCSV("ref.csv", bytes.NewReader(raw))

	if len(got.Rejected) != 0 || len(got.Supplies) != 203 {
		t.Fatalf("%d supplies, %d rejected, the first %+v", len(got.Supplies), len(got.Rejected), got.Rejected[:min(1, len(got.Rejected))])
	}
	byMethod := map[string]int{}
	for _, s := range got.Supplies {
		byMethod[s.Supply.Method]++
	}
	if w := map[string]int{"1": 101, "23": 62, "22": 26, "3": 14}; !reflect.DeepEqual(byMethod, w) {
		t.Errorf("by method %v, want %v", byMethod, w)
	}
	for i, s := range got.Supplies {
		w := want.Supplies[i]
		if !reflect.DeepEqual(s.Supply, w.Supply) || !reflect.DeepEqual(s.Events, w.Events) {
			t.Fatalf("row %d differs from the CSV's:\n got %+v\nwant %+v", s.Line, s.Supply, w.Supply)
		}
	}
	if first := got.Supplies[0]; first.File != "供地.xlsx!供地结果" || first.Line != 3 {
		t.Errorf("first record at %s:%d, want 供地.xlsx!供地结果:3 (sheet and row)", first.File, first.Line)
	}
	notes := 0
	for _, w := range got.Warnings {
		if w.File == "供地.xlsx!说明" && w.Field == "sheet" {
			notes++
		}
	}
	if notes != 1 {
		t.Errorf("the sheet of notes: %d warnings, want 1 saying it was skipped (%+v)", notes, got.Warnings)
	}
}

func TestARejectedWorkbookRowNamesTheSheetAndRow(t *testing.T) {
	data := workbook(t,
		sheetRows{"Sheet1", [][]any{{"电子监管号", "面积(公顷)", "供地方式", "土地用途"}}},
		sheetRows{"第二批", [][]any{
			{"电子监管号", "面积(公顷)", "供地方式", "土地用途"},
			nil, // a blank row still counts in the row numbers
			{"1306262018B00730", "not an area", "挂牌出让", "0701"},
		}},
	)
	b, err := Parse("x.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Rejected) != 1 {
		t.Fatalf("rejections %+v", b.Rejected)
	}
	r := b.Rejected[0]
	if r.File != "x.xlsx!第二批" || r.Line != 3 || r.Record != "1306262018B00730" || r.Field != fArea {
		t.Errorf("rejection %+v, want x.xlsx!第二批 line 3, the record and area_ha", r)
	}
}

func TestAWorkbookWithoutAHeaderRowIsRejected(t *testing.T) {
	data := workbook(t, sheetRows{"Sheet1", [][]any{{"名称", "面积"}, {"a", 1.5}}})
	b, err := Parse("x.xlsx", bytes.NewReader(data))
	if err != nil || len(b.Rejected) != 1 || b.Rejected[0].File != "x.xlsx" || b.Rejected[0].Field != fENumber {
		t.Errorf("error %v, rejections %+v: want one naming the workbook and e_number", err, b.Rejected)
	}
}

func TestALegacyXLSWorkbookIsRejectedAskingForXLSX(t *testing.T) {
	// The first bytes of an OLE2 compound document, as every .xls starts.
	xls := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	b, err := Parse("2018年供地.xls", bytes.NewReader(xls))
	if err != nil {
		t.Fatalf("error %v: want a rejection (the import exits 1), not a failure to read", err)
	}
	if len(b.Rejected) != 1 || b.Rejected[0].File != "2018年供地.xls" || !strings.Contains(b.Rejected[0].Reason, ".xlsx") {
		t.Errorf("rejections %+v: want one naming the file and asking for .xlsx", b.Rejected)
	}
}

func toAny(row []string) []any {
	out := make([]any, len(row))
	for i, v := range row {
		out[i] = v
	}
	return out
}
