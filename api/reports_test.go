package api

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// testClock is a clock a test moves.
type testClock struct{ t atomic.Pointer[time.Time] }

func (c *testClock) set(s string) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	c.t.Store(&t)
}

func (c *testClock) now() time.Time { return *c.t.Load() }

// reportServer is a test server whose clock the test sets.
func reportServer(t *testing.T, at string) (*testServer, *testClock) {
	t.Helper()
	clock := &testClock{}
	clock.set(at)
	return newTestServerOf(t, sqltest.RunningWith(t, func(c *supervision.Config) { c.Now = clock.now }), nil), clock
}

type reportStatusAnswer struct {
	Region struct {
		Code string `json:"code"`
	} `json:"region"`
	KeyCity     bool       `json:"key_city"`
	State       string     `json:"state"`
	Due         string     `json:"due"`
	Deadline    string     `json:"deadline"`
	Late        bool       `json:"late"`
	LagWorkdays int        `json:"lag_workdays"`
	SubmittedBy string     `json:"submitted_by"`
	SubmittedAt *time.Time `json:"submitted_at"`
}

// sheetOf reads one sheet of a workbook with GDAL (not excelize, which
// wrote it): its header and its rows.
func sheetOf(t *testing.T, file, sheet string) (header []string, rows [][]string) {
	t.Helper()
	out := gdal(t, "", "ogr2ogr", "-f", "CSV", "/vsistdout/", file, sheet, "-oo", "HEADERS=FORCE", "-oo", "FIELD_TYPES=AUTO")
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(records) == 0 {
		t.Fatalf("sheet %s: %v\n%s", sheet, err, out)
	}
	return records[0], records[1:]
}

// column sums a sheet's column over its rows but the 合计 row, and returns
// the 合计 row's value too.
func column(t *testing.T, header []string, rows [][]string, name string) (sum, total float64) {
	t.Helper()
	i := -1
	for j, h := range header {
		if h == name {
			i = j
		}
	}
	if i < 0 {
		t.Fatalf("no column %s in %v", name, header)
	}
	for _, r := range rows {
		v, err := strconv.ParseFloat(r[i], 64)
		if err != nil {
			t.Fatalf("%s: %q is not a number", name, r[i])
		}
		if r[0] == "合计" {
			total = v
		} else {
			sum += v
		}
	}
	return sum, total
}

