package api

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"landwatch/land"
	"landwatch/sql/sqltest"
)

// A table of supply plans (the importer's CSV fixture: a county's plan,
// its neighbour's, and a row with a bad year and a bad area) is imported
// through POST /imports by a county's clerk: the county's plan is created
// waiting for review, the neighbour's is refused by the clerk's scope, the
// bad row is rejected on its line naming each field; imported again
// nothing changes, and a changed row revises the plan of its region and
// year as a new version.
func TestPlansImportedFromAFile(t *testing.T) {
	ts := newTestServerOf(t, sqltest.Service(t), nil)
	clerk := ts.account(t, "import-clerk", land.RoleClerk, "130626")
	file, err := os.ReadFile("../importer/testdata/plan/供地计划.csv")
	if err != nil {
		t.Fatal(err)
	}
	post := func(t *testing.T, body []byte) importReport {
		t.Helper()
		return postImport(t, clerk.as(t), "供地计划.csv", body)
	}
	rep := post(t, file)
	if rep.Accepted != 1 || rep.Created != 1 || len(rep.Rejected) != 3 {
		t.Fatalf("report %+v: want 1 created, the neighbour's refused and 2 rejections of line 4", rep)
	}
	fields := map[string]int{}
	for _, x := range rep.Rejected {
		fields[x.Field] = x.Line
	}
	if fields["year"] != 4 || fields["commerce_ha"] != 4 || fields["region_code"] != 3 {
		t.Fatalf("rejections %+v", rep.Rejected)
	}
	resp, body := clerk.do("GET", "/api/v1/plans/130626-2026", nil, nil)
	clerk.status(http.StatusOK, resp, body)
	if p := decodePlan(t, body); p.ReviewStatus != land.ReviewSubmitted || p.Version != 1 || p.LagWorkdays == nil {
		t.Fatalf("imported plan: %s", body)
	}

	if rep := post(t, file); rep.Unchanged != 1 || rep.Created != 0 || rep.Updated != 0 {
		t.Fatalf("imported again: %+v", rep)
	}
	revised := strings.Replace(string(file), ",12.5,30,20,", ",14,30,20,", 1)
	if rep := post(t, []byte(revised)); rep.Updated != 1 {
		t.Fatalf("revised: %+v", rep)
	}
	resp, body = clerk.do("GET", "/api/v1/plans/130626-2026", nil, nil)
	clerk.status(http.StatusOK, resp, body)
	if p := decodePlan(t, body); p.Version != 2 || !strings.Contains(string(body), `"commerce_ha":14`) {
		t.Fatalf("revised plan: %s", body)
	}
}
