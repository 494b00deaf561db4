package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"landwatch/land"
)

// An inspector picks whom to assign a finding to by name: the list names
// the enabled accounts of the region that work findings, of the role asked
// for, and nobody of another county.
func TestAnInspectorListsTheAccountsAFindingMayBeAssignedTo(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	admin := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	insp := ts.account(t, "inspector-a", land.RoleInspector, "130626")
	ts.account(t, "inspector-b", land.RoleInspector, "130626")
	ts.account(t, "clerk-a", land.RoleClerk, "130626")
	ts.account(t, "inspector-tang", land.RoleInspector, "130627")
	ts.account(t, "gone", land.RoleInspector, "130626")
	resp, b := admin.do("PATCH", "/api/v1/accounts/gone", nil, []byte(`{"disabled":true}`))
	admin.status(http.StatusOK, resp, b)

	names := func(c testClient, path string) []string {
		resp, b := c.do("GET", path, nil, nil)
		c.status(http.StatusOK, resp, b)
		var out struct {
			Items []land.User `json:"items"`
		}
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatalf("%s: %s: %v", path, b, err)
		}
		var n []string
		for _, u := range out.Items {
			n = append(n, u.Name)
		}
		slices.Sort(n)
		return n
	}
	if got := names(insp, "/api/v1/assignees?region=130626&role=inspector"); !slices.Equal(got, []string{"inspector-a", "inspector-b"}) {
		t.Errorf("inspectors of 130626: %v", got)
	}
	if got := names(insp, "/api/v1/assignees"); slices.Contains(got, "clerk-a") || slices.Contains(got, "inspector-tang") || !slices.Contains(got, "inspector-b") {
		t.Errorf("the caller's region, only those who work findings: %v", got)
	}

	resp, b = insp.do("GET", "/api/v1/assignees?region=130627", nil, nil)
	insp.status(http.StatusForbidden, resp, b)
	resp, b = insp.do("GET", "/api/v1/assignees?role=boss", nil, nil)
	insp.status(http.StatusBadRequest, resp, b)
	clerk := ts.account(t, "clerk-c", land.RoleClerk, "130626")
	resp, b = clerk.do("GET", "/api/v1/assignees", nil, nil)
	clerk.status(http.StatusForbidden, resp, b)
	if strings.Contains(string(b), "inspector-b") {
		t.Errorf("a clerk's refusal names accounts: %s", b)
	}
}
