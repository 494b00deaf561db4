package land

import (
	"os"
	"testing"
)

func TestReportPeriods(t *testing.T) {
	for _, tc := range []struct {
		in, canonical, from, to, due string
	}{
		{"2018Q1", "2018Q1", "2018-01-01", "2018-03-31", "2018-04-10"},
		{"2018H1", "2018H1", "2018-01-01", "2018-06-30", "2018-07-10"},
		{"2018Q2", "2018H1", "2018-01-01", "2018-06-30", "2018-07-10"},
		{"2018Q1-3", "2018Q1-3", "2018-01-01", "2018-09-30", "2018-10-10"},
		{"2026Q3", "2026Q1-3", "2026-01-01", "2026-09-30", "2026-10-10"},
		{"2018", "2018", "2018-01-01", "2018-12-31", "2019-01-10"},
		{"2018Q4", "2018", "2018-01-01", "2018-12-31", "2019-01-10"},
	} {
		t.Run(tc.in+" covers the year to its end and is due on the 10th after", func(t *testing.T) {
			p, err := ParseReportPeriod(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if p.String() != tc.canonical || p.From().String() != tc.from || p.To().String() != tc.to || p.Due().String() != tc.due {
				t.Errorf("got %s %s..%s due %s", p, p.From(), p.To(), p.Due())
			}
		})
	}
	for _, bad := range []string{"", "2018Q5", "2018H2", "18Q1", "2018Q1-2", "1800"} {
		t.Run(bad+" is refused naming the period", func(t *testing.T) {
			if _, err := ParseReportPeriod(bad); ErrorCode(err) != CodeInvalid {
				t.Errorf("got %v", err)
			}
		})
	}
}

func TestReportDeadlineAndLatenessAcrossHolidays(t *testing.T) {
	cal := shippedCalendar(t)
	for _, tc := range []struct {
		name, period, deadline, submitted string
		late                              bool
		lag                               int
	}{
		{"a report submitted on the 10th itself is on time", "2018Q1-3", "2018-10-10", "2018-10-10", false, 0},
		{"a report submitted on the 11th is one working day late", "2018Q1-3", "2018-10-10", "2018-10-11", true, 1},
		{"a report submitted early is on time", "2018Q1-3", "2018-10-10", "2018-09-29", false, 0},
		// 2026-10-10 is a Saturday made a working day (调休) after National Day
		{"a 10th that is a make-up Saturday stays the deadline", "2026Q3", "2026-10-10", "2026-10-10", false, 0},
		{"the Monday after a make-up Saturday deadline is one working day late", "2026Q3", "2026-10-10", "2026-10-12", true, 1},
		{"a Sunday after the deadline counts as the next working day", "2026Q3", "2026-10-10", "2026-10-11", true, 1},
		// 2026-01-10 is an ordinary Saturday: the deadline moves to Monday
		{"a 10th on a day off moves the deadline to the next working day", "2025", "2026-01-12", "2026-01-12", false, 0},
		{"the day after the moved deadline is late", "2025", "2026-01-12", "2026-01-13", true, 1},
		// 2025-10-11 is a make-up Saturday: Friday 10th to Monday 13th is two working days
		{"a make-up Saturday after the deadline counts as a working day", "2025Q1-3", "2025-10-10", "2025-10-13", true, 2},
		// 2019 Spring Festival: 02-04..02-10 off, 02-02 and 02-03 made working days:
		// 01-11, 15 weekdays to 02-01, 02-02, 02-03, 02-11, 02-12 are 20 working days
		{"lateness skips the Spring Festival", "2018", "2019-01-10", "2019-02-12", true, 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParseReportPeriod(tc.period)
			if err != nil {
				t.Fatal(err)
			}
			if d, _ := p.Deadline(cal); d.String() != tc.deadline {
				t.Errorf("deadline %s, want %s", d, tc.deadline)
			}
			late, lag := p.ReportLateness(cal, day(tc.submitted))
			if late != tc.late || lag != tc.lag {
				t.Errorf("late %v by %d, want %v by %d", late, lag, tc.late, tc.lag)
			}
		})
	}
}

func TestReportStatesMoveOneStepAtATime(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		code     Code
	}{
		{ReportGenerated, ReportReviewed, ""},
		{ReportReviewed, ReportSubmitted, ""},
		{ReportGenerated, ReportSubmitted, CodeConflict},
		{ReportSubmitted, ReportReviewed, CodeConflict},
		{ReportSubmitted, ReportSubmitted, CodeConflict},
		{ReportGenerated, "approved", CodeInvalid},
	} {
		t.Run(tc.from+" to "+tc.to, func(t *testing.T) {
			if got := ErrorCode(ReportNext(tc.from, tc.to)); got != tc.code {
				t.Errorf("got %q, want %q", got, tc.code)
			}
		})
	}
}

func TestKeyCitiesAreKnownPrefectures(t *testing.T) {
	regions, err := LoadRegionsFS(os.DirFS("../reference/divisions"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../reference/divisions/key_cities.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cities, err := LoadKeyCities(f, "key_cities.csv", regions)
	if err != nil {
		t.Fatal(err)
	}
	if len(cities) != 84 {
		t.Errorf("%d key cities, the notice names 84", len(cities))
	}
	bases := map[string]int{}
	for _, c := range cities {
		if reg, ok := regions.Lookup(c.Code); !ok || reg.Level != LevelPrefecture {
			t.Errorf("%s %s is not a prefecture-level division", c.Code, c.Name)
		}
		bases[c.Basis]++
	}
	// the 4 municipalities, 27 capitals and 5 separately planned cities
	if bases["municipality"] != 4 || bases["capital"] != 27 || bases["separately_planned"] != 5 {
		t.Errorf("bases %v", bases)
	}
}
