package api

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/gorilla/mux"

	"landwatch/land"
	"landwatch/sql"
)

// findingID reads the {id} of a finding path.
func findingID(r *http.Request) (int64, error) {
	v := mux.Vars(r)["id"]
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, land.Invalid("id", "%q is not a finding id", v)
	}
	return id, nil
}

// getFinding is GET /findings/{id}: the finding and every move it made.
func (s *Server) getFinding(w http.ResponseWriter, r *http.Request) error {
	id, err := findingID(r)
	if err != nil {
		return err
	}
	f, steps, err := s.svc.Finding(r.Context(), scope(r), id)
	if err != nil {
		return err
	}
	s.sayFinding(r, f)
	s.writeJSON(w, http.StatusOK, "", struct {
		sql.Finding
		Steps []sql.FindingStep `json:"steps"`
	}{*f, steps})
	return nil
}

// moveFinding is PATCH /findings/{id} with {"status", "assignee", "reason"}
// (and "document_no", "decided_on", "cause" or "measure" for the
// determination and disposal of idle land): assign a finding, determine or
// dismiss it, … With {"step": "notice", "reason", "document_no",
// "decided_on"} it records the investigation notice of suspected idle land
// (调查通知书), leaving the status as it is.
func (s *Server) moveFinding(w http.ResponseWriter, r *http.Request) error {
	id, err := findingID(r)
	if err != nil {
		return err
	}
	var in land.FindingMove
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	f, err := s.svc.MoveFinding(r.Context(), scope(r), id, in)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", f)
	return nil
}

// listFindings is GET /findings?kind=&status=&region=&supply=&notice=;
// notice is owed, overdue or issued (the investigation notice of suspected
// idle land).
func (s *Server) listFindings(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, append(findingParams, "cursor", "limit")...); err != nil {
		return err
	}
	f, err := s.parseFindingFilter(r, q)
	if err != nil {
		return err
	}
	after, limit, err := parsePage(q)
	if err != nil {
		return err
	}
	f.After, f.Limit = int64(after), limit
	items, total, more, err := s.svc.ListFindings(r.Context(), scope(r), f)
	if err != nil {
		return err
	}
	for i := range items {
		s.sayFinding(r, &items[i])
	}
	writeKeyset(s, w, r.URL, items, total, more, func(x sql.Finding) int64 { return x.ID })
	return nil
}

// findingParams are the filters of the findings list (and its exports).
var findingParams = []string{"kind", "status", "region", "grade", "assignee", "supply", "near", "within", "notice"}

// parseFindingFilter reads the filters of GET /findings.
func (s *Server) parseFindingFilter(r *http.Request, q url.Values) (sql.FindingFilter, error) {
	f := sql.FindingFilter{Kind: q.Get("kind"), Status: q.Get("status"), Region: q.Get("region"), Grade: q.Get("grade"), Assignee: q.Get("assignee"),
		Notice: q.Get("notice")}
	if !slices.Contains([]string{"", "owed", "overdue", "issued"}, f.Notice) {
		return f, land.Invalid("notice", "%q is not owed, overdue or issued", f.Notice)
	}
	if v := q.Get("near"); v != "" {
		lon, lat, err := parseLonLat("near", v)
		if err != nil || lon < 73 || lon > 136 || lat < 3 || lat > 54 {
			return f, land.Invalid("near", "%q is not lon,lat in China", v)
		}
		f.Near, f.WithinM = &[2]float64{lon, lat}, 1000
		if within := q.Get("within"); within != "" {
			m, err := parseFinite("within", within)
			if err != nil || m <= 0 || m > 100000 {
				return f, land.Invalid("within", "%q is not a distance in metres up to 100000", within)
			}
			f.WithinM = m
		}
	}
	if v := q.Get("supply"); v != "" {
		sup, err := s.svc.GetSupply(r.Context(), scope(r), v)
		if err != nil {
			return f, err
		}
		f.Supply = sup.ID
	}
	return f, nil
}
