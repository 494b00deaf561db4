package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"landwatch/land"
)

// wallPeriod is the year the database's clock is in: records take their
// entry time from it (created_at, recorded_at) while the service's clock
// measures their lag.
func wallPeriod() string {
	return strconv.Itoa(time.Now().In(time.FixedZone("CST", 8*3600)).Year())
}

// leagueRowJSON is the part of a league row the tests read.
type leagueRowJSON struct {
	Region    string  `json:"region_code"`
	Records   int     `json:"records"`
	Late      int     `json:"late"`
	MedianLag float64 `json:"median_lag_workdays"`
	LateShare float64 `json:"late_share"`
	Score     float64 `json:"score"`
	Rank      int     `json:"rank"`
}

// A supply and a construction start entered weeks after their days make
// one late_entry finding each (the lag in the figures) when the scan runs,
// and none for the other county's records entered on time; running the
// scan again adds nothing, and correcting the start's day closes its
// finding. The league of the prefecture ranks the late county last, the
// county sees its place, and the 通报 criticises it, in JSON and Excel.
func TestLateEntriesMakeFindingsAndTheLeague(t *testing.T) {
	ctx := context.Background()
	_, ts := clockedServer(t, time.Date(2026, 3, 16, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	a := ts.account(t, "clerk-a", land.RoleClerk, "130626")
	b := ts.account(t, "clerk-b", land.RoleClerk, "130627")
	analyst := ts.account(t, "city-analyst", land.RoleAnalyst, "130600")

	// County A: a supply of 2026-01-05, its delivery of 2026-01-20 and its
	// start of 2026-02-02, all entered on 2026-03-16: late.
	resp, body := a.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00010", square(115.780, 39.260, 0.001))))
	a.status(http.StatusCreated, resp, body)
	supply := "/api/v1/supplies/1306262026B00010"
	resp, body = a.do("POST", supply+"/events", nil, []byte(`{"kind":"delivery","occurred_on":"2026-01-20"}`))
	a.status(http.StatusCreated, resp, body)
	resp, body = a.do("POST", supply+"/events", nil, []byte(`{"kind":"construction_start","occurred_on":"2026-02-02"}`))
	a.status(http.StatusCreated, resp, body)
	start := resp.Header.Get("Location")
	// County B: a supply of 2026-03-12 entered on time.
	onTime := strings.Replace(supplyJSON("1306272026B00010", square(115.880, 39.260, 0.001)), "2026-01-05", "2026-03-12", 1)
	resp, body = b.do("POST", "/api/v1/supplies", nil, []byte(onTime))
	b.status(http.StatusCreated, resp, body)

	scan := func() {
		t.Helper()
		if _, err := ts.svc.ScanReporting(ctx, land.SystemScope("daily-scan"), ts.svc.Rules().Today()); err != nil {
			t.Fatal(err)
		}
	}
	late := func(status string) []findingJSON { return findings(analyst, "kind=late_entry&status="+status) }
	scan()
	open := late("open")
	if len(open) != 3 {
		t.Fatalf("late_entry findings %+v, want the supply, the delivery and the start of county A", open)
	}
	for _, f := range open {
		var fig struct {
			Record string `json:"record"`
			Lag    int    `json:"lag_workdays"`
		}
		if err := json.Unmarshal(f.Figures, &fig); err != nil || f.RegionCode != "130626" || fig.Lag <= 7 {
			t.Errorf("finding %+v (figures %s): want county A's record with its lag past 7 working days", f, f.Figures)
		}
		// The rule in the words its readers use: 迟报 of the record, its lag.
		kinds := map[string]string{"supply": "供地", "event": "开发事件"}
		if want := fmt.Sprintf("迟报：%s #", kinds[fig.Record]); !strings.HasPrefix(f.Rule, want) ||
			!strings.HasSuffix(f.Rule, fmt.Sprintf("在其日期后第 %d 个工作日才录入", fig.Lag)) {
			t.Errorf("finding rule %q; want %s… and its lag of %d working days", f.Rule, want, fig.Lag)
		}
	}
	scan()
	if again := late("open"); len(again) != 3 || again[0].ID != open[0].ID {
		t.Fatalf("a second scan: %+v, want the same three findings", again)
	}

	// The start was on 2026-03-10 after all: on time, its finding closes.
	resp, body = a.do("PUT", start, nil,
		[]byte(`{"event":{"kind":"construction_start","occurred_on":"2026-03-10"},"reason":"开工日期录错"}`))
	a.status(http.StatusOK, resp, body)
	scan()
	if open, closed := late("open"), late("closed"); len(open) != 2 || len(closed) != 1 || !strings.Contains(closed[0].ClosedReason, "corrected") {
		t.Fatalf("after the correction: open %+v, closed %+v; want the start's closed and the others open", open, closed)
	}

	period := wallPeriod()
	resp, body = analyst.do("GET", "/api/v1/league?period="+period+"&limit=1000", nil, nil)
	analyst.status(http.StatusOK, resp, body)
	page := decodeInto[struct {
		Items []leagueRowJSON `json:"items"`
		Total int             `json:"total"`
	}](t, body)
	rows := map[string]leagueRowJSON{}
	for _, r := range page.Items {
		rows[r.Region] = r
	}
	ra, rb := rows["130626"], rows["130627"]
	if ra.Records != 3 || ra.Late != 2 || rb.Records != 1 || rb.Late != 0 {
		t.Fatalf("county A %+v, county B %+v; want 2 of 3 late and 0 of 1", ra, rb)
	}
	if page.Total < 2 || ra.Rank != page.Total || rb.Rank != 1 || ra.Score >= rb.Score {
		t.Errorf("ranks: A %d (%v), B %d (%v) of %d; want A last and B first", ra.Rank, ra.Score, rb.Rank, rb.Score, page.Total)
	}
	resp, body = analyst.do("GET", "/api/v1/league?period="+period+"&limit=1", nil, nil)
	analyst.status(http.StatusOK, resp, body)
	if one := decodeInto[struct {
		Items []leagueRowJSON `json:"items"`
		Next  *string         `json:"next"`
	}](t, body); len(one.Items) != 1 || one.Next == nil || one.Items[0].Rank != 1 {
		t.Errorf("a page of one: %s", body)
	}

	resp, body = a.do("GET", "/api/v1/league/mine?period="+period, nil, nil)
	a.status(http.StatusOK, resp, body)
	mine := decodeInto[struct {
		Position leagueRowJSON `json:"position"`
		Of       int           `json:"of"`
	}](t, body)
	if mine.Position.Region != "130626" || mine.Position.Rank != ra.Rank || mine.Of != page.Total {
		t.Errorf("county A's position %s, want rank %d of %d", body, ra.Rank, page.Total)
	}
	resp, same := a.do("GET", "/api/v1/league?mine=true&period="+period, nil, nil)
	a.status(http.StatusOK, resp, same)
	if !bytes.Equal(same, body) {
		t.Errorf("mine=true answers %s, /league/mine %s", same, body)
	}
	resp, body = a.do("GET", "/api/v1/league?period="+period+"&region=130627", nil, nil)
	a.status(http.StatusForbidden, resp, body)
	resp, body = a.do("GET", "/api/v1/league?period=2026Q5", nil, nil)
	a.status(http.StatusBadRequest, resp, body)
	if !strings.Contains(string(body), `"field":"period"`) {
		t.Errorf("a bad period: %s", body)
	}

	resp, body = analyst.do("GET", "/api/v1/league/"+period+"/bulletin", nil, nil)
	analyst.status(http.StatusOK, resp, body)
	bulletin := decodeInto[struct {
		Criticised []struct {
			Region  string `json:"region_code"`
			Reasons []struct {
				Code string `json:"code"`
			} `json:"reasons"`
		} `json:"criticised"`
	}](t, body)
	if len(bulletin.Criticised) != 1 || bulletin.Criticised[0].Region != "130626" || bulletin.Criticised[0].Reasons[0].Code != "late_entry" {
		t.Errorf("the bulletin criticises %s, want county A for its late entries", body)
	}
	resp, body = analyst.do("GET", "/api/v1/league/"+period+"/bulletin.xlsx", nil, nil)
	analyst.status(http.StatusOK, resp, body)
	book, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	league, _ := book.GetRows("排名")
	criticised, _ := book.GetRows("通报批评")
	if len(league) != page.Total+1 || len(criticised) != 2 || criticised[1][1] != "130626" || !strings.Contains(criticised[1][4], "迟报") {
		t.Errorf("workbook: %d league rows, criticised %v", len(league), criticised)
	}
	if typ, _ := book.GetCellType("排名", "D2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("the score is stored as %v, want a number", typ)
	}

	resp, body = analyst.do("GET", "/api/v1/statistics/summary?region=130626&from=2026-01-01&to=2026-12-31", nil, nil)
	analyst.status(http.StatusOK, resp, body)
	summary := decodeInto[struct {
		Idle map[string]struct {
			Count int    `json:"count"`
			URL   string `json:"url"`
		} `json:"idle"`
		Overlaps struct {
			URL string `json:"url"`
		} `json:"overlaps"`
		Development map[string]map[string]struct {
			URL string `json:"url"`
		} `json:"development"`
	}](t, body)
	if summary.Idle["determined"].URL != "/api/v1/findings?kind=suspected_idle&region=130626&status=determined" ||
		summary.Overlaps.URL != "/api/v1/findings?kind=overlap&region=130626" ||
		summary.Development["started"]["late"].URL != "/api/v1/supplies?from=2026-01-01&region=130626&review=approved&to=2026-12-31" {
		t.Errorf("summary %s: want each figure with its list", body)
	}
	resp, body = a.do("GET", "/api/v1/statistics/summary?region=130627", nil, nil)
	a.status(http.StatusForbidden, resp, body)
}
