package land

import (
	"io/fs"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"landwatch/reference"
)

// shippedCalendar loads the holiday calendar embedded in the module.
func shippedCalendar(t testing.TB) *Calendar {
	t.Helper()
	sub, err := fs.Sub(reference.FS, "holiday-cn")
	if err != nil {
		t.Fatal(err)
	}
	c, err := LoadCalendar(sub)
	if err != nil {
		t.Fatalf("LoadCalendar: %v", err)
	}
	return c
}

// day parses a "2006-01-02" date for a test table.
func day(s string) Date {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return DateOf(t)
}

func TestLoadCalendarCoversTheShippedYears(t *testing.T) {
	years := shippedCalendar(t).Years()
	if len(years) != 20 || years[0] != 2007 || years[len(years)-1] != 2026 {
		t.Errorf("years = %v, want 2007 … 2026", years)
	}
}

func TestAddWorkdays(t *testing.T) {
	c := shippedCalendar(t)
	tests := []struct {
		name     string
		from     string
		n        int
		want     string
		fallback bool
	}{
		{"seven working days after 2026-09-30 skip National Day and count the make-up Saturday of 10 October", "2026-09-30", 7, "2026-10-15", false},
		{"three working days after 2025-12-30 cross New Year into 2026 and count the make-up Sunday of 4 January", "2025-12-30", 3, "2026-01-05", false},
		{"one working day after a Friday in 2018 is the make-up Saturday that the 2019 file lists", "2018-12-28", 1, "2018-12-29", false},
		{"two working days after that Friday skip the New Year days of 2019", "2018-12-28", 2, "2019-01-02", false},
		{"one working day after a Friday before National Day 2019 is the make-up Sunday of 29 September", "2019-09-27", 1, "2019-09-29", false},
		{"seven working days after 2019-09-30 count the make-up Saturday of 12 October", "2019-09-30", 7, "2019-10-15", false},
		{"five working days after 2024-09-30 end on the make-up Saturday of 12 October", "2024-09-30", 5, "2024-10-12", false},
		{"one working day after a Saturday in 2024 is the make-up Sunday of 4 February before Spring Festival", "2024-02-03", 1, "2024-02-04", false},
		{"three working days after 2024-02-08 skip Spring Festival and count the make-up Sunday of 18 February", "2024-02-08", 3, "2024-02-19", false},
		{"two working days after a Friday in January 2025 count the make-up Sunday of 26 January", "2025-01-24", 2, "2025-01-27", false},
		{"one working day after 2025-01-27 skips the whole Spring Festival of 2025", "2025-01-27", 1, "2025-02-05", false},
		{"three working days after 2025-02-05 end on the make-up Saturday of 8 February", "2025-02-05", 3, "2025-02-08", false},
		{"two working days after 2023-01-20 are the make-up weekend of 28 and 29 January", "2023-01-20", 2, "2023-01-29", false},
		{"one working day after 2020-01-23 skips the Spring Festival extended to 2 February", "2020-01-23", 1, "2020-02-03", false},
		{"an ordinary week without holidays skips only the weekend", "2026-03-06", 1, "2026-03-09", false},
		{"zero working days after a day is that day", "2026-10-01", 0, "2026-10-01", false},
		{"counting back seven working days from 2026-10-15 returns to 2026-09-30", "2026-10-15", -7, "2026-09-30", false},
		{"a year without data falls back to weekends only and says so", "2030-01-01", 5, "2030-01-08", true},
		{"New Year's Day of a year without data is a day off by law, and it says so", "2029-12-31", 1, "2030-01-02", true},
		{"crossing from a known year into an unknown one skips 1 January 2027 and says so", "2026-12-31", 2, "2027-01-05", true},
		{"staying inside the last known year does not fall back", "2026-12-28", 3, "2026-12-31", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, fallback := c.AddWorkdays(day(tt.from), tt.n)
			if got != day(tt.want) || fallback != tt.fallback {
				t.Errorf("AddWorkdays(%s, %d) = %s, %v; want %s, %v", tt.from, tt.n, got, fallback, tt.want, tt.fallback)
			}
		})
	}
}

