package supervision

import (
	"context"
	"io/fs"
	"os"

	"landwatch/land"
	"landwatch/reference"
	"landwatch/sql"
)

// Report is the quarterly analysis report (季度分析报告) of a region and
// period, generated from the statistics whenever it is asked for: its
// tables, the text of the main changes, its due date and how far its
// submission has gone.
type Report struct {
	Region     land.Region       `json:"region"`
	Period     land.ReportPeriod `json:"-"`
	Overall    sql.Figures       `json:"overall"`
	Previous   sql.Figures       `json:"previous_year"`
	Tables     []ReportTable     `json:"tables"`
	Text       []string          `json:"text"`
	Deadline   land.Date         `json:"deadline"`
	Submission sql.ReportSubmission
	// Submits tells whether the region submits its report to the ministry
	// (a province or a key city); others may read theirs.
	Submits bool `json:"submits"`
	// Ended is whether the period is over: only then is the report final.
	Ended bool `json:"ended"`
}

// ReportTable is one table of a report: a sheet of its workbook.
type ReportTable struct {
	Key     string         `json:"key"`
	Title   string         `json:"title"`
	Columns []ReportColumn `json:"columns"`
	Rows    [][]any        `json:"rows"`  // text, float64 or int; nil where there is no figure
	Total   []any          `json:"total"` // the 合计 row; nil for a table without one
}

// ReportColumn is a column of a report table; Number columns hold figures.
type ReportColumn struct {
	Key    string `json:"key"`
	Title  string `json:"title"`
	Number bool   `json:"number"`
}

// loadKeyCities reads the list of key cities from file, or the one shipped
// with the division table when file is "", and checks it against the
// regions. The shipped list is partly unconfirmed; file is how the
// ministry's own list replaces it without a new release.
func loadKeyCities(regions *land.Regions, file string) ([]land.KeyCity, error) {
	var (
		f   fs.File
		err error
	)
	if file == "" {
		file = "key_cities.csv"
		f, err = reference.FS.Open("divisions/key_cities.csv")
	} else {
		f, err = os.Open(file)
	}
	if err != nil {
		return nil, land.Invalid(file, "cannot be read: %v", err)
	}
	defer f.Close()
	return land.LoadKeyCities(f, file, regions)
}

// KeyCities is the list of the 84 key cities (84个重点城市), in code order.
func (s *Service) KeyCities() []land.KeyCity { return s.rules.KeyCities }

// Report generates the report of region for period as sc sees it:
// CodeForbidden for a region outside sc, CodeInvalid for an unknown region.
func (s *Service) Report(ctx context.Context, sc land.Scope, region string, p land.ReportPeriod) (*Report, error) {
	reg, ok := s.rules.Regions.Lookup(region)
	if !ok && region == land.NationCode {
		reg, ok = land.Region{Code: land.NationCode, Name: "全国"}, true
	}
	if !ok {
		return nil, land.Invalid("region", "%s is not a known region", region)
	}
	if err := sc.Check(region); err != nil {
		return nil, err
	}
	r := &Report{Region: reg, Period: p, Submits: s.submitsReports(region), Ended: s.rules.Today().After(p.To())}
	r.Deadline, _ = p.Deadline(s.rules.Calendar)
	var err error
	if r.Submission, err = s.store.ReportSubmissionOf(ctx, sc, region, p.String()); err != nil {
		return nil, err
	}
	stats := func(g land.StatisticsGroup, q land.ReportPeriod) (*sql.Statistics, error) {
		return s.store.Statistics(ctx, sc, sql.StatisticsQuery{Group: g, Region: region, From: q.From(), To: q.To()})
	}
	groups := map[land.StatisticsGroup][2]*sql.Statistics{}
	for _, g := range land.StatisticsGroups {
		var pair [2]*sql.Statistics
		if pair[0], err = stats(g, p); err != nil {
			return nil, err
		}
		if g == land.ByLandUse || g == land.ByRegion || g == land.ByMethod {
			if pair[1], err = stats(g, p.Previous()); err != nil {
				return nil, err
			}
		}
		groups[g] = pair
	}
	r.Overall, r.Previous = groups[land.ByMethod][0].Overall, groups[land.ByMethod][1].Overall
	r.Tables = reportTables(groups)
	if t, err := s.planTable(ctx, sc, region, p.Year); err != nil {
		return nil, err
	} else if t != nil {
		r.Tables = append(r.Tables, *t)
	}
	r.Text = reportText(reg.Name, p, r.Overall, r.Previous, groups[land.ByLandUse], groups[land.ByRegion])
	return r, nil
}

// Lateness is whether the report is late and by how many working days: on
// the day it was submitted, or today while it is not.
func (s *Service) Lateness(p land.ReportPeriod, sub sql.ReportSubmission) (late bool, workdays int) {
	day := s.rules.Today()
	if sub.SubmittedAt != nil {
		day = land.DateOf(sub.SubmittedAt.In(s.rules.Zone))
	}
	return p.ReportLateness(s.rules.Calendar, day)
}

