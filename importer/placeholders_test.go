package importer

import (
	"os"
	"strings"
	"testing"

	"landwatch/land"
)

// readPlaceholderRows parses testdata/supply/placeholders.csv and returns
// its supplies by e-supervision number and the warnings' fields by number.
func readPlaceholderRows(t *testing.T) (map[string]land.SupplyRecord, map[string][]string) {
	t.Helper()
	f, err := os.Open("testdata/supply/placeholders.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := ParseSupplyCSV("placeholders.csv", f)
	if len(b.Rejected) != 0 {
		t.Fatalf("rejections %+v", b.Rejected)
	}
	supplies := map[string]land.SupplyRecord{}
	for _, r := range b.Supplies {
		supplies[r.Supply.ENumber] = r
	}
	warned := map[string][]string{}
	for _, w := range b.Warnings {
		warned[w.Record] = append(warned[w.Record], w.Field)
	}
	return supplies, warned
}

func TestPlaceholderDatesAndTextInASupplyFileAreReadAsEmptyWithAWarning(t *testing.T) {
	supplies, warned := readPlaceholderRows(t)
	if len(supplies) != 5 {
		t.Fatalf("%d supplies, want 5", len(supplies))
	}
	tests := []struct {
		name, number string
		check        func(land.SupplyRecord) bool
		fields       []string
	}{
		{"agreed dates of 1901 and 1900 are no dates", "1306262018B00001", func(r land.SupplyRecord) bool {
			return r.Supply.AgreedDelivery.IsZero() && r.Supply.AgreedStart.IsZero() && !r.Supply.AgreedCompletion.IsZero()
		}, []string{fAgreedDelivery}},
		{"Nah, /, -, 无, NULL, —— and NBSP in optional fields are empty", "1306262018B00002", func(r land.SupplyRecord) bool {
			s := r.Supply
			return s.PriceWan == nil && s.PlotRatioMin == nil && s.PlotRatioMax == nil && s.Industry == "" &&
				s.LandGrade == "" && len(r.Events) == 0
		}, []string{fPrice, fPlotMin, fPlotMax, fIndustry, fActualStart, fActualCompletion}},
		{"an agreed date decades before the contract is no date", "1306262018B00005", func(r land.SupplyRecord) bool {
			return r.Supply.AgreedDelivery.IsZero() && !r.Supply.AgreedStart.IsZero()
		}, []string{fAgreedDelivery}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := supplies[tt.number]
			if !ok {
				t.Fatalf("%s not read", tt.number)
			}
			if !tt.check(r) {
				t.Errorf("supply %+v, events %+v", r.Supply, r.Events)
			}
			for _, f := range tt.fields {
				if !strings.Contains(" "+strings.Join(warned[tt.number], " ")+" ", " "+f+" ") {
					t.Errorf("no warning names %s (warnings on %v)", f, warned[tt.number])
				}
			}
		})
	}
}

func TestATermInWordsOrAsAnEndDateIsConvertedToYearsWithAWarning(t *testing.T) {
	supplies, warned := readPlaceholderRows(t)
	for _, tt := range []struct {
		name, number string
		years        int
	}{
		{"七十年 is 70 years", "1306262018B00003", 70},
		{"an end date 2068-12-31 after a contract of 2018-12-31 is 50 years", "1306262018B00004", 50},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := supplies[tt.number].Supply
			if s.TermYears == nil || *s.TermYears != tt.years {
				t.Errorf("term %q read as %v, want %d", s.TermText, s.TermYears, tt.years)
			}
			if len(warned[tt.number]) != 2 || warned[tt.number][1] != fTerm {
				t.Errorf("warnings on %v, want the source note and %s", warned[tt.number], fTerm)
			}
		})
	}
}

func TestChineseCountReadsNumbersBelowAHundred(t *testing.T) {
	for text, want := range map[string]int{"七十": 70, "五十": 50, "四十": 40, "十": 10, "十五": 15, "四十五": 45, "九": 9} {
		if n, ok := chineseCount(text); !ok || n != want {
			t.Errorf("chineseCount(%q) = %d, %v; want %d", text, n, ok, want)
		}
	}
	for _, text := range []string{"", "七十年年", "十十", "百", "零十", "七十七十"} {
		if n, ok := chineseCount(text); ok {
			t.Errorf("chineseCount(%q) = %d, want no number", text, n)
		}
	}
}

// Every placeholder is as short as isPlaceholder assumes, or it would
// never be found.
func TestEveryPlaceholderFitsItsLongest(t *testing.T) {
	for p := range placeholderTexts {
		if len(p) > longestPlaceholder {
			t.Errorf("%q is %d bytes, longer than longestPlaceholder (%d)", p, len(p), longestPlaceholder)
		}
		if !isPlaceholder(strings.ToUpper(p)) {
			t.Errorf("%q in upper case is not taken for a placeholder", p)
		}
	}
}