func TestIsWorkday(t *testing.T) {
	c := shippedCalendar(t)
	tests := []struct {
		name              string
		day               string
		workday, fallback bool
	}{
		{"a National Day holiday on a Thursday is a day off", "2026-10-01", false, false},
		{"the make-up Saturday after National Day is a working day", "2026-10-10", true, false},
		{"an ordinary Saturday is a day off", "2026-10-17", false, false},
		{"an ordinary Wednesday is a working day", "2026-10-14", true, false},
		{"a make-up Saturday listed by the next year's file is a working day", "2018-12-29", true, false},
		{"a day listed by the next year's file keeps its listing in a year without data", "2006-12-30", true, true},
		{"an ordinary weekday of a year without data is a working day, by fallback", "2030-10-08", true, true},
		{"National Day of a year without data is a day off, by fallback", "2030-10-01", false, true},
		{"a Sunday of a year without data is a day off, by fallback", "2030-10-06", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			workday, fallback := c.IsWorkday(day(tt.day))
			if workday != tt.workday || fallback != tt.fallback {
				t.Errorf("IsWorkday(%s) = %v, %v; want %v, %v", tt.day, workday, fallback, tt.workday, tt.fallback)
			}
		})
	}
}

func TestWorkdaysBetween(t *testing.T) {
	c := shippedCalendar(t)
	tests := []struct {
		name     string
		from, to string
		want     int
	}{
		{"a record made seven working days after National Day's eve lags seven days", "2026-09-30", "2026-10-15", 7},
		{"a record made the same day lags nothing", "2026-10-12", "2026-10-12", 0},
		{"a record made during the holiday lags nothing", "2026-10-01", "2026-10-07", 0},
		{"the first day back after the holiday is one working day late", "2026-09-30", "2026-10-08", 1},
		{"a date before the event gives a negative count", "2026-10-15", "2026-09-30", -7},
		{"a lag across New Year counts the make-up Sunday", "2025-12-30", "2026-01-05", 3},
		{"a lag in a year without data counts weekdays", "2030-01-04", "2030-01-11", 5},
		{"a missing date gives no lag", "", "2026-10-15", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var from Date
			if tt.from != "" {
				from = day(tt.from)
			}
			if got := c.WorkdaysBetween(from, day(tt.to)); got != tt.want {
				t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

// TestAddWorkdaysAgreesWithWorkdaysBetween checks on random days that the
// nth working day after d is a working day n working days after d.
func TestAddWorkdaysAgreesWithWorkdaysBetween(t *testing.T) {
	c := shippedCalendar(t)
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	start := NewDate(2006, 1, 1)
	for range 2000 {
		d := start.AddDays(rng.IntN(365 * 26))
		n := rng.IntN(40)
		last, _ := c.AddWorkdays(d, n)
		if got := c.WorkdaysBetween(d, last); got != n {
			t.Fatalf("seed %d: WorkdaysBetween(%s, AddWorkdays(%s, %d) = %s) = %d", seed, d, d, n, last, got)
		}
		if workday, _ := c.IsWorkday(last); n > 0 && !workday {
			t.Fatalf("seed %d: AddWorkdays(%s, %d) = %s is not a working day", seed, d, n, last)
		}
		if back, _ := c.AddWorkdays(last, -n); n > 0 && c.WorkdaysBetween(back, last) != n {
			t.Fatalf("seed %d: counting back %d from %s gives %s", seed, n, last, back)
		}
	}
}

// year2027 is an arrangement invented for the tests (not the State
// Council's): National Day off 1–7 October, Saturday 9 October worked.
const year2027 = `{"year": 2027, "days": [
	{"name": "国庆节", "date": "2027-10-01", "isOffDay": true},
	{"name": "国庆节", "date": "2027-10-04", "isOffDay": true},
	{"name": "国庆节", "date": "2027-10-05", "isOffDay": true},
	{"name": "国庆节", "date": "2027-10-06", "isOffDay": true},
	{"name": "国庆节", "date": "2027-10-07", "isOffDay": true},
	{"name": "国庆节", "date": "2027-10-09", "isOffDay": false}
]}`

func TestAddYearLoadsANewYearAtRunTime(t *testing.T) {
	c := shippedCalendar(t)
	// Without the file: 1 October (Friday) by law, the weekend, and 4 and 5
	// October making up the weekend's two statutory days.
	if got, fallback := c.AddWorkdays(day("2027-09-30"), 2); got != day("2027-10-07") || !fallback {
		t.Fatalf("before loading 2027: %s, %v", got, fallback)
	}
	if err := c.AddYear(strings.NewReader(year2027)); err != nil {
		t.Fatalf("AddYear: %v", err)
	}
	if got, fallback := c.AddWorkdays(day("2027-09-30"), 2); got != day("2027-10-09") || fallback {
		t.Errorf("after loading 2027: %s, %v; want 2027-10-09, false", got, fallback)
	}
	replaced := `{"year": 2027, "days": []}`
	if err := c.AddYear(strings.NewReader(replaced)); err != nil {
		t.Fatalf("AddYear: %v", err)
	}
	if workday, fallback := c.IsWorkday(day("2027-10-01")); !workday || fallback {
		t.Errorf("after replacing 2027 with an empty arrangement, 2027-10-01 = %v, %v", workday, fallback)
	}
}

func TestTheZeroCalendarKnowsOnlyWhatTheLawFixes(t *testing.T) {
	var c Calendar
	// 1–3 October 2026 by law and 5 October for the Saturday among them.
	if got, fallback := c.AddWorkdays(day("2026-09-30"), 7); got != day("2026-10-14") || !fallback {
		t.Errorf("AddWorkdays = %s, %v; want 2026-10-14, true", got, fallback)
	}
	if err := c.AddYear(strings.NewReader(year2027)); err != nil {
		t.Fatalf("AddYear: %v", err)
	}
	if years := c.Years(); len(years) != 1 || years[0] != 2027 {
		t.Errorf("Years = %v", years)
	}
}

func TestAddYearRefuses(t *testing.T) {
	tests := []struct {
		name, json, field string
	}{
		{"text that is not JSON", `{"year": 2027,`, "json"},
		{"a file without a year", `{"days": []}`, "year"},
		{"a day that is not a date", `{"year": 2027, "days": [{"date": "2027-02-30", "isOffDay": true}]}`, "days[0].date"},
		{"a day far from the file's year", `{"year": 2027, "days": [{"date": "2029-01-01", "isOffDay": true}]}`, "days[0].date"},
		{"a day that does not say whether it is off", `{"year": 2027, "days": [{"date": "2027-01-01"}]}`, "days[0].isOffDay"},
		{"a day listed both off and worked", `{"year": 2027, "days": [{"date": "2027-01-01", "isOffDay": true}, {"date": "2027-01-01", "isOffDay": false}]}`, "days[1].date"},
	}
	for _, tt := range tests {
		t.Run("it refuses "+tt.name, func(t *testing.T) {
			c := shippedCalendar(t)
			err := c.AddYear(strings.NewReader(tt.json))
			if ErrorCode(err) != CodeInvalid || ErrorField(err) != tt.field {
				t.Fatalf("err = %v (%s, %q), want invalid %q", err, ErrorCode(err), ErrorField(err), tt.field)
			}
			if years := c.Years(); years[len(years)-1] != 2026 {
				t.Errorf("a refused file changed the calendar: %v", years)
			}
		})
	}
}

func TestLoadCalendarRefuses(t *testing.T) {
	good := &fstest.MapFile{Data: []byte(year2027)}
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		field string
	}{
		{"a file named for another year", fstest.MapFS{"2028.json": good}, "2028.json"},
		{"a malformed file, naming it", fstest.MapFS{"2027.json": good, "2026.json": {Data: []byte("[")}}, "2026.json"},
		{"a file with a bad day, naming it", fstest.MapFS{"2026.json": {Data: []byte(`{"year": 2026, "days": [{"date": "2026-13-01", "isOffDay": true}]}`)}}, "2026.json"},
		{"a folder without year files", fstest.MapFS{"schema.json": {Data: []byte("{}")}}, ""},
	}
	for _, tt := range tests {
		t.Run("it refuses "+tt.name, func(t *testing.T) {
			_, err := LoadCalendar(tt.fsys)
			if ErrorCode(err) != CodeInvalid || ErrorField(err) != tt.field {
				t.Errorf("err = %v (%s, %q), want invalid %q", err, ErrorCode(err), ErrorField(err), tt.field)
			}
		})
	}
	t.Run("it ignores files that are not year files", func(t *testing.T) {
		c, err := LoadCalendar(fstest.MapFS{"2027.json": good, "schema.json": {Data: []byte("not a year")}, "LICENSE": {Data: []byte("MIT")}})
		if err != nil {
			t.Fatal(err)
		}
		if years := c.Years(); len(years) != 1 || years[0] != 2027 {
			t.Errorf("Years = %v", years)
		}
	})
}

func TestCalendarIsSafeForConcurrentUse(t *testing.T) {
	c := shippedCalendar(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 200 {
				c.AddWorkdays(day("2027-09-30"), 7)
				c.WorkdaysBetween(day("2026-09-30"), day("2027-10-15"))
			}
		})
	}
	wg.Go(func() {
		for range 20 {
			if err := c.AddYear(strings.NewReader(year2027)); err != nil {
				t.Error(err)
			}
		}
	})
	wg.Wait()
}
