package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"landwatch/land"
)

// The header of the published supply results and one good row of it.
const (
	csvHeader = "行政区,电子监管号,项目名称,项目位置,面积(公顷),土地来源,土地用途,供地方式,土地使用年限,行业分类,土地级别," +
		"成交价格(万元),土地使用权人,约定容积率下限,约定容积率上限,约定交地时间,约定开工时间,约定竣工时间,实际开工时间," +
		"实际竣工时间,批准单位,合同签订日期,分期支付约定"
	csvGoodRow = "定兴县,1306262018B00730,河北康城房地产开发有限公司,定兴县开放西路北侧、兴达街东侧,5.292804," +
		"新增建设用地(来自存量库),其他普通商品住房用地,挂牌出让,50,房地产业,十二级,10484.0000,河北康城房地产开发有限公司," +
		"1.00,2.00,2018年12月31日,2019年12月21日,2022年12月21日,,,定兴县人民政府,2018年12月31日,1|2019年01月30日|10484.0000"
)

// rowWith returns csvGoodRow with the column labelled label set to value.
func rowWith(label, value string) string {
	labels := strings.Split(csvHeader, ",")
	cells := strings.Split(csvGoodRow, ",")
	for i, l := range labels {
		if l == label {
			cells[i] = value
		}
	}
	return strings.Join(cells, ",")
}

func parseCSVText(text string) land.Batch { return ParseSupplyCSV("t.csv", strings.NewReader(text)) }

func TestTheReferenceCSVParsesWithoutRejections(t *testing.T) {
	b := parseFile(t, "../reference/landchina/supply_results_2018-12.csv", func(n string, f *os.File) land.Batch { return ParseSupplyCSV(n, f) })
	if len(b.Rejected) != 0 {
		t.Fatalf("%d rejections, first %+v", len(b.Rejected), b.Rejected[0])
	}
	if len(b.Supplies) != 203 {
		t.Fatalf("%d supplies, want 203", len(b.Supplies))
	}
	methods := map[string]int{}
	for i, s := range b.Supplies {
		if s.Line != i+2 {
			t.Errorf("supply %d at line %d, want %d", i, s.Line, i+2)
		}
		methods[s.Supply.Method]++
		if s.Supply.LandUseCode == "" || s.Supply.Kind == "" {
			t.Errorf("line %d: land use code %q, kind %q", s.Line, s.Supply.LandUseCode, s.Supply.Kind)
		}
	}
	want := map[string]int{land.MethodAllocation: 101, land.MethodListing: 62, land.MethodAuction: 26, land.MethodAgreement: 14}
	for m, n := range want {
		if methods[m] != n {
			t.Errorf("method %s: %d supplies, want %d", m, methods[m], n)
		}
	}
	mislabelled := 0
	for _, w := range b.Warnings {
		if w.Field == "source_text" {
			mislabelled++
		}
	}
	if mislabelled != 166 {
		t.Errorf("%d warnings on 土地来源, want 166 (every 新增建设用地(来自存量库))", mislabelled)
	}
}

func TestEveryColumnOfASupplyRowIsRead(t *testing.T) {
	b := parseCSVText(csvHeader + "\n" + rowWith("实际开工时间", "2019/3/1") + "\n")
	if len(b.Rejected) != 0 || len(b.Supplies) != 1 {
		t.Fatalf("rejections %+v", b.Rejected)
	}
	r := b.Supplies[0]
	s := r.Supply
	checks := []struct {
		name string
		ok   bool
	}{
		{"the line is the physical line", r.Line == 2 && r.File == "t.csv"},
		{"texts are kept", s.DistrictName == "定兴县" && s.ProjectName == "河北康城房地产开发有限公司" &&
			s.Location == "定兴县开放西路北侧、兴达街东侧" && s.Industry == "房地产业" && s.LandGrade == "十二级" &&
			s.Holder == "河北康城房地产开发有限公司" && s.ApprovedBy == "定兴县人民政府"},
		{"the e-supervision number is read", s.ENumber == "1306262018B00730"},
		{"the area is read", s.AreaHa == 5.292804},
		{"the mislabelled source is kept as text without a number", s.SourceText == mislabelledSource && s.ExistingConstructionHa == nil},
		{"the old land use is kept and mapped", s.LandUseOriginal == "其他普通商品住房用地" && s.LandUseCode == "0701"},
		{"the method name becomes its code and kind", s.Method == land.MethodListing && s.Kind == land.KindTransfer},
		{"a plain term gives years", s.TermText == "50" && s.TermYears != nil && *s.TermYears == 50},
		{"price and plot ratios are read", s.PriceWan != nil && *s.PriceWan == 10484 &&
			s.PlotRatioMin != nil && *s.PlotRatioMin == 1 && s.PlotRatioMax != nil && *s.PlotRatioMax == 2},
		{"agreed dates are read", s.AgreedDelivery == land.NewDate(2018, 12, 31) &&
			s.AgreedStart == land.NewDate(2019, 12, 21) && s.AgreedCompletion == land.NewDate(2022, 12, 21)},
		{"the contract date is read", s.ContractDate == land.NewDate(2018, 12, 31)},
		{"the instalment is read", len(s.Installments) == 1 && s.Installments[0] ==
			land.Installment{Period: 1, DueOn: land.NewDate(2019, 1, 30), AmountWan: 10484}},
		{"the actual start is an imported event", len(r.Events) == 1 && r.Events[0].Kind == land.EventStart &&
			r.Events[0].OccurredOn == land.NewDate(2019, 3, 1) && r.Events[0].Imported && r.Events[0].RecordedBy == "import"},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if !c.ok {
				t.Errorf("supply %+v, events %+v", s, r.Events)
			}
		})
	}
}

