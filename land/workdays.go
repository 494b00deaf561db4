package land

import (
	"encoding/json"
	"io"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Calendar is the working-day calendar (工作日历) of the yearly State Council
// holiday arrangements (DESIGN §4.1). A day is a working day when it is
// Monday to Friday and not listed as a day off, or when it is listed as a
// make-up working day (调休). A year without an arrangement falls back to
// weekends only, and the methods that count days say when they did.
//
// A Calendar is safe for concurrent use. AddYear publishes a new, immutable
// table of years with one atomic store, so readers never wait for a writer
// and each call sees one table from start to end. The zero Calendar knows no
// year. A Calendar must not be copied after first use.
type Calendar struct {
	mu    sync.Mutex // serialises AddYear
	table atomic.Pointer[yearTable]
}

// yearTable maps each loaded year to the days its arrangement lists, by
// dayKey, true for a day off. It is never changed once published.
type yearTable map[int]map[int]bool

// yearFileName is the name of one year's arrangement in a calendar folder.
var yearFileName = regexp.MustCompile(`^[0-9]{4}\.json$`)

// LoadCalendar reads every year file (a four-digit year with .json, such as
// 2026.json) at the root of fsys, in the format of reference/holiday-cn;
// other files, schema.json among them, are ignored. It returns a
// CodeInvalid error whose field is the file name when a file is malformed or
// names another year than its name, or when fsys holds no year file at all,
// and CodeInternal when fsys cannot be read.
func LoadCalendar(fsys fs.FS) (*Calendar, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, Wrap(CodeInternal, err, "holiday calendar")
	}
	table := yearTable{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !yearFileName.MatchString(name) {
			continue
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, Wrap(CodeInternal, err, "holiday calendar %s", name)
		}
		year, days, perr := parseYear(b)
		if perr != nil {
			return nil, Invalid(name, "%s", perr.Error())
		}
		if want, _ := strconv.Atoi(name[:4]); year != want {
			return nil, Invalid(name, "the file is for %d but holds the arrangement of %d", want, year)
		}
		table[year] = days
	}
	if len(table) == 0 {
		return nil, Invalid("", "the holiday calendar has no year file such as 2026.json")
	}
	c := &Calendar{}
	c.table.Store(&table)
	return c, nil
}

// AddYear loads one year's arrangement from r (the JSON of a year file) so
// that an operator can add a new year without a release; a year already
// loaded is replaced, which also corrects a wrong file. Calls in progress
// finish with the table they started with. It returns a CodeInvalid error
// whose field is "json", "year" or "days[i].date" / "days[i].isOffDay",
// and leaves the calendar unchanged on error.
func (c *Calendar) AddYear(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return Wrap(CodeInternal, err, "holiday calendar")
	}
	year, days, perr := parseYear(b)
	if perr != nil {
		return perr
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	next := yearTable{}
	if old := c.table.Load(); old != nil {
		next = maps.Clone(*old)
	}
	next[year] = days
	c.table.Store(&next)
	return nil
}

// Years returns the years whose arrangement is loaded, in order.
func (c *Calendar) Years() []int {
	return slices.Sorted(maps.Keys(c.snapshot()))
}

// IsWorkday reports whether d is a working day, and whether d's year has
// no loaded arrangement (fallback). In such a year the days off are the
// weekends and the holidays the law fixes by date (AssumedDaysOff), except
// for days that a neighbouring year's file lists (a New Year arrangement
// lists the last days of December of the year before).
func (c *Calendar) IsWorkday(d Date) (workday, fallback bool) {
	return c.snapshot().isWorkday(d)
}

// AddWorkdays returns the last allowed day of "within n working days after
// d": counting starts the day after d and only working days count, so the
// result is the nth working day after d (from 2026-09-30, 7 working days end
// on 2026-10-15). A negative n counts back: the |n|th working day before d.
// n = 0 or a zero d returns d. fallback is true when a counted day falls in
// a year with no arrangement, where only weekends and the holidays the law
// fixes by date were taken as days off (AssumedDaysOff says which).
func (c *Calendar) AddWorkdays(d Date, n int) (last Date, fallback bool) {
	if d.IsZero() {
		return d, false
	}
	t := c.snapshot()
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	last = d
	for n > 0 {
		last = last.AddDays(step)
		workday, assumed := t.isWorkday(last)
		fallback = fallback || assumed
		if workday {
			n--
		}
	}
	return last, fallback
}

