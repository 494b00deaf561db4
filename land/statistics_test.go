package land

import (
	"strings"
	"testing"
)

func TestMonthsOfAPeriod(t *testing.T) {
	d := func(s string) Date {
		x, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	for _, c := range []struct {
		name, from, to, first, end string
	}{
		{"whole months are the months themselves", "2018-01-01", "2018-12-31", "2018-01-01", "2019-01-01"},
		{"days of a month at either end are left out", "2018-01-15", "2018-03-10", "2018-02-01", "2018-03-01"},
		{"a period inside one month has no whole month", "2018-02-03", "2018-02-20", "2018-03-01", "2018-03-01"},
		{"the end of February is a month's end", "2020-02-01", "2020-02-29", "2020-02-01", "2020-03-01"},
		{"an unbounded start has no first month", "", "2018-06-30", "", "2018-07-01"},
		{"an unbounded end has no end", "2018-06-02", "", "2018-07-01", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var from, to Date
			if c.from != "" {
				from = d(c.from)
			}
			if c.to != "" {
				to = d(c.to)
			}
			first, end := MonthsOf(from, to)
			if first.String() != c.first || end.String() != c.end {
				t.Errorf("MonthsOf(%s, %s) = %s, %s; want %s, %s", c.from, c.to, first, end, c.first, c.end)
			}
		})
	}
}

func TestMethodClasses(t *testing.T) {
	for method, class := range map[string]string{
		MethodTender: MethodClassMarket, MethodAuction: MethodClassMarket, MethodListing: MethodClassMarket, MethodTLA: MethodClassMarket,
		MethodAgreement: MethodClassAgreement, MethodAllocation: MethodClassAllocation, MethodLease: MethodClassOther, "9": MethodClassOther,
	} {
		if got := MethodClassOf(method); got != class {
			t.Errorf("method %s is of class %s, want %s", method, got, class)
		}
	}
}

func TestHousingClassOfTheLandUseAsWritten(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ original, want string }{
		{"住宅用地（保障性住房）", "affordable"},
		{"城镇住宅用地-棚户区改造", "shanty"},
		{"经济适用住房用地", "affordable"},
		{"中低价位、中小套型普通商品住房用地", "small_units"},
		{"其他普通商品住房用地", "other_housing"},
		// ordinary commodity housing says nothing of the flats' size, so it
		// is neither 中小套型 nor 其他
		{"普通商品住房", HousingUnclassified},
		{"住宅用地", HousingUnclassified},
		{"0701", HousingUnclassified},
	} {
		t.Run(c.original+" is "+c.want, func(t *testing.T) {
			if got := HousingClassOf(c.original); got != c.want {
				t.Fatalf("%q is %q, want %q", c.original, got, c.want)
			}
		})
	}
	keys := []string{}
	for _, c := range HousingClasses() {
		keys = append(keys, c.Key)
	}
	if got := strings.Join(keys, ","); got != "affordable,shanty,small_units,other_housing,unclassified" {
		t.Errorf("the housing group's keys are %s", got)
	}
}
