package land

import (
	"slices"
	"testing"
)

func TestAYearWithoutArrangementRestsOnTheStatutoryDays(t *testing.T) {
	c := shippedCalendar(t) // 2007–2026: 2027 onwards has no arrangement
	tests := []struct {
		name    string
		day     string
		workday bool
	}{
		{"1 January 2027, a Friday, is New Year's Day", "2027-01-01", false},
		{"2 January 2027, a Saturday, is a weekend day", "2027-01-02", false},
		{"4 January 2027, a Monday, is a working day", "2027-01-04", true},
		{"1 May 2027, a Saturday, is Labour Day", "2027-05-01", false},
		{"2 May 2027, a Sunday, is Labour Day", "2027-05-02", false},
		{"3 May 2027 makes up 1 May, which fell on a Saturday", "2027-05-03", false},
		{"4 May 2027 makes up 2 May, which fell on a Sunday", "2027-05-04", false},
		{"5 May 2027 is a working day again", "2027-05-05", true},
		{"1 October 2027, a Friday, is National Day", "2027-10-01", false},
		{"4 and 5 October 2027 make up the National Day weekend", "2027-10-05", false},
		{"6 October 2027 is a working day again", "2027-10-06", true},
		{"3 January 2028 makes up New Year's Day on a Saturday", "2028-01-03", false},
		{"4 January 2028 is a working day", "2028-01-04", true},
		{"1 and 2 May 2030 on a weekday need no making up", "2030-05-02", false},
		{"3 May 2030 is a working day", "2030-05-03", true},
		{"3 October 2030, a Thursday, is National Day", "2030-10-03", false},
		{"4 October 2030, a Friday, is a working day: no arrangement moves it", "2030-10-04", true},
		{"Spring Festival is lunar and not assumed: 8 February 2027 counts as worked", "2027-02-08", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			workday, fallback := c.IsWorkday(day(tt.day))
			if workday != tt.workday || !fallback {
				t.Errorf("IsWorkday(%s) = %v, %v; want %v, true", tt.day, workday, fallback, tt.workday)
			}
		})
	}
}

func TestAssumedDaysOffNameWhatTheFallbackTook(t *testing.T) {
	c := shippedCalendar(t)
	tests := []struct {
		name     string
		from, to string
		want     []AssumedDay
	}{
		{"a count into 2027 assumed New Year's Day", "2026-12-31", "2027-01-05", []AssumedDay{{day("2027-01-01"), "元旦"}}},
		{"Labour Day 2027 and its two days made up", "2027-05-06", "2027-04-30", []AssumedDay{
			{day("2027-05-01"), "劳动节"}, {day("2027-05-02"), "劳动节"}, {day("2027-05-03"), "劳动节补假"}, {day("2027-05-04"), "劳动节补假"}}},
		{"a known year assumes nothing", "2026-09-30", "2026-10-15", nil},
		{"ordinary weeks assume nothing", "2027-03-01", "2027-03-31", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.AssumedDaysOff(day(tt.from), day(tt.to)); !slices.Equal(got, tt.want) {
				t.Errorf("AssumedDaysOff(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestDeadlineSaysWhatItAssumed(t *testing.T) {
	c := shippedCalendar(t)
	d := c.Deadline(day("2026-12-31"), 2)
	if d.LastDay != day("2027-01-05") || !d.Fallback || !slices.Equal(d.YearsWithoutArrangement, []int{2027}) ||
		!slices.Equal(d.AssumedDaysOff, []AssumedDay{{day("2027-01-01"), "元旦"}}) || d.NotAssumed == "" {
		t.Errorf("Deadline(2026-12-31, 2) = %+v", d)
	}
	back := c.Deadline(day("2027-01-05"), -2)
	if back.LastDay != day("2026-12-31") || !slices.Equal(back.YearsWithoutArrangement, []int{2027}) {
		t.Errorf("Deadline(2027-01-05, -2) = %+v", back)
	}
	if known := c.Deadline(day("2026-09-30"), 7); known.LastDay != day("2026-10-15") || known.Fallback || known.AssumedDaysOff != nil || known.NotAssumed != "" {
		t.Errorf("a count inside known years = %+v", known)
	}
}
