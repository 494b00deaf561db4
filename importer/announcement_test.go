package importer

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"landwatch/importer/importtest"
	"landwatch/land"
)

// A table of announced lots (landchina's headings, one row a lot) is told
// by its 公告编号 column; each good row is one lot with its announcement's
// fields, ranges of planning indicators read as bounds; a row whose area
// is not a number is rejected on its line naming area_ha.
func TestAnnouncedLotsAreReadFromCSV(t *testing.T) {
	data, err := os.ReadFile("testdata/announcement/出让公告.csv")
	if err != nil {
		t.Fatal(err)
	}
	b, format, err := ParseWith("出让公告.csv", bytes.NewReader(data), Options{})
	if err != nil || format != FormatAnnouncementCSV {
		t.Fatalf("format %q, %v", format, err)
	}
	if len(b.Announcements) != 3 || len(b.Rejected) != 1 {
		t.Fatalf("rows %+v, rejected %+v", b.Announcements, b.Rejected)
	}
	if x := b.Rejected[0]; x.Line != 4 || x.Field != "area_ha" || x.Record != "定自然资告字〔2026〕4号" {
		t.Errorf("rejection %+v: want line 4, area_ha", x)
	}
	first := b.Announcements[0].Announcement
	l := first.Lots[0]
	if first.Method != land.SaleListing || first.BiddingStart != land.NewDate(2026, 1, 26) || l.Number != "DX2026-11" ||
		*l.PlotRatioMin != 1 || *l.PlotRatioMax != 2.5 || *l.BuildingDensityMax != 30 || *l.GreenRatioMin != 35 || *l.DepositWan != 720 {
		t.Errorf("first row read as %+v, lot %+v", first, l)
	}
	if l2 := b.Announcements[1].Announcement.Lots[0]; l2.PlotRatioMin == nil || *l2.PlotRatioMin != 1 || l2.PlotRatioMax != nil || *l2.GreenRatioMin != 15 {
		t.Errorf("≥1.0 and ≤15%% read as %+v", l2)
	}
}

// A table of deals is told from announced lots by its 竞得人 column; 公示期
// is a window in one cell.
func TestDealsAreReadFromCSVAndWorkbooks(t *testing.T) {
	text := "公告编号,宗地编号,竞得人,成交价(万元),成交时间,公示期\n" +
		"定自然资告字〔2026〕3号,DX2026-11,保定某置业有限公司,4100,2026-02-05,2026-02-06至2026-02-16\n" +
		"定自然资告字〔2026〕3号,DX2026-12,某机械有限公司,面议,2026-02-05,2026-02-06至2026-02-16\n"
	b, format, err := ParseWith("成交公示.csv", strings.NewReader(text), Options{})
	if err != nil || format != FormatDealCSV {
		t.Fatalf("format %q, %v", format, err)
	}
	if len(b.Deals) != 1 || len(b.Rejected) != 1 || b.Rejected[0].Line != 3 || b.Rejected[0].Field != "price_wan" {
		t.Fatalf("deals %+v, rejected %+v", b.Deals, b.Rejected)
	}
	if d := b.Deals[0].Deal; d.PublicityStart != land.NewDate(2026, 2, 6) || d.PublicityEnd != land.NewDate(2026, 2, 16) || d.PriceWan != 4100 {
		t.Errorf("deal read as %+v", d)
	}

	data := importtest.Workbook(t, importtest.Sheet{Name: "出让公告", Rows: [][]any{
		{"公告编号", "行政区代码", "出让方式", "公告日期", "挂牌开始时间", "宗地编号", "出让面积(公顷)", "土地用途"},
		{"定自然资告字〔2026〕6号", "130626", "挂牌", time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC), "DX2026-21", 1.5, "0701"},
	}})
	b, format, err = ParseWith("出让公告.xlsx", bytes.NewReader(data), Options{})
	if err != nil || format != FormatAnnouncementXLSX || len(b.Announcements) != 1 || len(b.Rejected) != 0 {
		t.Fatalf("format %q, %v, %+v", format, err, b)
	}
	if a := b.Announcements[0].Announcement; a.AnnouncedOn != land.NewDate(2026, 3, 2) || a.BiddingStart != land.NewDate(2026, 3, 23) {
		t.Errorf("workbook row read as %+v", a)
	}
}

func TestParseBounds(t *testing.T) {
	for _, tt := range []struct {
		in     string
		lo, hi float64 // -1: none
	}{{"1.0-2.5", 1, 2.5}, {"1.0<容积率≤2.5", 1, 2.5}, {"≤2.5", -1, 2.5}, {"2.5", -1, 2.5}, {"≥1.0", 1, -1}, {"不小于35%", 35, -1}} {
		lo, hi, err := parseBounds(tt.in)
		get := func(p *float64) float64 {
			if p == nil {
				return -1
			}
			return *p
		}
		if err != nil || get(lo) != tt.lo || get(hi) != tt.hi {
			t.Errorf("%q: %v, %v, %v; want %v, %v", tt.in, get(lo), get(hi), err, tt.lo, tt.hi)
		}
	}
	if _, _, err := parseBounds("高"); err == nil {
		t.Error("a range without a number is read")
	}
}