func TestOptionalSupplyColumnsAreReadOnlyWhatTheySay(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	n := func(x int) *int { return &x }
	tests := []struct {
		name, label, value string
		check              func(land.SupplyRecord) bool
	}{
		{"an empty price stays unknown", "成交价格(万元)", "", func(r land.SupplyRecord) bool { return r.Supply.PriceWan == nil }},
		{"an empty term for 划拨 gives no years", "土地使用年限", "", func(r land.SupplyRecord) bool { return r.Supply.TermYears == nil }},
		{"a term of 0 gives no years", "土地使用年限", "0", func(r land.SupplyRecord) bool { return r.Supply.TermYears == nil && r.Supply.TermText == "0" }},
		{"a term in 年 gives years", "土地使用年限", "70年", func(r land.SupplyRecord) bool { return *r.Supply.TermYears == *n(70) }},
		{"a per-use term is kept as text", "土地使用年限", "其他普通商品住房用地70年; 其他商服用地40年;", func(r land.SupplyRecord) bool {
			return r.Supply.TermYears == nil && r.Supply.TermText == "其他普通商品住房用地70年; 其他商服用地40年;"
		}},
		{"a numeric 土地来源 is the existing construction area", "土地来源", "1.5", func(r land.SupplyRecord) bool {
			return *r.Supply.ExistingConstructionHa == *f(1.5)
		}},
		{"现有建设用地 is kept as text with no number invented", "土地来源", "现有建设用地", func(r land.SupplyRecord) bool {
			return r.Supply.ExistingConstructionHa == nil && r.Supply.SourceText == "现有建设用地"
		}},
		{"several instalments are read in order", "分期支付约定", "1|2019年01月30日|100; 2|2019-06-30|200.5;", func(r land.SupplyRecord) bool {
			i := r.Supply.Installments
			return len(i) == 2 && i[1] == land.Installment{Period: 2, DueOn: land.NewDate(2019, 6, 30), AmountWan: 200.5}
		}},
		{"a current land-use code is accepted", "土地用途", "0601", func(r land.SupplyRecord) bool { return r.Supply.LandUseCode == "0601" }},
		{"a method code is accepted", "供地方式", "22", func(r land.SupplyRecord) bool { return r.Supply.Method == land.MethodAuction }},
		{"a 1900-01-01 date means none", "约定交地时间", "1900-01-01", func(r land.SupplyRecord) bool { return r.Supply.AgreedDelivery.IsZero() }},
		{"an actual completion is an imported event", "实际竣工时间", "2021年5月6日", func(r land.SupplyRecord) bool {
			return len(r.Events) == 1 && r.Events[0].Kind == land.EventCompletion && r.Events[0].Imported
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := parseCSVText(csvHeader + "\n" + rowWith(tt.label, tt.value) + "\n")
			if len(b.Rejected) != 0 || len(b.Supplies) != 1 {
				t.Fatalf("rejections %+v", b.Rejected)
			}
			if !tt.check(b.Supplies[0]) {
				t.Errorf("supply %+v", b.Supplies[0].Supply)
			}
		})
	}
}

