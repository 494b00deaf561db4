package api

import (
	"bytes"
	"net/http"

	"github.com/gorilla/mux"

	"landwatch/export"
	"landwatch/land"
	"landwatch/supervision"
)

// reportAnswer is a quarterly report as GET /reports/{region}/{period}
// answers it.
type reportAnswer struct {
	*supervision.Report
	Period      string    `json:"period"`
	PeriodName  string    `json:"period_name"`
	From        land.Date `json:"from"`
	To          land.Date `json:"to"`
	Due         land.Date `json:"due"`
	Late        bool      `json:"late"`
	LagWorkdays int       `json:"lag_workdays"`
	Submission  any       `json:"submission"`
	Excel       string    `json:"excel_url,omitempty"`
	Print       string    `json:"print_url"`
}

// reportOf reads the route's region and period and generates the report.
func (s *Server) reportOf(r *http.Request) (*supervision.Report, error) {
	v := mux.Vars(r)
	p, err := land.ParseReportPeriod(v["period"])
	if err != nil {
		return nil, err
	}
	return s.svc.Report(r.Context(), scope(r), v["region"], p)
}

// report is GET /reports/{region}/{period}: the report's tables, text, due
// date and submission.
func (s *Server) report(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r.URL.Query()); err != nil {
		return err
	}
	rep, err := s.reportOf(r)
	if err != nil {
		return err
	}
	p := rep.Period
	out := reportAnswer{Report: rep, Period: p.String(), PeriodName: p.Name(), From: p.From(), To: p.To(), Due: p.Due(),
		Submission: rep.Submission, Print: "/print/report.html?region=" + rep.Region.Code + "&period=" + p.String()}
	if rep.Submits {
		out.Late, out.LagWorkdays = s.svc.Lateness(p, rep.Submission)
	}
	if rep.Ended {
		out.Excel = "/api/v1/reports/" + rep.Region.Code + "/" + p.String() + ".xlsx"
	}
	s.writeJSON(w, http.StatusOK, "", out)
	return nil
}

// reportWorkbook is GET /reports/{region}/{period}.xlsx: the report's
// tables as an Excel workbook, a sheet per table, once the period is over.
func (s *Server) reportWorkbook(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r.URL.Query()); err != nil {
		return err
	}
	rep, err := s.reportOf(r)
	if err != nil {
		return err
	}
	if !rep.Ended {
		return &land.Error{Code: land.CodeConflict, Field: "period", Message: "the period " + rep.Period.String() + " is not over: its workbook is made after " + rep.Period.To().String()}
	}
	sheets := make([]export.Sheet, 0, len(rep.Tables)+1)
	for _, t := range rep.Tables {
		sh := export.Sheet{Name: t.Title, Rows: t.Rows}
		if len([]rune(sh.Name)) > 31 {
			sh.Name = string([]rune(sh.Name)[:31])
		}
		for _, c := range t.Columns {
			typ := export.Text
			if c.Number {
				typ = export.Number
			}
			sh.Columns = append(sh.Columns, export.Column{Name: c.Key, Header: c.Title, Type: typ})
		}
		if t.Total != nil {
			sh.Rows = append(sh.Rows[:len(sh.Rows):len(sh.Rows)], t.Total)
		}
		sheets = append(sheets, sh)
	}
	text := export.Sheet{Name: "主要变化", Columns: []export.Column{{Name: "text", Header: rep.Region.Name + rep.Period.Name() + "土地市场主要变化"}}}
	for _, line := range rep.Text {
		text.Rows = append(text.Rows, []any{line})
	}
	sheets = append(sheets, text)
	return writeWorkbook(w, "report-"+rep.Region.Code+"-"+rep.Period.String()+".xlsx", sheets)
}

// writeWorkbook answers sheets as an Excel workbook named file. It is
// written whole before answering, so that a failure is an error, not a cut
// file.
func writeWorkbook(w http.ResponseWriter, file string, sheets []export.Sheet) error {
	var buf bytes.Buffer
	if err := export.Workbook(&buf, sheets); err != nil {
		return land.Wrap(land.CodeInternal, err, "workbook %s", file)
	}
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", `attachment; filename="`+file+`"`)
	w.WriteHeader(http.StatusOK)
	_, _ = buf.WriteTo(w) // a client gone mid-file is no error of ours
	return nil
}

// markReport is POST /reports/{region}/{period}/submission with
// {"state": "reviewed"} or {"state": "submitted"}: the region's own
// account moves its report one step.
func (s *Server) markReport(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		State string `json:"state"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	v := mux.Vars(r)
	p, err := land.ParseReportPeriod(v["period"])
	if err != nil {
		return err
	}
	st, err := s.svc.MarkReport(r.Context(), scope(r), v["region"], p, body.State)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", st)
	return nil
}

// listReports is GET /reports?period=2026Q3: every province and key city
// in the caller's region with its report's state, due date, submission and
// lag in working days — for the ministry, the list of who is late.
func (s *Server) listReports(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "period"); err != nil {
		return err
	}
	if q.Get("period") == "" {
		return land.Invalid("period", "is required (2018Q1, 2018H1, 2018Q1-3 or 2018)")
	}
	p, err := land.ParseReportPeriod(q.Get("period"))
	if err != nil {
		return err
	}
	items, err := s.svc.ReportSubmissions(r.Context(), scope(r), p)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, it := range items {
		counts[it.State]++
		if it.Late {
			counts["late"]++
		}
	}
	if items == nil {
		items = []supervision.ReportStatus{}
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{"period": p.String(), "period_name": p.Name(), "due": p.Due(),
		"items": items, "total": len(items), "counts": counts, "next": nil})
	return nil
}
