package api

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"landwatch/importer"
	"landwatch/land"
	"landwatch/reference"
	"landwatch/sql"
)

type statisticsAnswer struct {
	Items []struct {
		Key              string       `json:"key"`
		Name             string       `json:"name"`
		Count            int          `json:"count"`
		AreaHa           float64      `json:"area_ha"`
		PriceWan         float64      `json:"price_wan"`
		Share            float64      `json:"share"`
		AvgPricePerM2    float64      `json:"avg_price_per_m2"`
		MedianPricePerM2 *float64     `json:"median_price_per_m2"`
		Previous         *sql.Figures `json:"previous_year"`
		PreviousURL      string       `json:"previous_year_url"`
		URL              string       `json:"url"`
	} `json:"items"`
	Overall struct {
		Count int    `json:"count"`
		URL   string `json:"url"`
	} `json:"overall"`
}

func (c testClient) statistics(path string) statisticsAnswer {
	c.t.Helper()
	resp, body := c.do("GET", path, nil, nil)
	c.status(http.StatusOK, resp, body)
	var a statisticsAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		c.t.Fatal(err)
	}
	return a
}

// listTotal follows a figure's link to the supply list and returns how
// many records it gives.
func (c testClient) listTotal(url string) int {
	c.t.Helper()
	total, _ := c.listed(url, 1)
	return total
}