func TestTheQ42018ReportOfThe203ReferenceRows(t *testing.T) {
	gdalInstalled(t)
	ts, _ := reportServer(t, "2019-01-14T10:00:00+08:00")
	approvedReference(t, ts)
	ministry := ts.account(t, "analyst-nation", land.RoleAnalyst, land.NationCode)
	c := ministry.as(t)
	stats := c.statistics("/api/v1/statistics?group=method&from=2018-01-01&to=2018-12-31")
	want := referenceSumsSigned(t, "2018")
	var all sql.Figures // the CSV's, computed apart from the register
	for _, f := range want {
		all.Count, all.AreaHa, all.PriceWan = all.Count+f.Count, all.AreaHa+f.AreaHa, all.PriceWan+f.PriceWan
	}
	if stats.Overall.Count != all.Count {
		t.Fatalf("the statistics count %d supplies, the CSV %d", stats.Overall.Count, all.Count)
	}

	t.Run("the report says its period, due date and the change against last year in Chinese", func(t *testing.T) {
		resp, body := c.do("GET", "/api/v1/reports/000000/2018Q4", nil, nil)
		c.status(http.StatusOK, resp, body)
		var rep struct {
			Period, Due, Deadline, ExcelURL string
			Tables                          []struct {
				Key string `json:"key"`
			} `json:"tables"`
			Text    []string `json:"text"`
			Overall struct {
				Count int `json:"count"`
			} `json:"overall"`
		}
		if err := json.Unmarshal(body, &rep); err != nil {
			t.Fatal(err)
		}
		var raw map[string]any
		_ = json.Unmarshal(body, &raw)
		if raw["period"] != "2018" || raw["due"] != "2019-01-10" || raw["deadline"] != "2019-01-10" || raw["excel_url"] != "/api/v1/reports/000000/2018.xlsx" {
			t.Errorf("period %v due %v deadline %v excel %v", raw["period"], raw["due"], raw["deadline"], raw["excel_url"])
		}
		if rep.Overall.Count != all.Count || len(rep.Tables) != 6 {
			t.Errorf("%d supplies in %d tables", rep.Overall.Count, len(rep.Tables))
		}
		text := strings.Join(rep.Text, "")
		for _, words := range []string{"全国2018年全年共供应国有建设用地190宗", "上年同期无供应记录", "按土地用途，面积增加最多的是", "按行政区，面积增加最多的是"} {
			if !strings.Contains(text, words) {
				t.Errorf("the text does not say %q: %s", words, text)
			}
		}
	})

	t.Run("a report of the next year names the largest falls against this one", func(t *testing.T) {
		resp, body := c.do("GET", "/api/v1/reports/000000/2019", nil, nil)
		c.status(http.StatusOK, resp, body)
		var rep struct {
			Text  []string `json:"text"`
			Ended bool     `json:"ended"`
		}
		if err := json.Unmarshal(body, &rep); err != nil {
			t.Fatal(err)
		}
		text := strings.Join(rep.Text, "")
		for _, words := range []string{"全国2019年全年共供应国有建设用地13宗", "上年同期190宗", "按土地用途，", "面积减少最多的是", "下降"} {
			if !strings.Contains(text, words) {
				t.Errorf("the text does not say %q: %s", words, text)
			}
		}
		if rep.Ended {
			t.Error("2019 is not over on 2019-01-14")
		}
	})

	t.Run("its workbook read back by GDAL sums to the statistics, numbers as numbers", func(t *testing.T) {
		resp, body := c.do("GET", "/api/v1/reports/000000/2018Q4.xlsx", nil, nil)
		c.status(http.StatusOK, resp, body)
		file := filepath.Join(t.TempDir(), "report.xlsx")
		if err := os.WriteFile(file, body, 0o600); err != nil {
			t.Fatal(err)
		}
		info := gdal(t, "", "ogrinfo", "-so", file, "按供地方式")
		for _, typ := range []string{"宗数: Integer", "面积（公顷）: Real", "成交价款（万元）: Real"} {
			if !strings.Contains(info, typ) {
				t.Errorf("ogrinfo does not say %s:\n%s", typ, info)
			}
		}
		header, rows := sheetOf(t, file, "按供地方式")
		for _, col := range []struct {
			name string
			want float64
		}{{"宗数", float64(stats.Overall.Count)}, {"面积（公顷）", all.AreaHa}, {"成交价款（万元）", all.PriceWan}} {
			sum, total := column(t, header, rows, col.name)
			if !near(sum, col.want) || !near(total, col.want) {
				t.Errorf("%s: rows sum to %v, 合计 %v; the statistics say %v", col.name, sum, total, col.want)
			}
		}
		for _, r := range rows {
			if f, ok := want[r[0]]; ok && strconv.Itoa(f.Count) != r[1] {
				t.Errorf("%s: %s supplies, the CSV has %d", r[0], r[1], f.Count)
			}
		}
		for _, sheet := range []string{"按土地用途", "按行政区", "逐月供应（与上年同月比较）", "按供地方式类别（招拍挂、协议、划拨）"} {
			header, rows := sheetOf(t, file, sheet)
			sum, total := column(t, header, rows, "面积（公顷）")
			if !near(sum, all.AreaHa) || !near(total, all.AreaHa) {
				t.Errorf("%s: the area sums to %v (合计 %v), want %v", sheet, sum, total, all.AreaHa)
			}
		}
		housing := c.statistics("/api/v1/statistics?group=housing&from=2018-01-01&to=2018-12-31")
		header, rows = sheetOf(t, file, "住宅用地按类别")
		for i, col := range []string{"宗数", "面积（公顷）"} {
			sum, total := column(t, header, rows, col)
			want := float64(housing.Overall.Count)
			if i == 1 {
				want = 0
				for _, it := range housing.Items {
					want += it.AreaHa
				}
			}
			if want == 0 || !near(sum, want) || !near(total, want) {
				t.Errorf("住宅用地按类别 %s: rows sum to %v, 合计 %v; the statistics say %v", col, sum, total, want)
			}
		}
	})

	t.Run("the workbook of a period not yet over is refused", func(t *testing.T) {
		resp, body := c.do("GET", "/api/v1/reports/000000/2019Q1.xlsx", nil, nil)
		c.status(http.StatusConflict, resp, body)
	})
}

