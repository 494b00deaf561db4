package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"landwatch/land"
	"landwatch/sql/sqltest"
)

func TestFootprintsArePostedOverHTTP(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	resp, b := c.do("POST", "/api/v1/footprints?source=2024+imagery", http.Header{"Content-Type": {"application/geo+json"}}, []byte(sqltest.FootprintFile))
	c.status(http.StatusOK, resp, b)
	var rep struct {
		Accepted int `json:"accepted"`
		Rejected []struct {
			Record string `json:"record"`
			Field  string `json:"field"`
		} `json:"rejected"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Accepted != 1 || len(rep.Rejected) != 1 || rep.Rejected[0].Record != "feature 2" || rep.Rejected[0].Field != "geometry" {
		t.Errorf("report %s, want one accepted and feature 2 rejected for its geometry", b)
	}
	resp, b = c.do("POST", "/api/v1/footprints?observed=2024-13-01", nil, []byte(sqltest.FootprintFile))
	c.status(http.StatusBadRequest, resp, b)
	if !strings.Contains(string(b), `"field":"observed"`) {
		t.Errorf("answer %s, want the field named", b)
	}
}
