package importer

import (
	"bytes"
	"os"
	"testing"
	"time"

	"landwatch/importer/importtest"
	"landwatch/land"
)

// A county's register of reserves as a CSV file (UTF-8 with a byte order
// mark, CRLF, full-width brackets in a heading, the county written as its
// name with its code, a compensation with a thousands separator, a
// placeholder former holder and a Chinese date) is told from supply results
// by its 储备编号 column; each bad field of a row is its own rejection on
// the row's line, and the row is not read at all.
func TestAReserveCSVIsReadByItsHeader(t *testing.T) {
	data, err := os.ReadFile("testdata/reserve/收储.csv")
	if err != nil {
		t.Fatal(err)
	}
	b, format, err := ParseWith("收储.csv", bytes.NewReader(data), Options{})
	if err != nil || format != FormatReserveCSV {
		t.Fatalf("format %q, %v; want %q", format, err, FormatReserveCSV)
	}
	if len(b.Supplies) != 0 || len(b.Reserves) != 2 {
		t.Fatalf("reserves %+v, supplies %+v, rejected %+v", b.Reserves, b.Supplies, b.Rejected)
	}
	r := b.Reserves[0]
	if r.Line != 2 || r.Reserve.Number != "CB130626-2026-11" || r.Reserve.RegionCode != "130626" || r.Reserve.AreaHa != 2.5 ||
		r.Reserve.Acquisition != land.AcquisitionPurchase || r.Reserve.CompensationWan == nil || *r.Reserve.CompensationWan != 1250 ||
		r.Reserve.TakenOn != land.NewDate(2026, 3, 2) || r.Reserve.PlannedUseOriginal != "城镇住宅用地" || r.Reserve.FormerHolder != "定兴县机械厂" {
		t.Errorf("line 2 read as %+v", r)
	}
	if r := b.Reserves[1].Reserve; r.FormerHolder != "" || r.CompensationWan != nil || r.Acquisition != land.AcquisitionRequisition {
		t.Errorf("placeholders kept: %+v", r)
	}
	want := map[string]bool{rRegion: true, rArea: true, rAcquisition: true}
	for _, x := range b.Rejected {
		if x.Line != 4 || x.Record != "CB130626-2026-13" || !want[x.Field] {
			t.Errorf("unexpected rejection %+v", x)
		}
		delete(want, x.Field)
	}
	if len(want) != 0 {
		t.Errorf("no rejection of %v on line 4: %+v", want, b.Rejected)
	}
	if len(b.Tables) != 1 || len(b.Tables[0].Read) != 10 || len(b.Tables[0].Ignored) != 0 || b.Tables[0].Read[3].Field != rArea {
		t.Errorf("tables %+v: want every one of the ten columns read", b.Tables)
	}
}

// A workbook of reserves with a title above its header and a date cell
// reads as the CSV does; a sheet of supply results beside it is read as
// supplies.
func TestAReserveWorkbookReadsItsDateCells(t *testing.T) {
	data := importtest.Workbook(t, importtest.Sheet{Name: "收储台账", Rows: [][]any{
		{"定兴县2026年土地收购储备台账"},
		{"储备编号", "行政区", "位置", "面积(公顷)", "收储方式", "收储日期"},
		{"CB130626-2026-21", "130626", "北河店", 3.0, "收回", time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)},
	}})
	b, format, err := ParseWith("收储.xlsx", bytes.NewReader(data), Options{})
	if err != nil || format != FormatReserveXLSX {
		t.Fatalf("format %q, %v", format, err)
	}
	if len(b.Rejected) != 0 || len(b.Reserves) != 1 {
		t.Fatalf("reserves %+v, rejected %+v", b.Reserves, b.Rejected)
	}
	if r := b.Reserves[0]; r.File != "收储.xlsx!收储台账" || r.Line != 3 || r.Reserve.TakenOn != land.NewDate(2026, 4, 1) || r.Reserve.Acquisition != land.AcquisitionRecovery {
		t.Errorf("read %+v", r)
	}

	both := importtest.Workbook(t,
		importtest.Sheet{Name: "收储", Rows: [][]any{{"储备编号", "行政区", "面积(公顷)", "收储方式", "收储日期"}, {"CB-1", "130626", 1.0, "收购", "2026-04-01"}}},
		importtest.Sheet{Name: "供地", Rows: [][]any{{"电子监管号", "面积(公顷)", "供地方式", "土地用途"}, {"1306262018B00761", 1.5, "挂牌出让", "0701"}}})
	b, format, err = ParseWith("台账.xlsx", bytes.NewReader(both), Options{})
	if err != nil || format != FormatSupplyXLSX || len(b.Reserves) != 1 || len(b.Supplies) != 1 || len(b.Rejected) != 0 {
		t.Fatalf("format %q, %v: reserves %+v supplies %+v rejected %+v", format, err, b.Reserves, b.Supplies, b.Rejected)
	}
}

// A header naming both keys is supply results (a supply may name the
// reserve it came from); one naming neither is no table.
func TestTheHeaderTellsTheKindOfTable(t *testing.T) {
	for _, tt := range []struct {
		line string
		want *tableKind
	}{
		{"储备编号,行政区,面积(公顷)", reserveKind},
		{"储备编号\t行政区\t面积（公顷）", reserveKind},
		{"电子监管号,储备编号,面积(公顷)", supplyKind},
		{"行政区,面积(公顷)", nil},
	} {
		if got := headerKind(tt.line); got != tt.want {
			t.Errorf("%q: got %p, want %p", tt.line, got, tt.want)
		}
	}
}