// planTable is the supply against the plan of the year, nil when the region
// has no plan of the year.
func (s *Service) planTable(ctx context.Context, sc land.Scope, region string, year int) (*ReportTable, error) {
	plan, err := s.store.GetPlan(ctx, sc, region+"-"+itoa(year))
	if land.ErrorCode(err) == land.CodeNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	t := &ReportTable{Key: "plan", Title: "供地计划执行情况（" + itoa(year) + "年计划，年度累计）", Columns: []ReportColumn{
		{"class", "用途", false}, {"planned_ha", "计划面积（公顷）", true}, {"supplied_ha", "已供应面积（公顷）", true},
		{"supplies", "宗数", true}, {"share", "完成比例（%）", true}}}
	for _, c := range plan.Progress.Classes {
		t.Rows = append(t.Rows, []any{c.Name, c.PlannedHa, c.SuppliedHa, c.Supplies, percentOf(c.Share)})
	}
	return t, nil
}

// ReportSubmissions lists every region that submits reports (each
// province and each key city) in the scope with its submission of period.
func (s *Service) ReportSubmissions(ctx context.Context, sc land.Scope, p land.ReportPeriod) ([]ReportStatus, error) {
	subs, err := s.store.ReportSubmissions(ctx, sc, p.String())
	if err != nil {
		return nil, err
	}
	deadline, _ := p.Deadline(s.rules.Calendar)
	var out []ReportStatus
	for _, reg := range s.submitters() {
		if !sc.Covers(reg.Code) {
			continue
		}
		sub, ok := subs[reg.Code]
		if !ok {
			sub = sql.ReportSubmission{Region: reg.Code, Period: p.String(), State: land.ReportGenerated}
		}
		st := ReportStatus{Region: reg, KeyCity: reg.Level == land.LevelPrefecture, Due: p.Due(), Deadline: deadline, ReportSubmission: sub}
		st.Late, st.LagWorkdays = s.Lateness(p, sub)
		out = append(out, st)
	}
	return out, nil
}

// ReportStatus is one line of the ministry's list of submissions.
type ReportStatus struct {
	Region      land.Region `json:"region"`
	KeyCity     bool        `json:"key_city"`
	Due         land.Date   `json:"due"`
	Deadline    land.Date   `json:"deadline"`
	Late        bool        `json:"late"`
	LagWorkdays int         `json:"lag_workdays"`
	sql.ReportSubmission
}

// submitters are the regions that submit reports: the provinces, then the
// key cities outside the municipalities (a municipality reports once, as
// a province).
func (s *Service) submitters() []land.Region {
	out := s.rules.Regions.Children("")
	for _, c := range s.rules.KeyCities {
		if c.Municipality() {
			continue
		}
		out = append(out, land.Region{Code: c.Code, Name: c.Name, Level: land.LevelPrefecture})
	}
	return out
}

// submitsReports tells whether region submits reports of its own.
func (s *Service) submitsReports(region string) bool {
	for _, reg := range s.submitters() {
		if reg.Code == region {
			return true
		}
	}
	return false
}

// MarkReport moves region's report of period one step (reviewed, then
// submitted). Only an account of the region itself — the province's or
// the key city's, with the review permission — may: CodeForbidden
// otherwise; CodeConflict for a step out of order or a period not over.
func (s *Service) MarkReport(ctx context.Context, sc land.Scope, region string, p land.ReportPeriod, state string) (*ReportStatus, error) {
	if u := sc.User(); u == nil || u.Region != region {
		return nil, &land.Error{Code: land.CodeForbidden, Field: "region", Message: "a report is reviewed and submitted by an account of its own region " + region}
	}
	if err := sc.Allow(land.PermReview, region); err != nil {
		return nil, err
	}
	if !s.submitsReports(region) {
		return nil, land.Invalid("region", "%s is neither a province nor a key city: it submits no report", region)
	}
	if !s.rules.Today().After(p.To()) {
		return nil, &land.Error{Code: land.CodeConflict, Field: "period", Message: "the period " + p.String() + " ends on " + p.To().String() + ": its report is final after that"}
	}
	sub, err := s.store.MarkReport(ctx, sc, region, p.String(), state, s.rules.Now())
	if err != nil {
		return nil, err
	}
	reg, _ := s.rules.Regions.Lookup(region)
	st := &ReportStatus{Region: reg, KeyCity: reg.Level == land.LevelPrefecture, Due: p.Due(), ReportSubmission: sub}
	st.Deadline, _ = p.Deadline(s.rules.Calendar)
	st.Late, st.LagWorkdays = s.Lateness(p, sub)
	return st, nil
}
