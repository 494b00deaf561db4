package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// The checks every record kind's end-to-end test makes alike.

// decodeAs reads an answer's body as a T, failing t when it is not one.
func decodeAs[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return v
}

// approvedByReviewerNotClerk has the clerk who submitted the record at
// path refused its approval (whoever submitted may not approve), then the
// reviewer approve it.
func approvedByReviewerNotClerk(t *testing.T, clerk, reviewer testClient, path string) {
	t.Helper()
	resp, body := clerk.as(t).do("POST", path+"/review", nil, []byte(`{"decision":"approve"}`))
	clerk.as(t).status(http.StatusForbidden, resp, body)
	resp, body = reviewer.as(t).do("POST", path+"/review", nil, []byte(`{"decision":"approve"}`))
	reviewer.as(t).status(http.StatusOK, resp, body)
	if !strings.Contains(string(body), `"review_status":"approved"`) {
		t.Fatalf("after approval: %s", body)
	}
}

// audited fails unless the audit log, read by admin, holds an entry of
// actor naming path.
func audited(t *testing.T, admin testClient, actor, path string) {
	t.Helper()
	resp, body := admin.as(t).do("GET", "/api/v1/audit?actor="+actor, nil, nil)
	admin.as(t).status(http.StatusOK, resp, body)
	if !strings.Contains(string(body), path) {
		t.Fatalf("no audit entry of %s naming %s: %s", actor, path, body)
	}
}

// historyVersion is one version of a record's history as the API answers.
type historyVersion struct {
	Entity    string          `json:"entity"`
	Op        string          `json:"op"`
	Data      json.RawMessage `json:"data"`
	ChangedBy string          `json:"changed_by"`
}

// historyOfRecord reads the history at path (a record's history route
// with its query) as c.
func historyOfRecord(t *testing.T, c testClient, path string) []historyVersion {
	t.Helper()
	resp, body := c.as(t).do("GET", path, nil, nil)
	c.as(t).status(http.StatusOK, resp, body)
	return decodeAs[struct {
		Items []historyVersion `json:"items"`
	}](t, body).Items
}
