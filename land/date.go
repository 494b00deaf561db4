package land

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day (no time, no zone). The zero Date means "none".
type Date struct{ t time.Time }

// NewDate returns the day y-m-d.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date { return NewDate(t.Year(), t.Month(), t.Day()) }

// StartIn returns the instant d begins in loc: a day's records are those
// made from d.StartIn(loc) to d.AddDays(1).StartIn(loc).
func (d Date) StartIn(loc *time.Location) time.Time {
	return time.Date(d.t.Year(), d.t.Month(), d.t.Day(), 0, 0, 0, 0, loc)
}

// IsZero reports whether d is "none".
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns d as midnight UTC.
func (d Date) Time() time.Time { return d.t }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// AddYears returns the same day n years later; 29 February becomes 28 February
// in a year without it (one full year after 2020-02-29 is 2021-02-28).
func (d Date) AddYears(n int) Date {
	t := d.t.AddDate(n, 0, 0)
	if t.Day() != d.t.Day() {
		t = t.AddDate(0, 0, -t.Day())
	}
	return Date{t}
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// DaysUntil returns the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int { return int(e.t.Sub(d.t).Hours() / 24) }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// MarshalJSON writes "2006-01-02", or null for none.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(strconv.Quote(d.String())), nil
}

// UnmarshalJSON reads any form ParseDate accepts, or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return Invalid("", "a date must be a string such as \"2019-07-21\"")
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDate reads the date forms found in land records: 2019-07-21,
// 2019/7/21, 2019年07月21日, 20190721. Empty or blank text and the
// placeholder 1900-01-01 mean "none" and give the zero Date without error.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	norm := strings.Map(func(r rune) rune {
		switch r {
		case '年', '月', '/', '.':
			return '-'
		case '日':
			return -1
		}
		return r
	}, s)
	if len(norm) == 8 && !strings.Contains(norm, "-") {
		norm = norm[:4] + "-" + norm[4:6] + "-" + norm[6:]
	}
	if i := strings.IndexAny(norm, "T "); i > 0 {
		norm = norm[:i]
	}
	parts := strings.Split(norm, "-")
	if len(parts) != 3 {
		return Date{}, Invalid("", "%q is not a date (expected 2019-07-21)", s)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return Date{}, Invalid("", "%q is not a date (expected 2019-07-21)", s)
		}
		n[i] = v
	}
	if n[0] == 1900 && n[1] == 1 && n[2] == 1 {
		return Date{}, nil
	}
	if n[0] < 1900 || n[0] > 2200 || n[1] < 1 || n[1] > 12 || n[2] < 1 || n[2] > 31 {
		return Date{}, Invalid("", "%q is not a date (expected 2019-07-21)", s)
	}
	d := NewDate(n[0], time.Month(n[1]), n[2])
	if d.t.Day() != n[2] {
		return Date{}, Invalid("", "%q is not a day of the calendar", s)
	}
	return d, nil
}
