package api

import (
	"bytes"
	"net/http"
	"os"
	"testing"
	"time"

	"landwatch/importer/importtest"
	"landwatch/land"
	"landwatch/sql/sqltest"
)

// Announced lots are imported from the importer's CSV fixture (two rows of
// one announcement, a row with an area in words, a good one-lot
// announcement): the rows of one number become one announcement with two
// lots, the bad row is rejected on its line naming area_ha and leaves its
// announcement out, the others are created. An announcement one of whose
// lots fails the domain's checks is rejected whole, each row on its line.
// Deals follow from CSV, one naming an unknown lot rejected naming
// lot_number; a workbook of the same deals changes nothing.
func TestAnnouncementsAndDealsImportedFromFiles(t *testing.T) {
	ts := newTestServerOf(t, sqltest.Service(t), nil)
	clerk := ts.account(t, "import-clerk", land.RoleClerk, "130626")
	post := func(t *testing.T, name string, body []byte) importReport {
		t.Helper()
		return postImport(t, clerk.as(t), name, body)
	}
	file, err := os.ReadFile("../importer/testdata/announcement/出让公告.csv")
	if err != nil {
		t.Fatal(err)
	}
	rep := post(t, "出让公告.csv", file)
	if rep.Accepted != 2 || rep.Created != 2 || len(rep.Rejected) != 1 || rep.Rejected[0].Line != 4 || rep.Rejected[0].Field != "area_ha" {
		t.Fatalf("report %+v: want 2 announcements created, line 4 rejected on area_ha", rep)
	}
	resp, body := clerk.do("GET", "/api/v1/announcements?q=3号", nil, nil)
	clerk.status(http.StatusOK, resp, body)
	page := decodeInto[struct {
		Items []announcementAnswer `json:"items"`
	}](t, body)
	if len(page.Items) != 1 || len(page.Items[0].Lots) != 2 || page.Items[0].ReviewStatus != land.ReviewSubmitted {
		t.Fatalf("the announcement of two rows: %s", body)
	}
	if again := post(t, "出让公告.csv", file); again.Unchanged != 2 || again.Created+again.Updated != 0 {
		t.Fatalf("imported again: %+v; want nothing changed", again)
	}

	t.Run("an announcement with a bad lot is rejected whole, each row on its line", func(t *testing.T) {
		bad := "公告编号,行政区代码,出让方式,公告日期,挂牌开始时间,宗地编号,出让面积(公顷),土地用途,容积率\n" +
			"定自然资告字〔2026〕7号,130626,挂牌,2026-01-05,2026-01-26,DX2026-31,1,0701,1.0-2.5\n" +
			"定自然资告字〔2026〕7号,130626,挂牌,2026-01-05,2026-01-26,DX2026-32,1,0701,2.5-1.0\n"
		rep := post(t, "坏公告.csv", []byte(bad))
		if rep.Accepted != 0 || len(rep.Rejected) != 2 {
			t.Fatalf("report %+v", rep)
		}
		lines := map[int]string{}
		for _, x := range rep.Rejected {
			lines[x.Line] = x.Field
		}
		if lines[3] != "plot_ratio_max" || lines[2] != "announcement_number" {
			t.Fatalf("rejections %+v: want line 3 on plot_ratio_max, line 2 as its fellow", rep.Rejected)
		}
	})

	t.Run("deals are imported from CSV and a workbook", func(t *testing.T) {
		deals := "公告编号,宗地编号,竞得人,成交价(万元),成交时间,公示期\n" +
			"定自然资告字〔2026〕3号,DX2026-11,保定某置业有限公司,4100,2026-02-05,2026-02-06至2026-02-16\n" +
			"定自然资告字〔2026〕3号,DX2026-99,某公司,900,2026-02-05,2026-02-06至2026-02-16\n"
		rep := post(t, "成交公示.csv", []byte(deals))
		if rep.Created != 1 || len(rep.Rejected) != 1 || rep.Rejected[0].Line != 3 || rep.Rejected[0].Field != "lot_number" {
			t.Fatalf("report %+v", rep)
		}
		day := func(d int) time.Time { return time.Date(2026, 2, d, 0, 0, 0, 0, time.UTC) }
		data := importtest.Workbook(t, importtest.Sheet{Name: "成交公示", Rows: [][]any{
			{"公告编号", "宗地编号", "竞得人", "成交价(万元)", "成交时间", "公示开始时间", "公示截止时间"},
			{"定自然资告字〔2026〕3号", "DX2026-11", "保定某置业有限公司", 4100, day(5), day(6), day(16)},
		}})
		if rep := post(t, "成交公示.xlsx", data); rep.Unchanged != 1 || len(rep.Rejected) != 0 {
			t.Fatalf("the workbook of the same deal: %+v", rep)
		}
		resp, body := clerk.as(t).do("GET", "/api/v1/deals?q=保定某置业", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		if !bytes.Contains(body, []byte(`"total":1`)) {
			t.Fatalf("deals: %s", body)
		}
	})

	t.Run("a supply result names its lot by 公告编号 and 宗地编号", func(t *testing.T) {
		sup := "电子监管号,项目名称,面积(公顷),土地用途,供地方式,合同签订日期,公告编号,宗地编号\n" +
			"1306262026B00301,城东住宅,1.2,0701,23,2026-02-10,定自然资告字〔2026〕3号,DX2026-11\n" +
			"1306262026B00302,城东住宅二期,1.2,0701,23,2026-02-10,定自然资告字〔2026〕3号,DX2026-77\n"
		rep := post(t, "供地结果.csv", []byte(sup))
		if rep.Created != 1 || len(rep.Rejected) != 1 || rep.Rejected[0].Line != 3 || rep.Rejected[0].Field != "lot" {
			t.Fatalf("report %+v", rep)
		}
		resp, body := clerk.as(t).do("GET", "/api/v1/supplies/1306262026B00301/chain", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		if !bytes.Contains(body, []byte(`"winner":"保定某置业有限公司"`)) || !bytes.Contains(body, []byte(`"number":"DX2026-11"`)) {
			t.Fatalf("chain: %s", body)
		}
	})
}
