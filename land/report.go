package land

import (
	"regexp"
	"strconv"
	"time"
)

// ReportPeriod is the period of a quarterly analysis report (季度分析报告,
// 2008 notice, 三): the first quarter, the first half, the first three
// quarters or the whole year, always from January 1st. The report of a
// quarter covers the year to its end, so 2018Q2 names the same report as
// 2018H1, 2018Q3 as 2018Q1-3 and 2018Q4 as 2018.
type ReportPeriod struct {
	Year     int
	Quarters int // 1, 2, 3 or 4: how many quarters of the year it covers
}

var reportPeriodForm = regexp.MustCompile(`^([0-9]{4})(Q[1-4]|H1|Q1-3)?$`)

// ParseReportPeriod reads 2018Q1, 2018H1, 2018Q1-3 or 2018 (and the quarter
// aliases 2018Q2, 2018Q3, 2018Q4): CodeInvalid naming "period" otherwise.
func ParseReportPeriod(s string) (ReportPeriod, error) {
	m := reportPeriodForm.FindStringSubmatch(s)
	if m == nil {
		return ReportPeriod{}, Invalid("period", "%q is not a report period (expected 2018Q1, 2018H1, 2018Q1-3 or 2018)", s)
	}
	y, _ := strconv.Atoi(m[1])
	if y < 1990 || y > 2100 {
		return ReportPeriod{}, Invalid("period", "year %d is out of range", y)
	}
	p := ReportPeriod{Year: y, Quarters: 4}
	switch m[2] {
	case "Q1":
		p.Quarters = 1
	case "Q2", "H1":
		p.Quarters = 2
	case "Q3", "Q1-3":
		p.Quarters = 3
	}
	return p, nil
}

// String is the period's canonical name: 2018Q1, 2018H1, 2018Q1-3 or 2018.
func (p ReportPeriod) String() string {
	y := strconv.Itoa(p.Year)
	switch p.Quarters {
	case 1:
		return y + "Q1"
	case 2:
		return y + "H1"
	case 3:
		return y + "Q1-3"
	}
	return y
}

// Name is the period in Chinese: 2018年第一季度, 2018年上半年, 2018年前三季度, 2018年全年.
func (p ReportPeriod) Name() string {
	return strconv.Itoa(p.Year) + "年" + [...]string{"", "第一季度", "上半年", "前三季度", "全年"}[p.Quarters]
}

// From and To are the period's first and last day.
func (p ReportPeriod) From() Date { return NewDate(p.Year, time.January, 1) }
func (p ReportPeriod) To() Date   { return NewDate(p.Year, time.Month(3*p.Quarters)+1, 1).AddDays(-1) }

// Previous is the same period of the year before.
func (p ReportPeriod) Previous() ReportPeriod {
	return ReportPeriod{Year: p.Year - 1, Quarters: p.Quarters}
}

// Due is the 10th of the month after the period (2018 → 2019-01-10). The
// notice says 每季度结束后10日内 and 次月10日前: within ten days after the
// quarter, which counts the 10th itself, so a report submitted on the 10th
// is on time and one submitted on the 11th is late (see Deadline for a 10th
// that is a day off).
func (p ReportPeriod) Due() Date { return p.To().AddDays(10) }

// Deadline is the last day a report of p is on time: Due, or when Due is
// not a working day, the first working day after it — the rule of the
// Civil Code (民法典 第二百零三条) for a period whose last day is a day
// off. A Saturday made a working day (调休) is a working day, so the
// deadline stays on it. fallback is as for Calendar.IsWorkday.
func (p ReportPeriod) Deadline(c *Calendar) (deadline Date, fallback bool) {
	d := p.Due()
	for {
		workday, assumed := c.IsWorkday(d)
		fallback = fallback || assumed
		if workday {
			return d, fallback
		}
		d = d.AddDays(1)
	}
}

// ReportLateness is how late a report is on day (the day it was submitted,
// or today while it is not): late when day is after the deadline, by the
// working days after the deadline up to and including day; a report
// submitted on a day off after the deadline is late by at least one
// working day (the first one it could have been handled on).
func (p ReportPeriod) ReportLateness(c *Calendar, day Date) (late bool, workdays int) {
	deadline, _ := p.Deadline(c)
	if !day.After(deadline) {
		return false, 0
	}
	return true, max(1, c.WorkdaysBetween(deadline, day))
}

// Report submission states: a report is generated from the statistics
// whenever it is asked for; its region's reviewer marks it reviewed, then
// submitted (上报).
const (
	ReportGenerated = "generated"
	ReportReviewed  = "reviewed"
	ReportSubmitted = "submitted"
)

// ReportNext checks that a report in state from may move to state to:
// generated → reviewed → submitted, one step at a time. It returns
// CodeInvalid naming "state" for an unknown state and CodeConflict for a
// step out of order.
func ReportNext(from, to string) error {
	switch to {
	case ReportReviewed:
		if from == ReportGenerated {
			return nil
		}
	case ReportSubmitted:
		if from == ReportReviewed {
			return nil
		}
	default:
		return Invalid("state", "%q is not a state a report moves to (expected reviewed or submitted)", to)
	}
	return &Error{Code: CodeConflict, Field: "state", Message: "a " + from + " report cannot be marked " + to + " (generated → reviewed → submitted)"}
}
