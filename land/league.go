package land

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The kinds of finding that are signs of false (虚报) or concealed (瞒报)
// reporting (issue 16, 通报). Construction on land recorded as not started
// is the inconsistency finding (FindingInconsistency), a sign of
// concealment too.
const (
	// FindingStartUnbuilt is a construction start recorded where the
	// footprints observed long after show next to nothing built (虚报开工).
	FindingStartUnbuilt = "start_unbuilt"
	// FindingAreaMismatch is a supply whose declared area differs from
	// its parcels' measured plane area by more than the tolerance.
	FindingAreaMismatch = "area_mismatch"
	// FindingNoBoundary is a supply still without boundaries past the
	// deadline after its entry (瞒报界址).
	FindingNoBoundary = "no_boundary"
)

// FalseReportingKinds and ConcealedReportingKinds are the finding kinds
// the league counts as signs of false and of concealed reporting.
var (
	FalseReportingKinds     = []string{FindingStartUnbuilt, FindingAreaMismatch}
	ConcealedReportingKinds = []string{FindingInconsistency, FindingNoBoundary}
)

// ReportingRule holds the values of the reporting checks.
type ReportingRule struct {
	// UnbuiltMonths after a recorded start, footprints covering less
	// than UnbuiltCoverage of the parcels make a start_unbuilt finding.
	UnbuiltMonths   int
	UnbuiltCoverage float64
	// AreaTolerance is the largest relative difference between a
	// supply's declared area and its parcels' plane area.
	AreaTolerance float64
	// BoundaryDays after its entry a supply must have its boundaries.
	BoundaryDays int
}

// DefaultReportingRule is 12 months and 10 %, 5 %, and 30 days.
func DefaultReportingRule() ReportingRule {
	return ReportingRule{UnbuiltMonths: 12, UnbuiltCoverage: 0.10, AreaTolerance: 0.05, BoundaryDays: 30}
}

// Unbuilt reports whether a start recorded on start, seen by footprints
// observed up to lastObserved covering coverage of the parcels, is a sign
// of a false start: the footprints are from at least UnbuiltMonths after
// the start and cover less than UnbuiltCoverage.
func (r ReportingRule) Unbuilt(start, lastObserved Date, coverage float64) bool {
	if start.IsZero() || lastObserved.IsZero() {
		return false
	}
	due := Date{start.t.AddDate(0, r.UnbuiltMonths, 0)}
	return !lastObserved.Before(due) && coverage < r.UnbuiltCoverage
}

// AreaMismatch returns the relative difference between a declared area
// and the measured one (both ha) and whether it is past the tolerance;
// nothing is measured without parcels.
func (r ReportingRule) AreaMismatch(declared, measured float64) (float64, bool) {
	if measured <= 0 || declared <= 0 {
		return 0, false
	}
	d := (declared - measured) / measured
	if d < 0 {
		d = -d
	}
	return d, d > r.AreaTolerance
}

// Period is a reporting period of the 2008 notice: a quarter (2026Q3),
// a half (2026H1), the first three quarters (2026Q1-3) or a year (2026).
type Period struct {
	Name string `json:"period"`
	From Date   `json:"from"`
	To   Date   `json:"to"`
}

var periodPattern = regexp.MustCompile(`^(\d{4})(?:(Q[1-4])|(H[12])|(Q1-3))?$`)

// ParsePeriod reads a period name; errors name the field "period".
func ParsePeriod(s string) (Period, error) {
	m := periodPattern.FindStringSubmatch(s)
	if m == nil {
		return Period{}, Invalid("period", "%q is not a period such as 2026Q3, 2026H1, 2026Q1-3 or 2026", s)
	}
	y, _ := strconv.Atoi(m[1])
	first, last := 1, 12
	switch {
	case m[2] != "":
		q := int(m[2][1] - '0')
		first, last = 3*q-2, 3*q
	case m[3] != "":
		h := int(m[3][1] - '0')
		first, last = 6*h-5, 6*h
	case m[4] != "":
		last = 9
	}
	from := NewDate(y, time.Month(first), 1)
	return Period{Name: s, From: from, To: MonthEnd(NewDate(y, time.Month(last), 1))}, nil
}

// LeagueFigures are what the 通报 league weighs of one region in a period.
type LeagueFigures struct {
	// Records entered in the period (every kind of the register that
	// stores its lag), those entered late, and the median lag.
	Records   int     `json:"records"`
	Late      int     `json:"late"`
	MedianLag float64 `json:"median_lag_workdays"`
	// LateByKind splits Late by the kind of record (supply, event, …).
	LateByKind map[string]int `json:"late_by_kind"`
	// The backlog at the period's end (DESIGN §4.1, Overdue).
	OverdueDelivery   int `json:"overdue_delivery"`
	OverdueStart      int `json:"overdue_start"`
	OverdueCompletion int `json:"overdue_completion"`
	// Idle land at the period's end: suspected, and determined (or in
	// disposal), with the supplies' area.
	IdleSuspected    int     `json:"idle_suspected"`
	IdleSuspectedHa  float64 `json:"idle_suspected_ha"`
	IdleDetermined   int     `json:"idle_determined"`
	IdleDeterminedHa float64 `json:"idle_determined_ha"`
	Overlaps         int     `json:"overlaps"`
	// LateReports are the quarterly reports submitted after their due day.
	LateReports int `json:"late_reports"`
	// Signs of false and concealed reporting open at the period's end.
	FalseSigns     int `json:"false_signs"`
	ConcealedSigns int `json:"concealed_signs"`
}

