package importer

import (
	"landwatch/land"
	"os"
	"reflect"
	"strings"
	"testing"
)

func parseJSONText(text string) land.Batch { return ParseSupplyJSON("t.json", strings.NewReader(text)) }

func TestTheReferenceJSONParsesLikeTheCSV(t *testing.T) {
	b := parseFile(t, "testdata/landchina/supply_results_2018-12.json", func(n string, f *os.File) land.Batch { return ParseSupplyJSON(n, f) })
	if len(b.Rejected) != 0 {
		t.Fatalf("%d rejections, first %+v", len(b.Rejected), b.Rejected[0])
	}
	if len(b.Supplies) != 203 {
		t.Fatalf("%d supplies, want 203", len(b.Supplies))
	}
	t.Run("each record's line is where its object starts", func(t *testing.T) {
		raw, err := os.ReadFile("testdata/landchina/supply_results_2018-12.json")
		if err != nil {
			t.Fatal(err)
		}
		var starts []int
		for i, l := range strings.Split(string(raw), "\n") {
			if strings.TrimRight(l, "\r") == " {" {
				starts = append(starts, i+1)
			}
		}
		for i, s := range b.Supplies {
			if s.Line != starts[i] {
				t.Fatalf("supply %d (%s) at line %d, object starts at line %d", i, s.Supply.ENumber, s.Line, starts[i])
			}
		}
	})
	t.Run("every supply equals the CSV's", func(t *testing.T) {
		c := parseFile(t, "../reference/landchina/supply_results_2018-12.csv", func(n string, f *os.File) land.Batch { return ParseSupplyCSV(n, f) })
		for i := range c.Supplies {
			if !reflect.DeepEqual(c.Supplies[i].Supply, b.Supplies[i].Supply) {
				t.Fatalf("line %d of the CSV:\n%+v\nJSON:\n%+v", c.Supplies[i].Line, c.Supplies[i].Supply, b.Supplies[i].Supply)
			}
		}
	})
	t.Run("instalment remarks the CSV leaves out are warned about", func(t *testing.T) {
		n := 0
		for _, w := range b.Warnings {
			if w.Field == "installments" {
				n++
			}
		}
		if n != 6 {
			t.Errorf("%d instalment remarks, want 6", n)
		}
	})
}

const jsonGood = `{"idnumber": "1306262018B00730", "name": "项目", "area": "5.29", "use": "工业用地", "supply": "挂牌出让",
  "date4sign": "2018年12月31日", "paid_plan": {"2": ["2019年02月01日", 20], "1": ["2019年01月01日", "10"]}}`

func TestJSONSupplyObjectsAreReadWithTheirLines(t *testing.T) {
	tags := `{"e_number": "1306262018B00731", "project_name": "p", "area_ha": 1.5, "land_use_original": "0601",
  "method": "1", "price_wan": null, "installments": "1|2019-01-01|3", "url": "ignored"}`
	b := parseJSONText("[\n" + jsonGood + ",\n\n" + tags + "\n]\n")
	if len(b.Rejected) != 0 || len(b.Supplies) != 2 {
		t.Fatalf("rejections %+v", b.Rejected)
	}
	first, second := b.Supplies[0], b.Supplies[1]
	if first.Line != 2 || second.Line != 5 {
		t.Errorf("lines %d and %d, want 2 and 5", first.Line, second.Line)
	}
	if in := first.Supply.Installments; len(in) != 2 || in[0].Period != 1 || in[0].AmountWan != 10 || in[1].AmountWan != 20 {
		t.Errorf("instalments %+v, want periods 1 and 2 in order", in)
	}
	if s := second.Supply; s.AreaHa != 1.5 || s.Method != "1" || s.LandUseCode != "0601" || s.PriceWan != nil || len(s.Installments) != 1 {
		t.Errorf("supply %+v", s)
	}
}

func TestBadJSONRecordsAreRejectedWithLineAndField(t *testing.T) {
	tests := []struct {
		name, text string
		want       []land.Rejection
		supplies   int
	}{
		{"a bad area names the record and field", "[\n" + jsonGood + ",\n" + strings.Replace(jsonGood, `"5.29"`, `"abc"`, 1) + "\n]",
			[]land.Rejection{{Line: 4, Record: "1306262018B00730", Field: "area_ha"}}, 1},
		{"a value that is an object is refused", "[\n" + strings.Replace(jsonGood, `"项目"`, `{"a": 1}`, 1) + "\n]",
			[]land.Rejection{{Line: 2, Record: "1306262018B00730", Field: "project_name"}}, 0},
		{"an element that is not an object", "[\n" + jsonGood + ",\n  42\n]",
			[]land.Rejection{{Line: 4, Record: "record 2", Field: "record"}}, 1},
		{"a syntax error keeps the records before it", "[\n" + jsonGood + ",\n{\"idnumber\": \n  ,}\n]",
			[]land.Rejection{{Line: 5, Record: "record 2", Field: "json"}}, 1},
		{"a truncated file", "[\n" + jsonGood + ",\n{\"idnumber\": \"x\"",
			[]land.Rejection{{Line: 4, Record: "record 2", Field: "json"}}, 1},
		{"an object instead of an array", jsonGood, []land.Rejection{{Line: 1, Field: "json"}}, 0},
		{"a bad instalment plan", "[" + strings.Replace(jsonGood, `["2019年02月01日", 20]`, `"x"`, 1) + "]",
			[]land.Rejection{{Line: 1, Record: "1306262018B00730", Field: "installments"}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := parseJSONText(tt.text)
			checkRejections(t, b.Rejected, "t.json", tt.want)
			if len(b.Supplies) != tt.supplies {
				t.Errorf("%d supplies, want %d", len(b.Supplies), tt.supplies)
			}
		})
	}
}
