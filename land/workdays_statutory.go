package land

import "time"

// StatutoryGap says what the statutory fallback cannot assume: the holidays
// that 全国年节及纪念日放假办法 ties to the lunar calendar or to a solar term,
// and the make-up working days (调休) that only an arrangement sets.
const StatutoryGap = "Spring Festival (春节), Dragon Boat (端午节) and Mid-Autumn (中秋节) follow the lunar calendar and Qingming (清明节) a solar term, so they are not assumed, nor are make-up working days (调休)"

// AssumedDay is a day off that a year without a State Council arrangement
// is assumed to have because the law fixes it by date.
type AssumedDay struct {
	Date Date   `json:"date"`
	Name string `json:"name"`
}

// statutoryRuns are the holidays of all citizens that 全国年节及纪念日放假办法
// (as revised in 2024, art. 2) fixes by Gregorian date: New Year's Day
// (元旦, 1 January), Labour Day (劳动节, 1–2 May) and National Day (国庆节,
// 1–3 October). Spring Festival (春节, New Year's Eve and the first three
// days of the first lunar month), Dragon Boat (端午节) and Mid-Autumn (中秋节)
// are lunar and Qingming (清明节) is a solar term: none has a fixed date.
var statutoryRuns = [...]struct {
	name  string
	month time.Month
	first int
	days  int
}{
	{"元旦", time.January, 1, 1},
	{"劳动节", time.May, 1, 2},
	{"国庆节", time.October, 1, 3},
}

// statutoryDayOff reports whether a year without its arrangement is
// assumed to have t off by law, and which holiday it is. A statutory day
// that falls on a Saturday or Sunday is made up on a working day (补假,
// art. 6); which one is the arrangement's choice, so the fallback takes the
// weekdays right after the holiday, as the arrangements usually do.
func statutoryDayOff(t time.Time) (name string, off bool) {
	for _, run := range statutoryRuns {
		if t.Month() != run.month {
			continue
		}
		first := NewDate(t.Year(), run.month, run.first).Time()
		onWeekend := 0
		for i := range run.days {
			d := first.AddDate(0, 0, i)
			if d.Equal(t) {
				return run.name, true
			}
			if isWeekend(d) {
				onWeekend++
			}
		}
		for d := first.AddDate(0, 0, run.days); onWeekend > 0 && !d.After(t); d = d.AddDate(0, 0, 1) {
			if isWeekend(d) {
				continue
			}
			if d.Equal(t) {
				return run.name + "补假", true
			}
			onWeekend--
		}
	}
	return "", false
}

func isWeekend(t time.Time) bool {
	wd := t.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// AssumedDaysOff returns the days from from to to (inclusive, in either
// order) that fall in a year without an arrangement and that the fallback
// takes as days off because the law fixes them (weekends aside), in order:
// what a count that reported fallback assumed. A day a neighbouring year's
// file lists is not assumed.
func (c *Calendar) AssumedDaysOff(from, to Date) []AssumedDay {
	if from.IsZero() || to.IsZero() {
		return nil
	}
	if to.Before(from) {
		from, to = to, from
	}
	t := c.snapshot()
	var out []AssumedDay
	for d := from; !d.After(to); d = d.AddDays(1) {
		tm := d.Time()
		if _, known := t[tm.Year()]; known || t.listed(tm) {
			continue
		}
		if name, off := statutoryDayOff(tm); off {
			out = append(out, AssumedDay{Date: d, Name: name})
		}
	}
	return out
}

// yearsWithoutArrangement returns the years from from's to to's (from not
// after to) that have no loaded arrangement.
func (c *Calendar) yearsWithoutArrangement(from, to Date) []int {
	t := c.snapshot()
	var out []int
	for y := from.Time().Year(); y <= to.Time().Year(); y++ {
		if _, known := t[y]; !known {
			out = append(out, y)
		}
	}
	return out
}

// Deadline is the answer to "within Add working days after From" (DESIGN
// §4.1) with what it rests on: when a counted day falls in a year without
// an arrangement (Fallback), the years concerned, the days off the law
// fixes that were assumed there, and what could not be assumed.
type Deadline struct {
	From                    Date         `json:"from"`
	Add                     int          `json:"add"`
	LastDay                 Date         `json:"last_day"`
	Fallback                bool         `json:"fallback"`
	YearsWithoutArrangement []int        `json:"years_without_arrangement,omitempty"`
	AssumedDaysOff          []AssumedDay `json:"assumed_days_off,omitempty"`
	NotAssumed              string       `json:"not_assumed,omitempty"`
}

// Deadline counts n working days after from (AddWorkdays) and says what the
// count assumed.
func (c *Calendar) Deadline(from Date, n int) Deadline {
	last, fallback := c.AddWorkdays(from, n)
	d := Deadline{From: from, Add: n, LastDay: last, Fallback: fallback}
	if !fallback {
		return d
	}
	// The counted days: after from up to last, or from last up to before
	// from when counting back.
	first, end := from.AddDays(1), last
	if n < 0 {
		first, end = last, from.AddDays(-1)
	}
	d.YearsWithoutArrangement = c.yearsWithoutArrangement(first, end)
	d.AssumedDaysOff = c.AssumedDaysOff(first, end)
	d.NotAssumed = StatutoryGap
	return d
}
