package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"landwatch/importer/importtest"
	"landwatch/land"
	"landwatch/sql/sqltest"
)

// A village's collective land is imported from CSV and from Excel with the
// headers land offices write (土地所有权性质 国有/集体 and 集体经济组织, or
// 集体建设用地 是/否 and 所有权人): a collective row with its owner and a
// state row are created as such; a row saying 集体 without an owner is
// rejected on its line naming collective_owner, one allocating collective
// land (划拨) naming method, and the good rows are kept.
func TestCollectiveSuppliesImportedFromAFile(t *testing.T) {
	ts := newTestServerOf(t, sqltest.Service(t), nil)
	clerk := ts.account(t, "collective-import-clerk", land.RoleClerk, "130626")
	type report struct {
		Accepted int              `json:"accepted"`
		Created  int              `json:"created"`
		Rejected []land.Rejection `json:"rejected"`
	}
	rows := func(prefix string, yes, no string) [][]any {
		return [][]any{
			{"电子监管号", "项目名称", "面积(公顷)", "土地用途", "供地方式", "合同签订日期", "OWNERSHIP", "OWNER"},
			{"1306262026B" + prefix + "1", "东关村物流仓储", 1.2, "0901", "租赁", "2026-02-05", yes, "东关村股份经济合作社"},
			{"1306262026B" + prefix + "2", "城北商住", 1.5, "0701", "挂牌出让", "2026-02-05", no, ""},
			{"1306262026B" + prefix + "3", "东关村厂房", 0.8, "0601", "作价出资或入股", "2026-02-05", yes, ""},
			{"1306262026A" + prefix + "4", "东关村学校", 0.8, "0801", "划拨", "2026-02-05", yes, "东关村股份经济合作社"},
		}
	}
	for _, c := range []struct {
		name, file, ownership, owner, yes, no, prefix string
		xlsx                                          bool
	}{
		{"a CSV file", "集体.csv", "土地所有权性质", "集体经济组织", "集体", "国有", "0080", false},
		{"an Excel workbook", "集体.xlsx", "集体建设用地", "所有权人", "是", "否", "0090", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			table := rows(c.prefix, c.yes, c.no)
			table[0][6], table[0][7] = c.ownership, c.owner
			var body []byte
			if c.xlsx {
				body = importtest.Workbook(t, importtest.Sheet{Name: "集体建设用地", Rows: table})
			} else {
				var b strings.Builder
				for _, r := range table {
					for i, v := range r {
						if i > 0 {
							b.WriteString(",")
						}
						fmt.Fprint(&b, v)
					}
					b.WriteString("\n")
				}
				body = []byte(b.String())
			}
			cl := clerk.as(t)
			resp, b := cl.do("POST", "/api/v1/imports?name="+c.file, nil, body)
			cl.status(http.StatusOK, resp, b)
			var rep report
			if err := json.Unmarshal(b, &rep); err != nil {
				t.Fatal(err)
			}
			if rep.Created != 2 || len(rep.Rejected) != 2 {
				t.Fatalf("report %s: want 2 created, lines 4 and 5 rejected", b)
			}
			want := map[int]string{4: "collective_owner", 5: "method"}
			for _, x := range rep.Rejected {
				if want[x.Line] != x.Field {
					t.Errorf("rejection %+v: want line 4 on collective_owner, line 5 on method", x)
				}
			}
			resp, b = cl.do("GET", "/api/v1/supplies/1306262026B"+c.prefix+"1", nil, nil)
			cl.status(http.StatusOK, resp, b)
			if a := decodeCollective(t, b); !a.Collective || a.CollectiveOwner != "东关村股份经济合作社" {
				t.Errorf("the collective row: %s", b)
			}
			resp, b = cl.do("GET", "/api/v1/supplies/1306262026B"+c.prefix+"2", nil, nil)
			cl.status(http.StatusOK, resp, b)
			if a := decodeCollective(t, b); a.Collective || a.CollectiveOwner != "" {
				t.Errorf("the state row: %s", b)
			}
		})
	}
}
