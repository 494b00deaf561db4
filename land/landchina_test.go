package land

import (
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"
)

// landchinaRows reads the 203 published supply results of December 2018,
// one map of column label to cell per row.
func landchinaRows(t *testing.T) []map[string]string {
	t.Helper()
	f, err := os.Open("../reference/landchina/supply_results_2018-12.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, label := range recs[0] {
			row[label] = rec[i]
		}
		rows = append(rows, row)
	}
	if len(rows) != 203 {
		t.Fatalf("read %d rows, want 203", len(rows))
	}
	return rows
}

func TestLandchinaCodesAllMap(t *testing.T) {
	rows := landchinaRows(t)
	perMethod := map[string]int{}
	perUse := map[string]int{}
	for i, row := range rows {
		code, err := ParseMethod(row["供地方式"])
		if err != nil {
			t.Errorf("row %d: method %q: %v", i+2, row["供地方式"], err)
		}
		perMethod[MethodName(code)]++
		use, err := MapLandUse(row["土地用途"])
		if err != nil {
			t.Errorf("row %d: land use %q: %v", i+2, row["土地用途"], err)
		}
		perUse[use]++
	}
	for _, tt := range []struct {
		method string
		want   int
	}{{"划拨", 101}, {"挂牌出让", 62}, {"拍卖出让", 26}, {"协议出让", 14}} {
		t.Run("the file has the expected number of "+tt.method, func(t *testing.T) {
			if perMethod[tt.method] != tt.want {
				t.Errorf("%s: %d rows, want %d", tt.method, perMethod[tt.method], tt.want)
			}
		})
	}
	for _, tt := range []struct {
		name string
		code string
		want int
	}{
		{"the four kinds of urban housing all map to 0701", "0701", 30 + 14 + 5 + 1},
		{"industrial land by old name or new code maps to 0601", "0601", 35 + 1},
		{"public facilities map to 0809", "0809", 42},
		{"the first-level label 住宅用地 maps to 07", "07", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if perUse[tt.code] != tt.want {
				t.Errorf("%s: %d rows, want %d", tt.code, perUse[tt.code], tt.want)
			}
		})
	}
}

func TestLandchinaENumbersAllParse(t *testing.T) {
	for i, row := range landchinaRows(t) {
		s := row["电子监管号"]
		n, err := ParseENumber(s)
		if err != nil {
			t.Errorf("row %d: %v", i+2, err)
			continue
		}
		if n.String() != s {
			t.Errorf("row %d: %q prints back as %q", i+2, s, n.String())
		}
		if (n.Type == 'A') != (row["供地方式"] == "划拨") {
			t.Errorf("row %d: type letter %c with method %s", i+2, n.Type, row["供地方式"])
		}
	}
}

// TestLandchinaRowsNormalize normalizes every published row against the
// division table: none is refused, and the warnings are the known ones —
// 15 numbers from merged counties, one split record with an older year, and
// five plot ratio maxima written as 0.
func TestLandchinaRowsNormalize(t *testing.T) {
	regions := loadTestRegions(t)
	perField := map[string]int{}
	for i, row := range landchinaRows(t) {
		s := supplyFromRow(t, row)
		w, err := s.Normalize(regions)
		if err != nil {
			t.Errorf("row %d (%s): %v", i+2, row["电子监管号"], err)
		}
		for _, x := range w {
			f, _, _ := strings.Cut(x, ": ")
			perField[f]++
		}
	}
	want := map[string]int{"region_code": 15, "e_number": 1, "plot_ratio_max": 5}
	for f, n := range want {
		if perField[f] != n {
			t.Errorf("%d warnings on %s, want %d", perField[f], f, n)
		}
	}
	if len(perField) != len(want) {
		t.Errorf("warnings per field = %v, want %v", perField, want)
	}
}

// supplyFromRow builds a supply from one published row the way an import
// would, failing the test on cells it cannot read.
func supplyFromRow(t *testing.T, row map[string]string) Supply {
	t.Helper()
	num := func(label string) *float64 {
		s := strings.TrimSpace(row[label])
		if s == "" {
			return nil
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		return &v
	}
	date := func(label string) Date {
		d, err := ParseDate(row[label])
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		return d
	}
	s := Supply{
		ENumber:          row["电子监管号"],
		Method:           row["供地方式"],
		ProjectName:      row["项目名称"],
		Holder:           row["土地使用权人"],
		LandUseOriginal:  row["土地用途"],
		PriceWan:         num("成交价格(万元)"),
		PlotRatioMin:     num("约定容积率下限"),
		PlotRatioMax:     num("约定容积率上限"),
		AgreedDelivery:   date("约定交地时间"),
		AgreedStart:      date("约定开工时间"),
		AgreedCompletion: date("约定竣工时间"),
		ContractDate:     date("合同签订日期"),
	}
	if a := num("面积(公顷)"); a != nil {
		s.AreaHa = *a
	}
	for _, item := range strings.Split(row["分期支付约定"], "; ") {
		if item == "" {
			continue
		}
		parts := strings.Split(item, "|")
		if len(parts) != 3 {
			t.Fatalf("installment %q", item)
		}
		period, err := strconv.Atoi(parts[0])
		if err != nil {
			t.Fatalf("installment %q: %v", item, err)
		}
		due, err := ParseDate(parts[1])
		if err != nil {
			t.Fatalf("installment %q: %v", item, err)
		}
		amount, err := strconv.ParseFloat(parts[2], 64)
		if err != nil {
			t.Fatalf("installment %q: %v", item, err)
		}
		s.Installments = append(s.Installments, Installment{Period: period, DueOn: due, AmountWan: amount})
	}
	return s
}
