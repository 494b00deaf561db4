package api

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"landwatch/importer/importtest"
	"landwatch/land"
	"landwatch/sql"
)

// A county's register of transactions (the importer's CSV fixture: a
// mortgage and a lease on land suspected idle, and a row with two bad
// fields) is imported through POST /imports: the good rows are created
// with their lag and each carries the idle-land warning on its line, the
// bad row is rejected on its line naming each field; imported again
// nothing changes. A workbook's mortgage is created alike, and a row of a
// supply of another county is rejected by the clerk's scope.
func TestTransactionsImportedFromAFile(t *testing.T) {
	ts, admin, _, _ := suspectedLand(t, "1306262022B00401", 2024, 6, 30)
	clerk := ts.account(t, "import-clerk", land.RoleClerk, "130626")
	other := ts.account(t, "other-clerk", land.RoleClerk, "130627")
	file, err := os.ReadFile("../importer/testdata/transaction/交易.csv")
	if err != nil {
		t.Fatal(err)
	}
	post := func(c testClient, name string, body []byte) sql.ImportReport {
		c.t.Helper()
		resp, b := c.do("POST", "/api/v1/imports?name="+name, nil, body)
		c.status(http.StatusOK, resp, b)
		var rep sql.ImportReport
		if err := json.Unmarshal(b, &rep); err != nil {
			c.t.Fatal(err)
		}
		return rep
	}

	rep := post(clerk.as(t), "交易.csv", file)
	if rep.Accepted != 2 || rep.Created != 2 || len(rep.Rejected) != 2 {
		t.Fatalf("report %+v: want 2 created, 2 rejections of line 4", rep)
	}
	for _, x := range rep.Rejected {
		if x.Line != 4 || (x.Field != "kind" && x.Field != "area_ha") {
			t.Errorf("rejection %+v: want line 4, kind or area_ha", x)
		}
	}
	idle := map[int]bool{}
	for _, w := range rep.Warnings {
		if w.Field == "idle_land" && strings.Contains(w.Message, "suspected idle") && strings.Contains(w.Message, "idle_transaction") {
			idle[w.Line] = true
		}
	}
	if !idle[2] || !idle[3] {
		t.Errorf("idle-land warnings on lines %v, want 2 and 3: %+v", idle, rep.Warnings)
	}
	if got := findings(admin, "kind=idle_transaction"); len(got) != 2 {
		t.Errorf("idle_transaction findings %+v, want one per transaction", got)
	}
	resp, body := clerk.do("GET", "/api/v1/transactions/冀(2024)定兴县不动产证明第0000401号", nil, nil)
	clerk.status(http.StatusOK, resp, body)
	var m land.Transaction
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	if m.Kind != land.TransactionMortgage || m.AmountWan == nil || *m.AmountWan != 1200 || m.LagWorkdays == nil || !m.Late ||
		m.ReviewStatus != land.ReviewSubmitted || m.Version != 1 || !m.Active() {
		t.Fatalf("imported mortgage %s", body)
	}

	if rep := post(clerk.as(t), "交易.csv", file); rep.Unchanged != 2 || rep.Created != 0 || rep.Updated != 0 {
		t.Errorf("the same file again: %+v, want 2 unchanged", rep)
	}
	released := strings.Replace(string(file), "2024-07-01,\r\n", "2024-07-01,2024-08-01\r\n", 1)
	if rep := post(clerk.as(t), "交易.csv", []byte(released)); rep.Updated != 1 || rep.Unchanged != 1 {
		t.Errorf("a release added: %+v, want 1 updated", rep)
	}

	book := importtest.Workbook(t, importtest.Sheet{Name: "抵押", Rows: [][]any{
		{"电子监管号", "交易类型", "抵押人", "抵押权人", "抵押金额(万元)", "面积(公顷)", "登记证明号", "登记日期"},
		{"1306262022B00401", "抵押", "某公司", "某银行", 300.0, 0.2, "DY-XLSX-1", "2024-09-02"},
	}})
	if rep := post(clerk.as(t), "抵押.xlsx", book); rep.Created != 1 || len(rep.Rejected) != 0 || len(rep.Warnings) == 0 || rep.Warnings[0].Line != 2 {
		t.Errorf("the workbook: %+v, want 1 created with its warning on line 2", rep)
	}
	elsewhere := importtest.Workbook(t, importtest.Sheet{Name: "抵押", Rows: [][]any{
		{"电子监管号", "交易类型", "抵押人", "抵押权人", "抵押金额(万元)", "面积(公顷)", "登记证明号", "登记日期"},
		{"1306262022B00401", "抵押", "某公司", "某银行", 300.0, 0.2, "DY-XLSX-2", "2024-09-02"},
	}})
	if rep := post(other.as(t), "抵押.xlsx", elsewhere); rep.Accepted != 0 || len(rep.Rejected) != 1 || rep.Rejected[0].Field != "e_number" {
		t.Errorf("another county's import: %+v, want the row rejected naming e_number", rep)
	}
}