func TestBadSupplyRowsAreRejectedByFieldAndLine(t *testing.T) {
	tests := []struct {
		name, label, value, field string
	}{
		{"a non-numeric area", "面积(公顷)", "五公顷", "area_ha"},
		{"a zero area", "面积(公顷)", "0", "area_ha"},
		{"a malformed e-supervision number", "电子监管号", "13062620B00730", "e_number"},
		{"a missing e-supervision number", "电子监管号", "", "e_number"},
		{"an unknown land use", "土地用途", "月球用地", "land_use"},
		{"an unknown supply method", "供地方式", "抽签", "method"},
		{"an impossible contract date", "合同签订日期", "2018年13月31日", "contract_date"},
		{"an unreadable agreed start", "约定开工时间", "明年", "agreed_start"},
		{"an unreadable actual start", "实际开工时间", "2019-02-30", "actual_start"},
		{"a negative price", "成交价格(万元)", "-5", "price_wan"},
		{"a plot ratio that is not a number", "约定容积率上限", "NaN", "plot_ratio_max"},
		{"an instalment without an amount", "分期支付约定", "1|2019年01月30日", "installments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A good row at line 2, the bad one at line 3, a good one at line 4.
			text := csvHeader + "\n" + csvGoodRow + "\n" + rowWith(tt.label, tt.value) + "\n" + csvGoodRow + "\n"
			b := parseCSVText(text)
			if len(b.Supplies) != 2 || b.Supplies[0].Line != 2 || b.Supplies[1].Line != 4 {
				t.Errorf("supplies %+v, want lines 2 and 4", b.Supplies)
			}
			if len(b.Rejected) != 1 {
				t.Fatalf("rejections %+v, want one", b.Rejected)
			}
			if r := b.Rejected[0]; r.File != "t.csv" || r.Line != 3 || r.Field != tt.field || r.Reason == "" {
				t.Errorf("rejection %+v, want line 3, field %s", r, tt.field)
			}
		})
	}
}

func TestEveryBadFieldOfARowIsReported(t *testing.T) {
	row := rowWith("面积(公顷)", "x")
	row = strings.Replace(row, "2018年12月31日,2019年12月21日", "2018年12月31日,zz", 1)
	b := parseCSVText(csvHeader + "\n" + row + "\n")
	var fields []string
	for _, r := range b.Rejected {
		fields = append(fields, r.Field)
		if r.Record != "1306262018B00730" || r.Line != 2 {
			t.Errorf("rejection %+v", r)
		}
	}
	if strings.Join(fields, ",") != "area_ha,agreed_start" {
		t.Errorf("rejected fields %v, want area_ha and agreed_start", fields)
	}
}

func TestLineNumbersCountTheLinesInsideQuotedFields(t *testing.T) {
	quoted := rowWith("项目名称", "\"第一行\n第二行\"")
	text := csvHeader + "\n" + quoted + "\n" + "\n" + rowWith("面积(公顷)", "bad") + "\n"
	b := parseCSVText(text)
	if len(b.Supplies) != 1 || b.Supplies[0].Line != 2 || b.Supplies[0].Supply.ProjectName != "第一行\n第二行" {
		t.Fatalf("supplies %+v", b.Supplies)
	}
	if len(b.Rejected) != 1 || b.Rejected[0].Line != 5 {
		t.Errorf("rejections %+v, want one at line 5 (after a two-line row and a blank line)", b.Rejected)
	}
}

func TestCSVEncodingsAndHeadings(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(csvHeader + "\r\n" + csvGoodRow + "\r\n")
	if err != nil {
		t.Fatal(err)
	}
	english := "district,idnumber,name,location,area,source,use,supply,duration,industry,grade,price,holder," +
		"plot_ratio_minimum,plot_ratio_maximum,time4handover_plan,time4commencement_plan,time4completion_plan," +
		"time4commencement_reality,time4completion_reality,approvedby,date4sign,paid_plan"
	tags := "district_name,e_number,project_name,location,area_ha,source_text,land_use_original,method,term_text,industry," +
		"land_grade,price_wan,holder,plot_ratio_min,plot_ratio_max,agreed_delivery,agreed_start,agreed_completion," +
		"actual_start,actual_completion,approved_by,contract_date,installments"
	tests := []struct{ name, text string }{
		{"UTF-8 with a byte order mark and CRLF", "\uFEFF" + csvHeader + "\r\n" + csvGoodRow + "\r\n"},
		{"GBK", gbk},
		{"full-width brackets in a heading", strings.Replace(csvHeader, "面积(公顷)", "面积（公顷）", 1) + "\n" + csvGoodRow},
		{"the landchina JSON keys as headings", english + "\n" + csvGoodRow},
		{"the JSON keys of land.Supply as headings", tags + "\n" + csvGoodRow},
		{"tabs between fields", strings.ReplaceAll(csvHeader+"\n"+csvGoodRow, ",", "\t")},
	}
	want := parseCSVText(csvHeader + "\n" + csvGoodRow).Supplies[0].Supply
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := parseCSVText(tt.text)
			if len(b.Rejected) != 0 || len(b.Supplies) != 1 {
				t.Fatalf("rejections %+v", b.Rejected)
			}
			got := b.Supplies[0].Supply
			if got.ENumber != want.ENumber || got.AreaHa != want.AreaHa || got.ProjectName != want.ProjectName ||
				got.ContractDate != want.ContractDate || len(got.Installments) != 1 || got.Method != want.Method {
				t.Errorf("got %+v", got)
			}
		})
	}
}

