package importer

import (
	"bytes"
	"os"
	"testing"
	"time"

	"landwatch/importer/importtest"
	"landwatch/land"
)

// A province's table of supply plans as a CSV file (UTF-8 with a byte
// order mark, CRLF, a full-width bracketed unit, a county written as its
// name with its code, a Chinese date, blank classes, a total column) is
// told by its 年度 and class columns; a row with a bad year and a bad area
// is rejected on its line naming each field, and the good rows are kept.
func TestAPlanCSVIsReadByItsHeader(t *testing.T) {
	data, err := os.ReadFile("testdata/plan/供地计划.csv")
	if err != nil {
		t.Fatal(err)
	}
	b, format, err := ParseWith("供地计划.csv", bytes.NewReader(data), Options{})
	if err != nil || format != FormatPlanCSV {
		t.Fatalf("format %q, %v; want %q", format, err, FormatPlanCSV)
	}
	if len(b.Supplies) != 0 || len(b.Reserves) != 0 || len(b.Plans) != 2 {
		t.Fatalf("plans %+v, rejected %+v", b.Plans, b.Rejected)
	}
	p := b.Plans[0]
	if p.Line != 2 || p.Plan.RegionCode != "130626" || p.Plan.Year != 2026 || p.Plan.DocNumber != "定政〔2026〕3号" ||
		p.Plan.PublishedOn != land.NewDate(2026, 2, 5) || p.Plan.CommerceHa != 12.5 || p.Plan.HousingHa != 20 ||
		p.Plan.ShantyHa != 2 || p.Plan.SpecialHa != 0.5 {
		t.Errorf("line 2 read as %+v", p)
	}
	if p := b.Plans[1].Plan; p.Year != 2026 || p.IndustryHa != 0 || p.HousingHa != 10 {
		t.Errorf("line 3 read as %+v", p)
	}
	want := map[string]bool{pYear: true, "commerce_ha": true}
	for _, x := range b.Rejected {
		if x.Line != 4 || !want[x.Field] {
			t.Errorf("unexpected rejection %+v", x)
		}
		delete(want, x.Field)
	}
	if len(want) != 0 {
		t.Errorf("no rejection of %v on line 4: %+v", want, b.Rejected)
	}
	if len(b.Tables) != 1 || len(b.Tables[0].Read) != 16 || len(b.Tables[0].Ignored) != 1 {
		t.Errorf("tables %+v: want sixteen columns read and the total ignored", b.Tables)
	}
}

// A workbook of plans with a title above its header and a date cell reads
// as the CSV does.
func TestAPlanWorkbookReadsItsDateCells(t *testing.T) {
	data := importtest.Workbook(t, importtest.Sheet{Name: "供地计划", Rows: [][]any{
		{"保定市2026年度国有建设用地供应计划汇总表(单位:公顷)"},
		{"行政区", "年度", "文号", "发布日期", "商服用地(公顷)", "工矿仓储用地(公顷)", "住宅用地(公顷)", "保障性住房用地"},
		{"130626", 2026, "定政〔2026〕3号", time.Date(2026, 2, 5, 0, 0, 0, 0, time.UTC), 12.5, 30.0, 20.0, 4.0},
		{"130627", 2026, "唐政〔2026〕7号", time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC), 5.0, 2.0, 3.0, -1.0},
	}})
	b, format, err := ParseWith("供地计划.xlsx", bytes.NewReader(data), Options{})
	if err != nil || format != FormatPlanXLSX {
		t.Fatalf("format %q, %v", format, err)
	}
	if len(b.Plans) != 1 || len(b.Rejected) != 1 || b.Rejected[0].Line != 4 || b.Rejected[0].Field != "affordable_ha" {
		t.Fatalf("plans %+v, rejected %+v", b.Plans, b.Rejected)
	}
	if p := b.Plans[0]; p.File != "供地计划.xlsx!供地计划" || p.Line != 3 || p.Plan.PublishedOn != land.NewDate(2026, 2, 5) || p.Plan.AffordableHa != 4 {
		t.Errorf("read %+v", p)
	}
}

func TestAPlanHeaderNamesTheYearAndAClass(t *testing.T) {
	for _, tt := range []struct {
		line string
		want *tableKind
	}{
		{"行政区代码,年度,住宅用地", planKind},
		{"行政区,年度,文号", nil},
		{"电子监管号,年度,住宅用地", supplyKind},
	} {
		if got := headerKind(tt.line); got != tt.want {
			t.Errorf("%q: got %p, want %p", tt.line, got, tt.want)
		}
	}
}