// WorkdaysBetween returns the number of working days after from up to and
// including to: the lag, in working days, of a record made on to for
// something that happened on from. It is 0 when to equals from, and the
// negated count of working days after to up to and including from when to
// is earlier. Years with no arrangement fall back as IsWorkday does. A zero date
// gives 0.
func (c *Calendar) WorkdaysBetween(from, to Date) int {
	if from.IsZero() || to.IsZero() {
		return 0
	}
	sign := 1
	if to.Before(from) {
		sign, from, to = -1, to, from
	}
	t := c.snapshot()
	n := 0
	for day := from.AddDays(1); !day.After(to); day = day.AddDays(1) {
		if workday, _ := t.isWorkday(day); workday {
			n++
		}
	}
	return sign * n
}

// snapshot returns the table of years in force, empty for a zero Calendar.
func (c *Calendar) snapshot() yearTable {
	if t := c.table.Load(); t != nil {
		return *t
	}
	return nil
}

// isWorkday looks d up in its own year's file and then in the files of the
// years next to it, which may list it; a day nobody lists is a working day
// from Monday to Friday, unless its year has no file and the law fixes it
// as a holiday. fallback is true when d's year has no file.
func (t yearTable) isWorkday(d Date) (workday, fallback bool) {
	tm := d.Time()
	_, known := t[tm.Year()]
	if off, listed := t.listing(tm); listed {
		return !off, !known
	}
	if !known {
		if _, off := statutoryDayOff(tm); off {
			return false, true
		}
	}
	return !isWeekend(tm), !known
}

// listing returns how the files of t's year and of the years next to it
// list t, if any does.
func (t yearTable) listing(tm time.Time) (off, listed bool) {
	y, key := tm.Year(), dayKey(tm)
	for _, fileYear := range [...]int{y, y + 1, y - 1} {
		if off, listed := t[fileYear][key]; listed {
			return off, true
		}
	}
	return false, false
}

// listed reports whether a file lists t.
func (t yearTable) listed(tm time.Time) bool {
	_, listed := t.listing(tm)
	return listed
}

// dayKey packs a day as yyyymmdd.
func dayKey(t time.Time) int { return t.Year()*10000 + int(t.Month())*100 + t.Day() }

// yearFile is the JSON of one year's arrangement (NateScarlet/holiday-cn).
type yearFile struct {
	Year int `json:"year"`
	Days []struct {
		Name     string `json:"name"`
		Date     string `json:"date"`
		IsOffDay *bool  `json:"isOffDay"`
	} `json:"days"`
}

// parseYear reads one year's arrangement: its year and its listed days by
// dayKey, true for a day off. Listed days must lie in the year or in the
// year next to it, and a day may not be listed twice with different values.
func parseYear(b []byte) (int, map[int]bool, *Error) {
	var f yearFile
	if err := json.Unmarshal(b, &f); err != nil {
		return 0, nil, Invalid("json", "not a holiday year file: %v", err)
	}
	if f.Year < 1900 || f.Year > 2200 {
		return 0, nil, Invalid("year", "%d is not a year between 1900 and 2200", f.Year)
	}
	days := make(map[int]bool, len(f.Days))
	for i, d := range f.Days {
		field := "days[" + strconv.Itoa(i) + "]"
		t, err := time.Parse(time.DateOnly, d.Date)
		if err != nil {
			return 0, nil, Invalid(field+".date", "%q is not a date such as %d-10-01", d.Date, f.Year)
		}
		if y := t.Year(); y < f.Year-1 || y > f.Year+1 {
			return 0, nil, Invalid(field+".date", "%s is not in or next to %d", d.Date, f.Year)
		}
		if d.IsOffDay == nil {
			return 0, nil, Invalid(field+".isOffDay", "%s must say whether it is a day off", d.Date)
		}
		key := dayKey(t)
		if off, seen := days[key]; seen && off != *d.IsOffDay {
			return 0, nil, Invalid(field+".date", "%s is listed both as a day off and as a working day", d.Date)
		}
		days[key] = *d.IsOffDay
	}
	return f.Year, days, nil
}