// LateShare is the share of the records entered late (0 without records).
func (f LeagueFigures) LateShare() float64 {
	if f.Records == 0 {
		return 0
	}
	return float64(f.Late) / float64(f.Records)
}

// Backlog is the overdue deliveries, starts and completions together.
func (f LeagueFigures) Backlog() int { return f.OverdueDelivery + f.OverdueStart + f.OverdueCompletion }

// Score is the league's mark out of 100: a region loses
//
//   - 40 × the share of its records entered late;
//   - 20 × its backlog over 20 (at most 20: 20 overdue items cost all);
//   - 15 × its idle supplies (suspected or determined) over 10, at most 15;
//   - 10 × its open overlaps over 10, at most 10;
//   - 5 for any quarterly report submitted late;
//   - 10 × its signs of false or concealed reporting over 5, at most 10.
//
// Timeliness weighs most because it is what the 2008 notice asks of every
// region; the counts are capped so that one large backlog does not hide
// the rest. Rounded to one decimal.
func (f LeagueFigures) Score() float64 {
	capped := func(weight float64, n, full int) float64 { return weight * min(1, float64(n)/float64(full)) }
	lost := 40*f.LateShare() + capped(20, f.Backlog(), 20) + capped(15, f.IdleSuspected+f.IdleDetermined, 10) +
		capped(10, f.Overlaps, 10) + capped(5, f.LateReports, 1) + capped(10, f.FalseSigns+f.ConcealedSigns, 5)
	s := 100 - lost
	return float64(int(s*10+0.5)) / 10
}

// BulletinThresholds are the figures past which the 通报 criticises a region.
type BulletinThresholds struct {
	LateShare float64 `json:"late_share"` // share of records entered late (0.2)
	Backlog   int     `json:"backlog"`    // overdue items (10)
	Idle      int     `json:"idle"`       // idle supplies, suspected or determined (1)
	Signs     int     `json:"signs"`      // signs of false or concealed reporting (1)
}

// DefaultBulletinThresholds are 20 % late, 10 overdue, 1 idle supply and
// 1 sign of false or concealed reporting; any late report is criticised.
func DefaultBulletinThresholds() BulletinThresholds {
	return BulletinThresholds{LateShare: 0.2, Backlog: 10, Idle: 1, Signs: 1}
}

// Criticism is one reason the 通报 names a region.
type Criticism struct {
	Code   string `json:"code"`
	Reason string `json:"reason"`
}

// Criticisms lists why a region of these figures is criticised, in the
// order of the 2008 notice: late, backlog, idle land, false or concealed
// reporting, late reports. None when it passes every threshold.
func (f LeagueFigures) Criticisms(t BulletinThresholds) []Criticism {
	out := []Criticism{}
	if f.Records > 0 && f.LateShare() > t.LateShare {
		out = append(out, Criticism{"late_entry", fmt.Sprintf("迟报：%d 条记录中 %d 条超过 7 个工作日录入（%.0f%%），中位滞后 %.0f 个工作日",
			f.Records, f.Late, f.LateShare()*100, f.MedianLag)})
	}
	if f.Backlog() >= t.Backlog {
		out = append(out, Criticism{"backlog", fmt.Sprintf("逾期：未交地 %d 宗、未开工 %d 宗、未竣工 %d 宗",
			f.OverdueDelivery, f.OverdueStart, f.OverdueCompletion)})
	}
	if n := f.IdleSuspected + f.IdleDetermined; n >= t.Idle && t.Idle > 0 {
		out = append(out, Criticism{"idle", fmt.Sprintf("闲置土地：疑似 %d 宗 %.2f 公顷，认定 %d 宗 %.2f 公顷",
			f.IdleSuspected, f.IdleSuspectedHa, f.IdleDetermined, f.IdleDeterminedHa)})
	}
	if f.FalseSigns >= t.Signs && t.Signs > 0 {
		out = append(out, Criticism{"false_reporting", fmt.Sprintf("虚报迹象 %d 处（开工而未见建设、面积不符）", f.FalseSigns)})
	}
	if f.ConcealedSigns >= t.Signs && t.Signs > 0 {
		out = append(out, Criticism{"concealed_reporting", fmt.Sprintf("瞒报迹象 %d 处（已建设而未报开工、逾期无界址）", f.ConcealedSigns)})
	}
	if f.LateReports > 0 {
		out = append(out, Criticism{"late_report", fmt.Sprintf("季度报告逾期报送 %d 次", f.LateReports)})
	}
	return out
}

// LeagueRow is one region of the league with its score and rank (1 best).
type LeagueRow struct {
	Region string `json:"region_code"`
	Name   string `json:"name"`
	LeagueFigures
	LateShare float64 `json:"late_share"`
	Backlog   int     `json:"backlog"`
	Score     float64 `json:"score"`
	Rank      int     `json:"rank"`
}

// RankLeague scores the rows and orders them best first: by score, then
// the smaller late share, then the region code; equal scores and shares
// share a rank.
func RankLeague(rows []LeagueRow) {
	for i := range rows {
		rows[i].LateShare, rows[i].Backlog, rows[i].Score = rows[i].LeagueFigures.LateShare(), rows[i].LeagueFigures.Backlog(), rows[i].LeagueFigures.Score()
	}
	slices.SortStableFunc(rows, func(a, b LeagueRow) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.LateShare, b.LateShare), strings.Compare(a.Region, b.Region))
	})
	for i := range rows {
		rows[i].Rank = i + 1
		if i > 0 && rows[i].Score == rows[i-1].Score && rows[i].LateShare == rows[i-1].LateShare {
			rows[i].Rank = rows[i-1].Rank
		}
	}
}
