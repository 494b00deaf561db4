package api

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/sql/sqltest"
)

// publicSupplyServer serves the public supply handlers over a store with
// three approved supplies, one submitted and one returned, each with a
// parcel boundary.
func publicSupplyServer(t *testing.T) *httptest.Server {
	t.Helper()
	svc := sqltest.Service(t)
	st := svc.Store()
	ctx := context.Background()
	for i, c := range []struct{ number, review string }{
		{"1306262019B00901", "approve"},
		{"1306262019B00902", "approve"},
		{"1306262019B00903", ""},
		{"1306262019B00904", "return"},
		{"1306062019B00901", "approve"},
	} {
		lon := 115.78 + float64(i)*0.01
		sup := &land.Supply{
			ENumber: c.number, Method: "23", ProjectName: "公示测试项目", Location: "开放西路北侧",
			AreaHa: 1, LandUseOriginal: "城镇住宅用地", Holder: "河北测试房地产开发有限公司",
			ContractDate: land.NewDate(2019, 3, 1+i),
			Parcels: []land.Parcel{{Number: c.number, Geometry: orb.MultiPolygon{{{
				{lon, 39.26}, {lon + 0.001, 39.26}, {lon + 0.001, 39.261}, {lon, 39.261}, {lon, 39.26}}}}}},
		}
		if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sup); err != nil {
			t.Fatalf("create %s: %v", c.number, err)
		}
		if c.review != "" {
			if _, err := st.ReviewSupply(ctx, land.SystemScope("reviewer"), c.number, 0, land.Review{Decision: c.review, Reason: "请补充"}); err != nil {
				t.Fatalf("review %s: %v", c.number, err)
			}
		}
	}
	srv := httptest.NewServer(New(Config{Service: svc, Log: slog.New(slog.DiscardHandler)}))
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, srv *httptest.Server, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

type publicPage struct {
	Items []struct {
		ENumber string `json:"e_number"`
	} `json:"items"`
	Total int     `json:"total"`
	Next  *string `json:"next"`
}

func TestPublicSuppliesOverHTTP(t *testing.T) {
	srv := publicSupplyServer(t)

	t.Run("the list answers the approved supplies, cacheable and without coordinates", func(t *testing.T) {
		resp, b := get(t, srv, "/public/supplies")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", resp.StatusCode, b)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=300" {
			t.Errorf("Cache-Control = %q", cc)
		}
		var page publicPage
		if err := json.Unmarshal(b, &page); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range page.Items {
			got = append(got, it.ENumber)
		}
		want := []string{"1306262019B00901", "1306262019B00902", "1306062019B00901"}
		if !slices.Equal(got, want) || page.Total != 3 || page.Next != nil {
			t.Errorf("items %v total %d next %v; want %v, 3, null: %s", got, page.Total, page.Next, want, b)
		}
		sqltest.AssertNoCoordinates(t, b)
	})

	t.Run("next links walk the pages and keep the filters", func(t *testing.T) {
		var got []string
		path := "/public/supplies?region=130600&limit=1"
		for pages := 0; path != ""; pages++ {
			if pages > 3 {
				t.Fatal("more pages than supplies")
			}
			resp, b := get(t, srv, path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: status %d: %s", path, resp.StatusCode, b)
			}
			sqltest.AssertNoCoordinates(t, b)
			var page publicPage
			if err := json.Unmarshal(b, &page); err != nil {
				t.Fatal(err)
			}
			if page.Total != 3 || len(page.Items) != 1 {
				t.Fatalf("%s: %s", path, b)
			}
			got = append(got, page.Items[0].ENumber)
			path = ""
			if page.Next != nil {
				path = *page.Next
			}
		}
		if want := []string{"1306262019B00901", "1306262019B00902", "1306062019B00901"}; !slices.Equal(got, want) {
			t.Errorf("pages gave %v, want %v", got, want)
		}
	})

	t.Run("an approved supply is answered by its number", func(t *testing.T) {
		resp, b := get(t, srv, "/public/supplies/1306262019B00901")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", resp.StatusCode, b)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=300" {
			t.Errorf("Cache-Control = %q", cc)
		}
		var p map[string]any
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		if p["e_number"] != "1306262019B00901" || p["method_name"] != "挂牌出让" || p["contract_date"] != "2019-03-01" {
			t.Errorf("record %s", b)
		}
		sqltest.AssertNoCoordinates(t, b)
	})

	for _, c := range []struct {
		name, path string
		status     int
		field      string
	}{
		{"a submitted supply is not found", "/public/supplies/1306262019B00903", http.StatusNotFound, "number"},
		{"a returned supply is not found", "/public/supplies/1306262019B00904", http.StatusNotFound, "number"},
		{"a malformed number is refused", "/public/supplies/13062619B009", http.StatusBadRequest, "number"},
		{"a parameter on one record is refused", "/public/supplies/1306262019B00901?f=geojson", http.StatusBadRequest, "f"},
		{"a bounding box is not a public filter", "/public/supplies?bbox=115,39,116,40", http.StatusBadRequest, "bbox"},
		{"a stage is not a public filter", "/public/supplies?stage=idle", http.StatusBadRequest, "stage"},
		{"a region must have six digits", "/public/supplies?region=13", http.StatusBadRequest, "region"},
		{"a method must be known", "/public/supplies?method=99", http.StatusBadRequest, "method"},
		{"from must be a date", "/public/supplies?from=2019-13-01", http.StatusBadRequest, "from"},
		{"to must be a date", "/public/supplies?to=yesterday", http.StatusBadRequest, "to"},
		{"a cursor must be a number", "/public/supplies?cursor=abc", http.StatusBadRequest, "cursor"},
		{"a page holds at most 500", "/public/supplies?limit=501", http.StatusBadRequest, "limit"},
		{"a page holds at least 1", "/public/supplies?limit=0", http.StatusBadRequest, "limit"},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, b := get(t, srv, c.path)
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, c.status, b)
			}
			var p Problem
			if err := json.Unmarshal(b, &p); err != nil {
				t.Fatal(err)
			}
			if p.Field != c.field {
				t.Errorf("problem field %q, want %q: %s", p.Field, c.field, b)
			}
			if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("an error is cacheable: Cache-Control %q", cc)
			}
		})
	}
}
