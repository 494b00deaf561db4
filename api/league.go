package api

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/gorilla/mux"

	"landwatch/export"
	"landwatch/land"
	"landwatch/sql"
	"landwatch/supervision"
)

// parsePeriodRegion reads period (required) and region (optional).
func parsePeriodRegion(q url.Values, period string) (land.Period, string, error) {
	p, err := land.ParsePeriod(period)
	if err != nil {
		return p, "", err
	}
	region := q.Get("region")
	if region != "" && (len(region) != 6 || !digits(region)) {
		return p, "", land.Invalid("region", "%q is not a 6-digit region code", region)
	}
	return p, region, nil
}

// league is GET /league?period=&region=&mine=&cursor=&limit=: the 通报
// league of the regions one level below region (the caller's own), ranked
// by score (land.LeagueFigures.Score), a page at a time; with mine=true,
// the caller's own region's place among its parent's regions.
func (s *Server) league(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "period", "region", "mine", "cursor", "limit"); err != nil {
		return err
	}
	switch q.Get("mine") {
	case "", "false":
	case "true":
		if q.Has("region") {
			return land.Invalid("region", "mine=true is the caller's own region: no region with it")
		}
		return s.leagueMine(w, r)
	default:
		return land.Invalid("mine", "%q is not true or false", q.Get("mine"))
	}
	p, region, err := parsePeriodRegion(q, q.Get("period"))
	if err != nil {
		return err
	}
	offset, limit, err := parsePage(q)
	if err != nil {
		return err
	}
	rows, err := s.svc.League(r.Context(), scope(r), region, p)
	if err != nil {
		return err
	}
	writePage(s, w, r.URL, rows, offset, limit)
	return nil
}

// leagueMine is GET /league/mine?period=: the caller's region's row of the
// league of its parent's regions and how many regions are ranked.
func (s *Server) leagueMine(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "period", "mine"); err != nil {
		return err
	}
	p, err := land.ParsePeriod(q.Get("period"))
	if err != nil {
		return err
	}
	row, of, err := s.svc.LeaguePosition(r.Context(), scope(r), p)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{"period": p, "position": row, "of": of})
	return nil
}

// bulletin is GET /league/{period}/bulletin?region=: the 通报 of a period
// as JSON, the regions it criticises with the reasons.
func (s *Server) bulletin(w http.ResponseWriter, r *http.Request) error {
	b, err := s.readBulletin(r)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", b)
	return nil
}

// readBulletin makes the 通报 of the request's period and region.
func (s *Server) readBulletin(r *http.Request) (*supervision.Bulletin, error) {
	q := r.URL.Query()
	if err := onlyParams(q, "region"); err != nil {
		return nil, err
	}
	p, region, err := parsePeriodRegion(q, mux.Vars(r)["period"])
	if err != nil {
		return nil, err
	}
	return s.svc.Bulletin(r.Context(), scope(r), region, p)
}

// bulletinXLSX is GET /league/{period}/bulletin.xlsx?region=: the same 通报
// as an Excel workbook, one sheet of the league and one of the regions
// criticised with their reasons; numbers are numbers.
func (s *Server) bulletinXLSX(w http.ResponseWriter, r *http.Request) error {
	b, err := s.readBulletin(r)
	if err != nil {
		return err
	}
	league := export.Sheet{Name: "排名", Columns: sheetColumns([]string{"名次", "行政区代码", "行政区", "得分", "录入记录", "迟报", "迟报比例", "中位滞后(工作日)",
		"逾期未交地", "逾期未开工", "逾期未竣工", "疑似闲置(宗)", "疑似闲置(公顷)", "认定闲置(宗)", "认定闲置(公顷)", "重复供地", "逾期报告", "虚报迹象", "瞒报迹象"}, 1, 2)}
	for _, x := range b.League {
		league.Rows = append(league.Rows, []any{x.Rank, x.Region, x.Name, x.Score, x.Records, x.Late, x.LateShare, x.MedianLag,
			x.OverdueDelivery, x.OverdueStart, x.OverdueCompletion, x.IdleSuspected, x.IdleSuspectedHa, x.IdleDetermined, x.IdleDeterminedHa,
			x.Overlaps, x.LateReports, x.FalseSigns, x.ConcealedSigns})
	}
	criticised := export.Sheet{Name: "通报批评", Columns: sheetColumns([]string{"名次", "行政区代码", "行政区", "得分", "原因"}, 1, 2, 4)}
	for _, c := range b.Criticised {
		for _, why := range c.Reasons {
			criticised.Rows = append(criticised.Rows, []any{c.Rank, c.Region, c.Name, c.Score, why.Reason})
		}
	}
	return writeWorkbook(w, "bulletin-"+b.Period.Name+".xlsx", []export.Sheet{league, criticised})
}

// sheetColumns are the columns of a sheet headed headers: numbers, but for
// the columns at the indices text.
func sheetColumns(headers []string, text ...int) []export.Column {
	cols := make([]export.Column, len(headers))
	for i, h := range headers {
		cols[i] = export.Column{Name: h, Header: h, Type: export.Number}
		if slices.Contains(text, i) {
			cols[i].Type = export.Text
		}
	}
	return cols
}

// summaryFigure is a figure of the statistics summary with the list of
// the records behind it.
type summaryFigure struct {
	sql.SummaryFigure
	URL string `json:"url"`
}

// statisticsSummary is GET /statistics/summary?region=&from=&to=: idle
// land, overlaps and development of the caller's subtree (or region's) for
// a period, each figure with its list. Development counts approved
// supplies with a contract in the period; their list is the period's
// supplies (the list has no filter by step).
func (s *Server) statisticsSummary(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "region", "from", "to"); err != nil {
		return err
	}
	var from, to land.Date
	if err := parseDateRange(q, &from, &to); err != nil {
		return err
	}
	region := q.Get("region")
	if region != "" && (len(region) != 6 || !digits(region)) {
		return land.Invalid("region", "%q is not a 6-digit region code", region)
	}
	sum, err := s.svc.StatisticsSummary(r.Context(), scope(r), region, from, to)
	if err != nil {
		return err
	}
	findings := func(kind, status string) string {
		v := url.Values{"kind": {kind}}
		if region != "" {
			v.Set("region", region)
		}
		if status != "" {
			v.Set("status", status)
		}
		return "/api/v1/findings?" + v.Encode()
	}
	supplies := supplyListURL(sql.SupplyFilter{Region: region, From: from, To: to, Review: land.ReviewApproved})
	fig := func(f sql.SummaryFigure, u string) summaryFigure { return summaryFigure{f, u} }
	dev := func(d sql.DevelopmentFigures) map[string]summaryFigure {
		return map[string]summaryFigure{"on_time": fig(d.OnTime, supplies), "late": fig(d.Late, supplies)}
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{
		"region": region, "from": from, "to": to,
		"idle": map[string]summaryFigure{
			"suspected":  fig(sum.IdleSuspected, findings(land.FindingSuspectedIdle, "")),
			"determined": fig(sum.IdleDetermined, findings(land.FindingSuspectedIdle, land.FindingDetermined)),
			"disposed":   fig(sum.IdleDisposed, findings(land.FindingSuspectedIdle, land.FindingDisposal)),
		},
		"overlaps":    fig(sum.Overlaps, findings(land.FindingOverlap, "")),
		"development": map[string]any{"delivered": dev(sum.Delivered), "started": dev(sum.Started), "completed": dev(sum.Completed)},
	})
	return nil
}
