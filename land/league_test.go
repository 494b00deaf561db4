package land

import (
	"testing"
	"time"
)

func TestPeriodsOfTheNotice(t *testing.T) {
	for _, c := range []struct {
		in       string
		from, to Date
	}{
		{"2026Q3", NewDate(2026, time.July, 1), NewDate(2026, time.September, 30)},
		{"2026Q1", NewDate(2026, time.January, 1), NewDate(2026, time.March, 31)},
		{"2026H1", NewDate(2026, time.January, 1), NewDate(2026, time.June, 30)},
		{"2026H2", NewDate(2026, time.July, 1), NewDate(2026, time.December, 31)},
		{"2026Q1-3", NewDate(2026, time.January, 1), NewDate(2026, time.September, 30)},
		{"2026", NewDate(2026, time.January, 1), NewDate(2026, time.December, 31)},
		{"2024Q1", NewDate(2024, time.January, 1), NewDate(2024, time.March, 31)},
	} {
		p, err := ParsePeriod(c.in)
		if err != nil || p.From != c.from || p.To != c.to || p.Name != c.in {
			t.Errorf("%s: %v–%v (%v), want %v–%v", c.in, p.From, p.To, err, c.from, c.to)
		}
	}
	for _, bad := range []string{"", "2026Q5", "2026H3", "2026Q2-3", "26Q1", "2026q1", "2026-Q1"} {
		if _, err := ParsePeriod(bad); ErrorField(err) != "period" {
			t.Errorf("%q: %v, want an error naming period", bad, err)
		}
	}
}

func TestTheLeagueScore(t *testing.T) {
	for _, c := range []struct {
		name string
		f    LeagueFigures
		want float64
	}{
		{"spotless", LeagueFigures{Records: 100}, 100},
		{"nothing entered", LeagueFigures{}, 100},
		{"a quarter late", LeagueFigures{Records: 100, Late: 25}, 90},
		{"all late", LeagueFigures{Records: 10, Late: 10}, 60},
		{"backlog of 10", LeagueFigures{Records: 10, OverdueStart: 6, OverdueDelivery: 2, OverdueCompletion: 2}, 90},
		{"backlog capped", LeagueFigures{Records: 10, OverdueStart: 500}, 80},
		{"idle land", LeagueFigures{IdleSuspected: 3, IdleDetermined: 2}, 92.5},
		{"overlaps", LeagueFigures{Overlaps: 5}, 95},
		{"a late report", LeagueFigures{LateReports: 1}, 95},
		{"signs", LeagueFigures{FalseSigns: 1, ConcealedSigns: 1}, 96},
		{"everything", LeagueFigures{Records: 4, Late: 4, OverdueStart: 20, IdleSuspected: 10, Overlaps: 10, LateReports: 2, FalseSigns: 5}, 0},
	} {
		if got := c.f.Score(); got != c.want {
			t.Errorf("%s: score %v, want %v", c.name, got, c.want)
		}
	}
}

func TestWhatTheBulletinCriticises(t *testing.T) {
	th := DefaultBulletinThresholds()
	codes := func(f LeagueFigures) (out []string) {
		for _, c := range f.Criticisms(th) {
			out = append(out, c.Code)
		}
		return out
	}
	for _, c := range []struct {
		name string
		f    LeagueFigures
		want []string
	}{
		{"clean", LeagueFigures{Records: 10, Late: 2, OverdueStart: 9}, nil},
		{"late over 20 %", LeagueFigures{Records: 10, Late: 3}, []string{"late_entry"}},
		{"backlog", LeagueFigures{OverdueStart: 5, OverdueCompletion: 5}, []string{"backlog"}},
		{"idle", LeagueFigures{IdleDetermined: 1}, []string{"idle"}},
		{"false", LeagueFigures{FalseSigns: 1}, []string{"false_reporting"}},
		{"concealed", LeagueFigures{ConcealedSigns: 2}, []string{"concealed_reporting"}},
		{"late report", LeagueFigures{LateReports: 1}, []string{"late_report"}},
	} {
		got := codes(c.f)
		if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestTheReportingRule(t *testing.T) {
	r := DefaultReportingRule()
	start := NewDate(2025, time.March, 10)
	for _, c := range []struct {
		name     string
		observed Date
		coverage float64
		want     bool
	}{
		{"nothing built a year on", NewDate(2026, time.March, 10), 0.02, true},
		{"too soon to say", NewDate(2026, time.March, 9), 0.0, false},
		{"built", NewDate(2026, time.June, 1), 0.10, false},
		{"no footprints", Date{}, 0, false},
	} {
		if got := r.Unbuilt(start, c.observed, c.coverage); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	for _, c := range []struct {
		declared, measured float64
		want               bool
	}{{1.049, 1, false}, {1.06, 1, true}, {0.94, 1, true}, {0.96, 1, false}, {1, 0, false}} {
		if _, got := r.AreaMismatch(c.declared, c.measured); got != c.want {
			t.Errorf("declared %v measured %v: %v, want %v", c.declared, c.measured, got, c.want)
		}
	}
}

func TestTheLeagueRanksByScoreThenLateShare(t *testing.T) {
	rows := []LeagueRow{
		{Region: "130627", LeagueFigures: LeagueFigures{Records: 10, Late: 5}},
		{Region: "130626", LeagueFigures: LeagueFigures{Records: 10, Late: 1}},
		{Region: "130628", LeagueFigures: LeagueFigures{Records: 10, Late: 1}},
		{Region: "130629", LeagueFigures: LeagueFigures{Records: 10, Late: 0, Overlaps: 10}},
	}
	RankLeague(rows)
	want := []struct {
		code string
		rank int
	}{{"130626", 1}, {"130628", 1}, {"130629", 3}, {"130627", 4}}
	for i, w := range want {
		if rows[i].Region != w.code || rows[i].Rank != w.rank {
			t.Errorf("row %d: %s ranked %d, want %s ranked %d", i, rows[i].Region, rows[i].Rank, w.code, w.rank)
		}
	}
}