func TestCSVFilesThatCannotBeReadSayWhy(t *testing.T) {
	tests := []struct {
		name, text  string
		line        int
		field       string
		withRecords int
	}{
		{"an empty file", "", 1, "header", 0},
		{"a header without the e-supervision number", "行政区,项目名称\n定兴县,x\n", 1, "e_number", 0},
		{"a row with too few fields", csvHeader + "\n定兴县,1306262018B00730\n" + csvGoodRow + "\n", 2, "row", 1},
		{"a row with a stray quote", csvHeader + "\n" + rowWith("项目名称", "a\"b") + "\n" + csvGoodRow + "\n", 2, "row", 1},
		{"a binary file", "\x00\x01\x02", 0, "file", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := parseCSVText(tt.text)
			if len(b.Rejected) != 1 || b.Rejected[0].Line != tt.line || b.Rejected[0].Field != tt.field {
				t.Errorf("rejections %+v, want one at line %d, field %s", b.Rejected, tt.line, tt.field)
			}
			if len(b.Supplies) != tt.withRecords {
				t.Errorf("%d supplies, want %d", len(b.Supplies), tt.withRecords)
			}
		})
	}
}

func TestUnknownColumnsAreWarnedAboutOnce(t *testing.T) {
	b := parseCSVText(csvHeader + ",备注\n" + csvGoodRow + ",x\n" + csvGoodRow + ",y\n")
	var unknown []land.Warning
	for _, w := range b.Warnings {
		if w.Field == "备注" {
			unknown = append(unknown, w)
		}
	}
	if len(b.Supplies) != 2 || len(unknown) != 1 || unknown[0].Line != 1 {
		t.Errorf("supplies %d, warnings %+v", len(b.Supplies), unknown)
	}
}

func TestAHeaderShiftedByOneColumnIsPlacedByItsValues(t *testing.T) {
	for _, tt := range []struct{ file, numbers, says string }{
		{"unlabelled_row_numbers.csv", "1306262018B00741 1306262018B00742", "one column right"},
		{"header_cell_too_many.csv", "1306262018B00751 1306262018B00752", "one column left"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "supply", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			b := ParseSupplyCSV(tt.file, f)
			if len(b.Rejected) != 0 || len(b.Supplies) != 2 {
				t.Fatalf("%d supplies, rejected %+v; want both rows read", len(b.Supplies), b.Rejected)
			}
			var numbers []string
			for _, s := range b.Supplies {
				numbers = append(numbers, s.Supply.ENumber)
				if s.Supply.DistrictName != "定兴县" || s.Supply.AreaHa != 5.292804 || s.Supply.ContractDate != land.NewDate(2018, 12, 31) {
					t.Errorf("line %d read as %s %q %v %v: the values are not under their labels",
						s.Line, s.Supply.ENumber, s.Supply.DistrictName, s.Supply.AreaHa, s.Supply.ContractDate)
				}
			}
			if strings.Join(numbers, " ") != tt.numbers {
				t.Errorf("numbers %v, want %s", numbers, tt.numbers)
			}
			shifted := 0
			for _, w := range b.Warnings {
				if w.Field == "header" && w.Line == 1 && strings.Contains(w.Message, tt.says) {
					shifted++
				}
			}
			if shifted != 1 {
				t.Errorf("warnings %+v; want one saying the labels were read %s", b.Warnings, tt.says)
			}
		})
	}
}

func TestAHeaderOverItsValuesIsNotShiftedByARowWithoutANumber(t *testing.T) {
	b := parseCSVText(csvHeader + "\n" + strings.Replace(csvGoodRow, "1306262018B00730", "", 1) + "\n" + csvGoodRow + "\n")
	if len(b.Supplies) != 1 || b.Supplies[0].Supply.ENumber != "1306262018B00730" || len(b.Rejected) != 1 || b.Rejected[0].Line != 2 {
		t.Errorf("supplies %+v, rejected %+v; want line 2 rejected for its missing number and line 3 read", b.Supplies, b.Rejected)
	}
}
