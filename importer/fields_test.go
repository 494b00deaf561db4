package importer

import (
	"strings"
	"testing"
)

func TestHeadingVariantsOfLandOfficesAreRecognised(t *testing.T) {
	tests := []struct{ name, heading, field string }{
		{"a trailing full-width colon", "电子监管号：", fENumber},
		{"a trailing ASCII colon and spaces", " 项目名称: ", fProject},
		{"no-break spaces around the label", "\u00A0面积(公顷)\u00A0", fArea},
		{"an ideographic space before the label", "\u3000供地方式", fMethod},
		{"full-width brackets", "成交价格（万元）", fPrice},
		{"a descriptive English label", "Electronic supervision number", fENumber},
		{"an English date label with a colon", "Contract signing date:", fContractDate},
		{"an English label with underscores", "agreed_commencement_date", fAgreedStart},
		{"an English label with a unit in brackets", "Area (ha)", fArea},
		{"an English price with its unit", "Transaction price (10,000 yuan)", fPrice},
		{"所在地 for the location", "所在地", fLocation},
		{"容积率上限 without 约定", "容积率上限", fPlotMax},
		{"容积率下限 without 约定", "容积率下限", fPlotMin},
		{"an unknown label", "备注", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := supplyFieldOf(tt.heading); got != tt.field {
				t.Errorf("supplyFieldOf(%q) = %q, want %q", tt.heading, got, tt.field)
			}
		})
	}
}

func TestAnUnknownColumnIsWarnedAboutWithTheClosestKnownLabel(t *testing.T) {
	text := "电子监管号,项目名称,电子监管编号,供地方试,备注\n" +
		"1306262018B00730,康城,x,挂牌出让,无\n"
	b := parseSupplyCSVText("a.csv", text)
	want := map[string]string{
		"电子监管编号": `the closest known label is "电子监管号" (e_number)`,
		"供地方试":   `the closest known label is "供地方式" (method)`,
		"备注":     "no known label is close",
	}
	for _, w := range b.Warnings {
		if s, ok := want[w.Field]; ok {
			if !strings.Contains(w.Message, s) || w.Line != 1 {
				t.Errorf("warning about %s at line %d: %q, want it to say %q", w.Field, w.Line, w.Message, s)
			}
			delete(want, w.Field)
		}
	}
	for f := range want {
		t.Errorf("no warning about the column %q (warnings %+v)", f, b.Warnings)
	}
}

func TestACSVWithColonsAndEnglishLabelsReadsItsRow(t *testing.T) {
	text := "Electronic supervision number:,所在地：,Area (ha),Land use,Supply method,容积率下限,容积率上限,Contract signing date\n" +
		"1306262018B00730,开放西路北侧,5.292804,其他普通商品住房用地,挂牌出让,1.0,2.0,2018年12月31日\n"
	b := parseSupplyCSVText("a.csv", text)
	if len(b.Rejected) != 0 || len(b.Supplies) != 1 {
		t.Fatalf("%d supplies, rejected %+v", len(b.Supplies), b.Rejected)
	}
	s := b.Supplies[0].Supply
	if s.ENumber != "1306262018B00730" || s.Location != "开放西路北侧" || s.AreaHa != 5.292804 ||
		s.PlotRatioMin == nil || *s.PlotRatioMin != 1 || s.PlotRatioMax == nil || *s.PlotRatioMax != 2 || s.ContractDate.IsZero() {
		t.Errorf("supply %+v", s)
	}
	for _, w := range b.Warnings {
		if strings.Contains(w.Message, "unknown column") {
			t.Errorf("warning %+v", w)
		}
	}
}
