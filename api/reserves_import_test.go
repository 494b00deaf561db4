package api

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"landwatch/land"
	"landwatch/sql/sqltest"
)

// A county's register of reserves (the importer's CSV fixture: a good
// purchase, a good requisition with placeholders, and a row with three bad
// fields) is imported through POST /imports: the two good rows are
// created waiting for review with their lag measured, the bad row is
// rejected on its line with one rejection per field and leaves nothing,
// the report says what became of each column; imported again nothing
// changes, and a changed row makes a new version. A coordinate file keyed
// by the reserve number gives the reserve its boundary. A reserve of
// another county is rejected by the clerk's scope.
func TestReservesImportedFromAFile(t *testing.T) {
	ts := newTestServerOf(t, sqltest.Service(t), nil)
	clerk := ts.account(t, "import-clerk", land.RoleClerk, "130626")
	file, err := os.ReadFile("../importer/testdata/reserve/收储.csv")
	if err != nil {
		t.Fatal(err)
	}
	post := func(t *testing.T, name string, body []byte) importReport {
		t.Helper()
		return postImport(t, clerk.as(t), name, body)
	}

	rep := post(t, "收储.csv", file)
	if rep.Accepted != 2 || rep.Created != 2 || len(rep.Rejected) != 3 {
		t.Fatalf("report %+v: want 2 created, 3 rejections of line 4", rep)
	}
	for _, x := range rep.Rejected {
		if x.Line != 4 || x.Record != "CB130626-2026-13" {
			t.Errorf("rejection %+v: want line 4", x)
		}
	}
	if len(rep.Tables) != 1 || len(rep.Tables[0].Read) != 10 || rep.Tables[0].Read[0].Label != "储备编号" || rep.Tables[0].Read[0].Field != "number" {
		t.Errorf("tables %+v", rep.Tables)
	}
	resp, body := clerk.do("GET", "/api/v1/reserves/CB130626-2026-11", nil, nil)
	clerk.status(http.StatusOK, resp, body)
	var r land.Reserve
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	if r.Acquisition != land.AcquisitionPurchase || r.AreaHa != 2.5 || r.PlannedUseCode == "" || r.LagWorkdays == nil ||
		r.ReviewStatus != land.ReviewSubmitted || r.Version != 1 {
		t.Fatalf("imported reserve %s", body)
	}
	resp, body = clerk.do("GET", "/api/v1/reserves/CB130626-2026-13", nil, nil)
	clerk.status(http.StatusNotFound, resp, body)

	if rep := post(t, "收储.csv", file); rep.Unchanged != 2 || rep.Created != 0 || rep.Updated != 0 {
		t.Errorf("the same file again: %+v, want 2 unchanged", rep)
	}
	changed := strings.Replace(string(file), "城南旧村", "城南旧村改造区", 1)
	if rep := post(t, "收储.csv", []byte(changed)); rep.Updated != 1 || rep.Unchanged != 1 {
		t.Errorf("one row changed: %+v, want 1 updated", rep)
	}
	_, body = clerk.do("GET", "/api/v1/reserves/CB130626-2026-12", nil, nil)
	if !strings.Contains(string(body), "城南旧村改造区") || !strings.Contains(string(body), `"version":2`) {
		t.Errorf("after the changed row: %s", body)
	}

	// The reserve's boundary from the ministry's coordinate file, keyed by
	// its 储备编号 in the 地块编号 field as a supply's is by its number.
	coords, err := os.ReadFile("../importer/testdata/reserve/收储坐标.txt")
	if err != nil {
		t.Fatal(err)
	}
	if rep := post(t, "收储坐标.txt", coords); rep.Created != 1 || len(rep.Rejected) != 0 {
		t.Fatalf("the coordinate file: %+v", rep)
	}
	_, body = clerk.do("GET", "/api/v1/reserves/CB130626-2026-11", nil, nil)
	if err := json.Unmarshal(body, &r); err != nil || len(r.Parcels) != 1 || r.Parcels[0].PlaneAreaM2 < 24900 || r.Parcels[0].PlaneAreaM2 > 25100 {
		t.Fatalf("the reserve after its coordinate file: %s", body)
	}
	if rep := post(t, "收储坐标.txt", coords); rep.Unchanged != 1 {
		t.Errorf("the same boundary again: %+v", rep)
	}

	other := "储备编号,行政区,面积(公顷),收储方式,收储日期\nCB130627-2026-01,130627,1,收购,2026-03-02\n"
	if rep := post(t, "other.csv", []byte(other)); rep.Accepted != 0 || len(rep.Rejected) != 1 || rep.Rejected[0].Line != 2 {
		t.Errorf("another county's reserve: %+v", rep)
	}
}
