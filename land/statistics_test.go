package land

import "testing"

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