// submitReport moves a region's report one step as c and returns the answer.
func submitReport(c testClient, region, period, state string, want int) reportStatusAnswer {
	c.t.Helper()
	resp, body := c.do("POST", "/api/v1/reports/"+region+"/"+period+"/submission", nil, []byte(`{"state":"`+state+`"}`))
	c.status(want, resp, body)
	var a reportStatusAnswer
	_ = json.Unmarshal(body, &a)
	return a
}

// reportList is GET /reports?period= as c by region code.
func reportList(c testClient, period string) (map[string]reportStatusAnswer, int) {
	c.t.Helper()
	resp, body := c.do("GET", "/api/v1/reports?period="+period, nil, nil)
	c.status(http.StatusOK, resp, body)
	var page struct {
		Items []reportStatusAnswer `json:"items"`
		Total int                  `json:"total"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		c.t.Fatal(err)
	}
	out := map[string]reportStatusAnswer{}
	for _, it := range page.Items {
		out[it.Region.Code] = it
	}
	return out, page.Total
}

func TestReportsAreSubmittedByTheirRegionAndTheMinistrySeesWhoIsLate(t *testing.T) {
	ts, clock := reportServer(t, "2019-01-09T10:00:00+08:00")
	hebei := ts.account(t, "reviewer-hebei", land.RoleReviewer, "130000")
	shijiazhuang := ts.account(t, "reviewer-sjz", land.RoleReviewer, "130100")
	county := ts.account(t, "reviewer-dx", land.RoleReviewer, "130626")
	nationReviewer := ts.account(t, "reviewer-nation", land.RoleReviewer, land.NationCode)
	hebeiAnalyst := ts.account(t, "analyst-hebei", land.RoleAnalyst, "130000")
	ministry := ts.account(t, "analyst-nation", land.RoleAnalyst, land.NationCode)

	t.Run("a key city reviews then submits its report on time", func(t *testing.T) {
		c := shijiazhuang.as(t)
		if a := submitReport(c, "130100", "2018Q4", "reviewed", http.StatusOK); a.State != "reviewed" {
			t.Errorf("state %q", a.State)
		}
		a := submitReport(c, "130100", "2018", "submitted", http.StatusOK)
		if a.State != "submitted" || a.Late || a.SubmittedBy != "reviewer-sjz" || a.SubmittedAt == nil || a.Due != "2019-01-10" || !a.KeyCity {
			t.Errorf("%+v", a)
		}
		submitReport(c, "130100", "2018", "submitted", http.StatusConflict)
	})

	t.Run("nobody else moves a region's report", func(t *testing.T) {
		submitReport(county.as(t), "130000", "2018", "reviewed", http.StatusForbidden)
		submitReport(nationReviewer.as(t), "130000", "2018", "reviewed", http.StatusForbidden)
		submitReport(hebeiAnalyst.as(t), "130000", "2018", "reviewed", http.StatusForbidden)
		submitReport(county.as(t), "130626", "2018", "reviewed", http.StatusBadRequest) // a county submits none
	})

	t.Run("a report is submitted only once reviewed and once its period is over", func(t *testing.T) {
		c := hebei.as(t)
		submitReport(c, "130000", "2018", "submitted", http.StatusConflict)
		submitReport(c, "130000", "2019Q1", "reviewed", http.StatusConflict)
		submitReport(c, "130000", "2018", "approved", http.StatusBadRequest)
	})

	clock.set("2019-01-14T09:00:00+08:00") // Monday: Friday 11th and today are past the deadline
	t.Run("a province submitting after the 10th is late by working days", func(t *testing.T) {
		c := hebei.as(t)
		submitReport(c, "130000", "2018", "reviewed", http.StatusOK)
		a := submitReport(c, "130000", "2018", "submitted", http.StatusOK)
		if !a.Late || a.LagWorkdays != 2 {
			t.Errorf("late %v by %d, want 2 working days", a.Late, a.LagWorkdays)
		}
	})

	t.Run("the ministry lists every province and key city with its state and lag", func(t *testing.T) {
		items, total := reportList(ministry.as(t), "2018Q4")
		provinces := len(ts.svc.Rules().Regions.Children(""))
		if total != provinces+80 || len(items) != total {
			t.Errorf("%d listed, want %d provinces and the 80 key cities outside the municipalities", total, provinces)
		}
		for code, want := range map[string]struct {
			state string
			late  bool
			lag   int
		}{"130000": {"submitted", true, 2}, "130100": {"submitted", false, 0}, "140000": {"generated", true, 2}, "440300": {"generated", true, 2}} {
			got := items[code]
			if got.State != want.state || got.Late != want.late || got.LagWorkdays != want.lag || got.Due != "2019-01-10" {
				t.Errorf("%s: %+v, want %+v", code, got, want)
			}
		}
		if _, ok := items["110100"]; ok {
			t.Error("北京 is listed as a key city beside the municipality")
		}
	})

	t.Run("the 通报 league of the month counts a region's late reports", func(t *testing.T) {
		resp, body := ministry.as(t).do("GET", "/api/v1/league?period=2019Q1&limit=100", nil, nil)
		ministry.as(t).status(http.StatusOK, resp, body)
		var page struct {
			Items []land.LeagueRow `json:"items"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatal(err)
		}
		late := map[string]int{}
		for _, r := range page.Items {
			late[r.Region] = r.LateReports
		}
		// 河北 submitted late, 石家庄 on time, and its other key cities
		// (唐山, 秦皇岛, 邯郸, 保定) not at all with the deadline passed:
		// five, counted against the province; 山西 and its key cities
		// submitted nothing.
		if late["130000"] != 5 || late["140000"] < 1 || late["440000"] < 2 {
			t.Errorf("late reports by province: 河北 %d, 山西 %d, 广东 %d", late["130000"], late["140000"], late["440000"])
		}
	})

	t.Run("a province sees its own and its key cities' reports only", func(t *testing.T) {
		items, _ := reportList(hebeiAnalyst.as(t), "2018")
		if len(items) != 6 { // 河北 and 石家庄, 唐山, 秦皇岛, 邯郸, 保定
			t.Errorf("%d listed: %v", len(items), items)
		}
	})

	t.Run("every step is in the audit log and the record's history", func(t *testing.T) {
		var audited, versions int
		pool := ts.store.Pool()
		if err := pool.QueryRow(t.Context(), `SELECT count(*) FROM audit_log WHERE action = 'report_submission' AND NOT detail ? 'status'`).Scan(&audited); err != nil {
			t.Fatal(err)
		}
		if err := pool.QueryRow(t.Context(), `SELECT count(*) FROM history WHERE record = 'report'`).Scan(&versions); err != nil {
			t.Fatal(err)
		}
		if audited != 4 || versions != 4 {
			t.Errorf("%d audit entries of steps made and %d versions, want 4 of each", audited, versions)
		}
	})

	// 2026-01-10 is a Saturday off: the 2025 report is on time on Monday 12th
	clock.set("2026-01-12T16:00:00+08:00")
	t.Run("a deadline on a day off moves to the next working day", func(t *testing.T) {
		c := hebei.as(t)
		submitReport(c, "130000", "2025", "reviewed", http.StatusOK)
		if a := submitReport(c, "130000", "2025", "submitted", http.StatusOK); a.Late || a.Deadline != "2026-01-12" {
			t.Errorf("%+v", a)
		}
		clock.set("2026-01-13T09:00:00+08:00")
		items, _ := reportList(ministry.as(t), "2025Q4")
		if a := items["140000"]; !a.Late || a.LagWorkdays != 1 || a.Deadline != "2026-01-12" {
			t.Errorf("山西: %+v", a)
		}
	})
}
