package api

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"testing"

	"landwatch/land"
)

// recordsRegister adds to ogcRegister's supplies 5 reserves, 3 plans, 5
// transactions, 3 announcements of 2 lots each and a deal of each
// announcement's first lot, all in county A.
func recordsRegister(t *testing.T, ts *testServer) testClient {
	t.Helper()
	admin := ogcRegister(t, ts)
	post := func(path, body string) []byte {
		t.Helper()
		resp, b := admin.do("POST", path, nil, []byte(body))
		admin.status(http.StatusCreated, resp, b)
		return b
	}
	for i := range 5 {
		post("/api/v1/reserves", reserveJSON(fmt.Sprintf("CB130626-2026-%02d", i+1), "2026-02-05", square(115.90+0.01*float64(i), 39.40, 0.001)))
		post("/api/v1/transactions", transactionJSON(land.TransactionTransfer, fmt.Sprintf("1306262026B%05d", 100+i),
			fmt.Sprintf("冀(2026)定兴县不动产证明第%07d号", i+1), "2026-11-02"))
	}
	for _, y := range []string{"2024", "2025", "2026"} {
		post("/api/v1/plans", planJSON("130626", y, y+"-01-15"))
	}
	for i := range 3 {
		number := fmt.Sprintf("定自然资告字〔2026〕%d号", i+1)
		var a announcementAnswer
		if err := json.Unmarshal(post("/api/v1/announcements", announcementJSON(number, "2026-01-05", "2026-01-06", "2026-01-25", "2026-01-26", "2026-02-04",
			fmt.Sprintf("DX2026-%d1", i), fmt.Sprintf("DX2026-%d2", i))), &a); err != nil {
			t.Fatal(err)
		}
		post("/api/v1/deals", `{"announcement_id":`+strconv.FormatInt(a.ID, 10)+`,"lot_number":"DX2026-`+strconv.Itoa(i)+
			`1","winner":"保定某置业有限公司","price_wan":4100,"deal_on":"2026-02-05"}`)
	}
	return admin
}

// csvRows reads a CSV export: its header and rows.
func csvRows(t *testing.T, body []byte) ([]string, [][]string) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%v: %s", err, body)
	}
	return rows[0], rows[1:]
}

