package api

import (
	"encoding/json"
	"net/http"
	"testing"

	"landwatch/land"
)

// importReport is the report of POST /imports as the tests read it.
type importReport struct {
	Accepted  int              `json:"accepted"`
	Created   int              `json:"created"`
	Updated   int              `json:"updated"`
	Unchanged int              `json:"unchanged"`
	Rejected  []land.Rejection `json:"rejected"`
	Warnings  []land.Warning   `json:"warnings"`
	Tables    []struct {
		File string `json:"file"`
		Read []struct {
			Label, Field string
		} `json:"read"`
	} `json:"tables"`
}

// postImport imports a file named name through POST /imports as c and
// returns the report, failing unless it is answered 200.
func postImport(t *testing.T, c testClient, name string, body []byte) importReport {
	t.Helper()
	resp, b := c.do("POST", "/api/v1/imports?name="+name, nil, body)
	c.status(http.StatusOK, resp, b)
	var rep importReport
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}
