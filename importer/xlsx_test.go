package importer

import (
	"bytes"
	"io/fs"
	"landwatch/importer/importtest"
	"landwatch/land"
	"landwatch/reference"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestAWorkbookOfThe203ReferenceResultsReadsAsTheCSVDoes(t *testing.T) {
	// A title above the header, as land offices write, and a sheet of notes.
	data := importtest.ReferenceWorkbook(t)

	got, err := Parse("供地.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := fs.ReadFile(reference.FS, importtest.ReferenceFile)
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
	data := importtest.Workbook(t,
		importtest.Sheet{Name: "Sheet1", Rows: [][]any{{"电子监管号", "面积(公顷)", "供地方式", "土地用途"}}},
		importtest.Sheet{Name: "第二批", Rows: [][]any{
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
	data := importtest.Workbook(t, importtest.Sheet{Name: "Sheet1", Rows: [][]any{{"名称", "面积"}, {"a", 1.5}}})
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

func TestASheetWithAnUnlabelledRowNumberColumnReadsItsDateCells(t *testing.T) {
	contract := time.Date(2018, 12, 31, 0, 0, 0, 0, time.UTC)
	data := importtest.Workbook(t, importtest.Sheet{Name: "供地结果", Rows: [][]any{
		{"电子监管号", "面积(公顷)", "供地方式", "土地用途", "合同签订日期"},
		{1.0, "1306262018B00761", 1.5, "挂牌出让", "0701", contract},
	}})
	b, err := Parse("x.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Rejected) != 0 || len(b.Supplies) != 1 {
		t.Fatalf("supplies %+v, rejected %+v", b.Supplies, b.Rejected)
	}
	if s := b.Supplies[0].Supply; s.ENumber != "1306262018B00761" || s.AreaHa != 1.5 || s.ContractDate != land.NewDate(2018, 12, 31) {
		t.Errorf("read %s %v %v; want the values under their labels, the date cell as a date", s.ENumber, s.AreaHa, s.ContractDate)
	}
}