// Every record kind exports in its formats, read a page of 2 at a time:
// every record, once, in several pages.
func TestTheRegistersRecordsExportInPages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(c *Config) { c.ExportPageSize = 2 })
	admin := recordsRegister(t, ts)
	for _, c := range []struct {
		collection string
		rows       int
		first      string // the first column of the first row
		formats    []string
	}{
		{"supplies", 15, "", []string{"gpkg", "geojson", "xlsx", "txt"}},
		{"reserves", 5, "CB130626-2026-01", []string{"gpkg", "geojson", "xlsx"}},
		{"plans", 3, "130626", []string{"xlsx"}},
		{"transactions", 5, "", []string{"xlsx"}},
		{"announcements", 6, "定自然资告字〔2026〕1号", []string{"xlsx"}}, // a lot a row
		{"deals", 3, "定自然资告字〔2026〕1号", []string{"xlsx"}},
	} {
		t.Run(c.collection, func(t *testing.T) {
			_, rows := csvRows(t, exportOf(t, admin.as(t), "/api/v1/exports/"+c.collection+".csv?region=130626"))
			if c.collection == "supplies" {
				c.rows = 12 // county A's
			}
			if len(rows) != c.rows {
				t.Fatalf("%d rows, want %d: %v", len(rows), c.rows, rows)
			}
			seen := map[string]bool{}
			for _, r := range rows {
				key := fmt.Sprint(r)
				if seen[key] {
					t.Errorf("a row twice: %v", r)
				}
				seen[key] = true
			}
			if c.first != "" && rows[0][0] != c.first {
				t.Errorf("first row %v, want it to begin with %s", rows[0], c.first)
			}
			for _, f := range c.formats {
				exportOf(t, admin.as(t), "/api/v1/exports/"+c.collection+"."+f+"?region=130626")
			}
		})
	}

	t.Run("the reserves' GeoJSON has each reserve's boundary", func(t *testing.T) {
		var fc struct {
			Features []struct {
				Geometry *struct {
					Type string `json:"type"`
				} `json:"geometry"`
			} `json:"features"`
		}
		if err := json.Unmarshal(exportOf(t, admin.as(t), "/api/v1/exports/reserves.geojson"), &fc); err != nil || len(fc.Features) != 5 {
			t.Fatalf("%v: %d features, want 5", err, len(fc.Features))
		}
		for _, f := range fc.Features {
			if f.Geometry == nil || f.Geometry.Type != "MultiPolygon" {
				t.Errorf("a reserve without its boundary: %+v", f.Geometry)
			}
		}
	})

	t.Run("the statistics export has the statistics' figures", func(t *testing.T) {
		// Statistics count approved supplies.
		if _, err := ts.store.Pool().Exec(context.Background(), `UPDATE supply SET review_status = 'approved'`); err != nil {
			t.Fatal(err)
		}
		for _, group := range []string{"method", "region", "month"} {
			q := "?group=" + group + "&from=2026-01-01&to=2026-12-31"
			resp, body := admin.as(t).do("GET", "/api/v1/statistics"+q, nil, nil)
			admin.as(t).status(http.StatusOK, resp, body)
			var st struct {
				Items []struct {
					Key   string `json:"key"`
					Count int    `json:"count"`
				} `json:"items"`
			}
			if err := json.Unmarshal(body, &st); err != nil {
				t.Fatal(err)
			}
			if len(st.Items) == 0 {
				t.Fatalf("group %s: no figures to compare: %s", group, body)
			}
			header, rows := csvRows(t, exportOf(t, admin.as(t), "/api/v1/exports/statistics.csv"+q))
			if header[0] != "代码" || len(rows) != len(st.Items) {
				t.Fatalf("group %s: %v and %d rows, want %d", group, header, len(rows), len(st.Items))
			}
			for i, it := range st.Items {
				if rows[i][0] != it.Key || rows[i][2] != strconv.Itoa(it.Count) {
					t.Errorf("group %s row %d: %v, the statistics say %s %d", group, i, rows[i], it.Key, it.Count)
				}
			}
			exportOf(t, admin.as(t), "/api/v1/exports/statistics.xlsx"+q)
		}
	})

	t.Run("formats a kind has not, and filters it does not take, are refused", func(t *testing.T) {
		for path, status := range map[string]int{
			"/api/v1/exports/plans.gpkg":                 http.StatusBadRequest,
			"/api/v1/exports/deals.geojson":              http.StatusBadRequest,
			"/api/v1/exports/reserves.txt":               http.StatusBadRequest,
			"/api/v1/exports/statistics.csv":             http.StatusBadRequest, // group is required
			"/api/v1/exports/statistics.csv?group=x&y=1": http.StatusBadRequest,
			"/api/v1/exports/transactions.csv?kind=gift": http.StatusBadRequest,
			"/api/v1/exports/announcements.csv?limit=2":  http.StatusBadRequest,
		} {
			resp, body := admin.as(t).do("GET", path, nil, nil)
			admin.as(t).status(status, resp, body)
		}
	})
}

// No export serves the external profile, nor a client outside the
// internal networks: every collection, every format.
func TestNoExportLeavesTheInternalNetworks(t *testing.T) {
	t.Parallel()
	external := newTestServer(t, func(c *Config) { c.Profile = ProfileExternal })
	analyst := external.account(t, "gis", land.RoleAnalyst, land.NationCode)
	internal := newTestServer(t, nil)
	outside := internal.account(t, "gis", land.RoleAnalyst, land.NationCode)
	outside.from = netip.MustParseAddrPort("203.0.113.9:5000").String()
	for name, kind := range exportKinds {
		for _, f := range exportFormats(kind) {
			path := "/api/v1/exports/" + name + "." + f + "?region=130626"
			if name == "statistics" {
				path += "&group=method"
			}
			for _, c := range []testClient{analyst, outside} {
				resp, body := c.do("GET", path, nil, nil)
				c.status(http.StatusForbidden, resp, body)
			}
		}
	}
}
