package api

import (
	"encoding/json"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"

	"landwatch/land"
	"landwatch/sql"
)

// listAudit is GET /audit?actor=&action=&from=&to=&before=&limit=: the
// audit log, newest first.
func (s *Server) listAudit(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "actor", "action", "from", "to", "before", "limit"); err != nil {
		return err
	}
	f := sql.AuditFilter{Actor: q.Get("actor"), Action: q.Get("action"), Limit: 100}
	for _, p := range []struct {
		name string
		t    *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		if v := q.Get(p.name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return land.Invalid(p.name, "%q is not a time such as 2026-11-26T09:00:00+08:00", v)
			}
			*p.t = t
		}
	}
	for _, p := range []struct {
		name string
		v    *int64
		max  int64
	}{{"before", &f.Before, math.MaxInt64}, {"limit", nil, 1000}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 || n > p.max {
				return land.Invalid(p.name, "%q is not a number from 1 to %d", v, p.max)
			}
			if p.v != nil {
				*p.v = n
			} else {
				f.Limit = int(n)
			}
		}
	}
	items, more, err := s.svc.AuditLog(r.Context(), scope(r), f)
	if err != nil {
		return err
	}
	if c := callerOf(r); s.profile == ProfileExternal || !s.internal(c.address) {
		for i := range items {
			items[i].Detail = withoutPositions(items[i].Detail)
		}
	}
	var next any
	if more && len(items) > 0 {
		q.Set("before", strconv.FormatInt(items[len(items)-1].ID, 10))
		next = "/api/v1/audit?" + q.Encode()
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{"items": items, "total": len(items), "next": next})
	return nil
}

// positionParams are the query parameters that name a position or an area.
var positionParams = map[string]bool{"near": true, "bbox": true, "within": true, "lon": true, "lat": true, "x": true, "y": true, "point": true, "geometry": true,
	"filter": true} // a CQL2 filter may hold a geometry, in metres without a fraction

// decimalNumber is a number with a fraction, as positions are written.
var decimalNumber = regexp.MustCompile(`\d\.\d`)

// withoutPositions is an audit entry's detail with the values of its
// request's query that could tell where land lies (a box, a point, any
// decimal number) replaced by "hidden": what an audit listing shows
// outside the internal networks or under the external profile (DESIGN §9).
func withoutPositions(detail json.RawMessage) json.RawMessage {
	var d map[string]any
	if json.Unmarshal(detail, &d) != nil {
		return json.RawMessage(`{}`)
	}
	query, ok := d["query"].(string)
	if !ok || query == "" {
		return detail
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		d["query"] = "hidden"
	} else {
		shown := url.Values{}
		for k, vs := range q {
			if decimalNumber.MatchString(k) {
				k = "hidden"
			}
			for _, v := range vs {
				if positionParams[k] || decimalNumber.MatchString(v) {
					v = "hidden"
				}
				shown.Add(k, v)
			}
		}
		d["query"] = shown.Encode()
	}
	out, err := json.Marshal(d)
	if err != nil {
		return json.RawMessage(`{}`)
	}
	return out
}