// listed follows a figure's link to the supply list and returns how many
// records it gives and the e-supervision numbers of the first limit of
// them, sorted.
func (c testClient) listed(url string, limit int) (int, []string) {
	c.t.Helper()
	resp, body := c.do("GET", url+"&limit="+strconv.Itoa(limit), nil, nil)
	c.status(http.StatusOK, resp, body)
	var page struct {
		Total int `json:"total"`
		Items []struct {
			ENumber string `json:"e_number"`
		} `json:"items"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		c.t.Fatal(err)
	}
	numbers := []string{}
	for _, x := range page.Items {
		numbers = append(numbers, x.ENumber)
	}
	slices.Sort(numbers)
	return page.Total, numbers
}

// referenceSums reads the 203 published supply results directly (not
// through the importer): number, area and price by the method's name.
func referenceSums(t *testing.T) map[string]sql.Figures {
	t.Helper()
	return referenceSumsSigned(t, "")
}

// referenceSumsSigned is referenceSums of the rows whose contract was
// signed on a day starting with prefix ("2018": in 2018).
func referenceSumsSigned(t *testing.T, prefix string) map[string]sql.Figures {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(referenceCSV(t))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range records[0] {
		col[name] = i
	}
	out := map[string]sql.Figures{}
	for _, rec := range records[1:] {
		if !strings.HasPrefix(rec[col["合同签订日期"]], prefix) {
			continue
		}
		method := rec[col["供地方式"]]
		area, err := strconv.ParseFloat(rec[col["面积(公顷)"]], 64)
		if err != nil {
			t.Fatal(err)
		}
		var price float64
		if v := rec[col["成交价格(万元)"]]; v != "" {
			if price, err = strconv.ParseFloat(v, 64); err != nil {
				t.Fatal(err)
			}
		}
		s := out[method]
		s.Count++
		s.AreaHa += area
		s.PriceWan += price
		out[method] = s
	}
	return out
}

// referenceCSV is the file of the 203 published supply results of
// December 2018.
func referenceCSV(t *testing.T) []byte {
	t.Helper()
	b, err := fs.ReadFile(reference.FS, "landchina/supply_results_2018-12.csv")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }

// approvedReference imports the 203 reference rows and approves them.
func approvedReference(t *testing.T, ts *testServer) {
	t.Helper()
	ctx := context.Background()
	b, err := importer.Parse("supply_results_2018-12.csv", bytes.NewReader(referenceCSV(t)))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ts.svc.Import(ctx, land.SystemScope("import"), b, sql.ImportOptions{})
	if err != nil || rep.Accepted != 203 {
		t.Fatalf("import: %v %+v", err, rep)
	}
	if _, err := ts.store.Pool().Exec(ctx, `UPDATE supply SET review_status = 'approved'`); err != nil {
		t.Fatal(err)
	}
	// an allocation has no price, whether the row says 0 or nothing
	if _, err := ts.store.Pool().Exec(ctx, `UPDATE supply SET price_wan = NULL WHERE method = '1' AND coalesce(price_wan, 0) = 0`); err != nil {
		t.Fatal(err)
	}
}

func TestStatisticsOfThe203ReferenceRows(t *testing.T) {
	ts := newTestServer(t, nil)
	approvedReference(t, ts)
	ministry := ts.account(t, "analyst-nation", land.RoleAnalyst, land.NationCode)

	t.Run("by method they are 101/62/26/14 with the CSV's area and price, each linking to its records", func(t *testing.T) {
		c := ministry.as(t)
		a := c.statistics("/api/v1/statistics?group=method")
		direct := referenceSums(t)
		wantCount := map[string]int{"划拨": 101, "挂牌出让": 62, "拍卖出让": 26, "协议出让": 14}
		if len(a.Items) != len(wantCount) {
			t.Fatalf("%d methods, want %d: %+v", len(a.Items), len(wantCount), a.Items)
		}
		for _, it := range a.Items {
			d := direct[it.Name]
			if it.Count != wantCount[it.Name] || it.Count != d.Count || !near(it.AreaHa, d.AreaHa) || !near(it.PriceWan, d.PriceWan) {
				t.Errorf("%s: %d supplies, %f ha, %f 万元; the CSV has %d, %f ha, %f 万元", it.Name, it.Count, it.AreaHa, it.PriceWan, d.Count, d.AreaHa, d.PriceWan)
			}
			if n := c.listTotal(it.URL); n != it.Count {
				t.Errorf("%s: the link %s lists %d supplies, the figure is %d", it.Name, it.URL, n, it.Count)
			}
		}
		if a.Overall.Count != 203 || c.listTotal(a.Overall.URL) != 203 {
			t.Errorf("overall %d (%s)", a.Overall.Count, a.Overall.URL)
		}
	})

	t.Run("every group's figures add up to the whole and link to exactly their records", func(t *testing.T) {
		c := ministry.as(t)
		for _, path := range []string{
			"/api/v1/statistics?group=method_class",
			"/api/v1/statistics?group=land_use",
			"/api/v1/statistics?group=housing",
			"/api/v1/statistics?group=housing&region=130000&from=2018-12-10&to=2018-12-31",
			"/api/v1/statistics?group=region",
			"/api/v1/statistics?group=region&level=county&region=130000",
			"/api/v1/statistics?group=month&from=2018-12-15&to=2018-12-31",
			"/api/v1/statistics?group=method&from=2018-11-03&to=2019-01-30",
			// days outside whole months, where the allocation has no price
			"/api/v1/statistics?group=method&from=2019-01-01&to=2019-01-15",
		} {
			a := c.statistics(path)
			sum := 0
			for _, it := range a.Items {
				sum += it.Count
				if n := c.listTotal(it.URL); n != it.Count {
					t.Errorf("%s %s: the link %s lists %d supplies, the figure is %d", path, it.Key, it.URL, n, it.Count)
				}
			}
			if sum != a.Overall.Count || c.listTotal(a.Overall.URL) != sum {
				t.Errorf("%s: the items add up to %d, overall %d", path, sum, a.Overall.Count)
			}
		}
	})

	t.Run("the market share is tender, auction and listing together", func(t *testing.T) {
		a := ministry.as(t).statistics("/api/v1/statistics?group=method_class")
		for _, it := range a.Items {
			if it.Key == land.MethodClassMarket && (it.Count != 88 || !near(it.Share, 88.0/203)) {
				t.Errorf("招拍挂: %d supplies, share %f; want 88, %f", it.Count, it.Share, 88.0/203)
			}
		}
	})

	t.Run("by use, the prices per m² are the priced supplies' average and median", func(t *testing.T) {
		a := ministry.as(t).statistics("/api/v1/statistics?group=land_use")
		var want struct{ avg, median float64 }
		err := ts.store.Pool().QueryRow(context.Background(), `SELECT sum(price_wan) / sum(area_ha),
			percentile_cont(0.5) WITHIN GROUP (ORDER BY price_wan / area_ha) FROM supply WHERE land_use_code LIKE '06%' AND price_wan > 0`).
			Scan(&want.avg, &want.median)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range a.Items {
			if it.Key == "06" && (!near(it.AvgPricePerM2, want.avg) || it.MedianPricePerM2 == nil || !near(*it.MedianPricePerM2, want.median)) {
				t.Errorf("工矿仓储: %f and %v 元/m², want %f and %f", it.AvgPricePerM2, it.MedianPricePerM2, want.avg, want.median)
			}
		}
	})

	t.Run("housing is split by the class its land use as written tells, each class linking to exactly its records", func(t *testing.T) {
		c := ministry.as(t)
		ctx := context.Background()
		// the current list's one housing code says nothing of the class: the
		// text beside it does
		for _, text := range []string{"住宅用地（保障性住房）", "城镇住宅用地-棚户区改造", "普通商品住房"} {
			if _, err := ts.store.Pool().Exec(ctx, `UPDATE supply SET land_use_code = '0701', land_use_original = $1
				WHERE e_number = (SELECT min(e_number) FROM supply WHERE land_use_original = '其他普通商品住房用地')`, text); err != nil {
				t.Fatal(err)
			}
		}
		a := c.statistics("/api/v1/statistics?group=housing")
		// the reference rows: 经济适用住房 5 and 廉租住房 1 are affordable, 中小套型
		// 14, 其他普通商品住房 30 (27 left), 住宅用地 1 tells no class
		want := map[string][]string{
			"affordable":    {"经济适用住房用地", "廉租住房用地", "住宅用地（保障性住房）"},
			"shanty":        {"城镇住宅用地-棚户区改造"},
			"small_units":   {"中低价位、中小套型普通商品住房用地"},
			"other_housing": {"其他普通商品住房用地"},
			"unclassified":  {"住宅用地", "普通商品住房"},
		}
		wantCount := map[string]int{"affordable": 7, "shanty": 1, "small_units": 14, "other_housing": 27, "unclassified": 2}
		var keys []string
		for _, it := range a.Items {
			keys = append(keys, it.Key)
			var direct struct {
				numbers     []string
				area, price float64
				avg, median *float64
			}
			err := ts.store.Pool().QueryRow(ctx, `SELECT coalesce(array_agg(e_number ORDER BY e_number), '{}'), coalesce(sum(area_ha), 0), coalesce(sum(price_wan), 0),
				sum(price_wan) FILTER (WHERE price_wan > 0) / sum(area_ha) FILTER (WHERE price_wan > 0),
				percentile_cont(0.5) WITHIN GROUP (ORDER BY price_wan / area_ha) FILTER (WHERE price_wan > 0)
				FROM supply WHERE review_status = 'approved' AND land_use_original = ANY($1)`, want[it.Key]).
				Scan(&direct.numbers, &direct.area, &direct.price, &direct.avg, &direct.median)
			if err != nil {
				t.Fatal(err)
			}
			if it.Count != wantCount[it.Key] || it.Count != len(direct.numbers) || !near(it.AreaHa, direct.area) || !near(it.PriceWan, direct.price) {
				t.Errorf("%s: %d supplies, %f ha, %f 万元; want %d, the supplies say %d, %f, %f", it.Key, it.Count, it.AreaHa, it.PriceWan,
					wantCount[it.Key], len(direct.numbers), direct.area, direct.price)
			}
			if direct.avg != nil && (!near(it.AvgPricePerM2, *direct.avg) || it.MedianPricePerM2 == nil || !near(*it.MedianPricePerM2, *direct.median)) {
				t.Errorf("%s: %f and %v 元/m², want %f and %f", it.Key, it.AvgPricePerM2, it.MedianPricePerM2, *direct.avg, *direct.median)
			}
			_, listed := c.listed(it.URL, 100)
			if strings.Join(listed, " ") != strings.Join(direct.numbers, " ") {
				t.Errorf("%s: the link %s lists %v, want %v", it.Key, it.URL, listed, direct.numbers)
			}
		}
		if got := strings.Join(keys, ","); got != "affordable,shanty,small_units,other_housing,unclassified" {
			t.Errorf("the classes are %s", got)
		}
		resp, body := c.do("GET", "/api/v1/supplies?housing=mansion", nil, nil)
		c.status(http.StatusBadRequest, resp, body)
	})

	t.Run("a month is compared with the same month a year before", func(t *testing.T) {
		c := ministry.as(t)
		// a supply of December 2017 makes last year's figure
		if _, err := ts.store.Pool().Exec(context.Background(), `UPDATE supply SET contract_date = '2017-12-05'
			WHERE e_number = (SELECT min(e_number) FROM supply WHERE contract_date BETWEEN '2018-12-01' AND '2018-12-31')`); err != nil {
			t.Fatal(err)
		}
		a := c.statistics("/api/v1/statistics?group=month&from=2018-01-01&to=2018-12-31")
		last := a.Items[len(a.Items)-1]
		if last.Key != "2018-12" || last.Previous == nil || last.Previous.Count != 1 {
			t.Fatalf("December 2018: %+v", last)
		}
		if n := c.listTotal(last.PreviousURL); n != 1 {
			t.Errorf("last year's link %s lists %d supplies", last.PreviousURL, n)
		}
	})

	t.Run("the cells follow every write: they equal a direct sum after updates, returns and deletes", func(t *testing.T) {
		ctx := context.Background()
		pool := ts.store.Pool()
		for _, q := range []string{
			`UPDATE supply SET area_ha = area_ha * 2 WHERE method = '23' AND e_number LIKE '13%'`,
			`UPDATE supply SET review_status = 'returned' WHERE method = '1' AND e_number LIKE '3%'`,
			`UPDATE supply SET method = '21' WHERE method = '22' AND e_number LIKE '4%'`,
			`UPDATE supply SET contract_date = NULL WHERE method = '3' AND e_number LIKE '5%'`,
			`DELETE FROM supply WHERE method = '22' AND e_number LIKE '6%'`,
		} {
			if _, err := pool.Exec(ctx, q); err != nil {
				t.Fatal(q, err)
			}
		}
		a := ministry.as(t).statistics("/api/v1/statistics?group=method")
		for _, it := range a.Items {
			var n int
			var area, price float64
			if err := pool.QueryRow(ctx, `SELECT count(*), sum(area_ha), coalesce(sum(price_wan), 0) FROM supply
				WHERE review_status = 'approved' AND method = $1`, it.Key).Scan(&n, &area, &price); err != nil {
				t.Fatal(err)
			}
			if it.Count != n || !near(it.AreaHa, area) || !near(it.PriceWan, price) {
				t.Errorf("%s: %d, %f ha, %f 万元; the supplies say %d, %f, %f", it.Name, it.Count, it.AreaHa, it.PriceWan, n, area, price)
			}
		}
		var empty int
		if err := pool.QueryRow(ctx, `SELECT count(*) FROM supply_statistics WHERE supplies = 0`).Scan(&empty); err != nil || empty != 0 {
			t.Errorf("%d empty cells kept (%v)", empty, err)
		}
	})

	t.Run("a county's analyst sees only the county and may not ask for another", func(t *testing.T) {
		county := ts.account(t, "analyst-county", land.RoleAnalyst, "130626").as(t)
		a := county.statistics("/api/v1/statistics?group=method")
		if a.Overall.Count == 0 || a.Overall.Count >= 203 {
			t.Errorf("the county sees %d supplies", a.Overall.Count)
		}
		resp, body := county.do("GET", "/api/v1/statistics?group=method&region=650000", nil, nil)
		county.status(http.StatusForbidden, resp, body)
	})

	t.Run("unknown groups, levels and parameters are refused, naming the field", func(t *testing.T) {
		c := ministry.as(t)
		for _, q := range []string{"group=colour", "", "group=region&level=township", "group=method&from=yesterday", "group=method&page=2"} {
			resp, body := c.do("GET", "/api/v1/statistics?"+q, nil, nil)
			c.status(http.StatusBadRequest, resp, body)
		}
	})
}
