package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"landwatch/sql/sqltest"
)

// The public page narrows the supply results by a region picked by name and
// by land use.
func TestPublicRegionsAndLandUseOverHTTP(t *testing.T) {
	srv := publicSupplyServer(t)

	t.Run("the regions holding published supplies come with their names and those above them", func(t *testing.T) {
		resp, b := get(t, srv, "/public/regions")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", resp.StatusCode, b)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=300" {
			t.Errorf("Cache-Control = %q", cc)
		}
		var page struct {
			Items []struct{ Code, Name, Level, Parent string } `json:"items"`
		}
		if err := json.Unmarshal(b, &page); err != nil {
			t.Fatal(err)
		}
		var codes []string
		names := map[string]string{}
		for _, r := range page.Items {
			codes = append(codes, r.Code)
			names[r.Code] = r.Name
		}
		// 130626 (定兴县) and 130606 (莲池区) hold approved supplies; the
		// submitted and returned ones publish nothing, so no other county.
		if want := []string{"130000", "130600", "130606", "130626"}; !slices.Equal(codes, want) {
			t.Fatalf("regions %v, want %v: %s", codes, want, b)
		}
		if names["130000"] != "河北省" || names["130600"] != "保定市" || names["130626"] != "定兴县" {
			t.Errorf("names %v", names)
		}
		sqltest.AssertNoCoordinates(t, b)
	})

	for _, c := range []struct {
		path  string
		total int
	}{
		{"/public/supplies?land_use=07", 3},
		{"/public/supplies?land_use=0701", 3},
		{"/public/supplies?land_use=05", 0},
		{"/public/supplies?land_use=07&region=130626", 2},
	} {
		t.Run(c.path, func(t *testing.T) {
			resp, b := get(t, srv, c.path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, b)
			}
			var page publicPage
			if err := json.Unmarshal(b, &page); err != nil {
				t.Fatal(err)
			}
			if page.Total != c.total || len(page.Items) != c.total {
				t.Errorf("total %d, %d items; want %d: %s", page.Total, len(page.Items), c.total, b)
			}
		})
	}

	t.Run("an unknown land use is refused naming it", func(t *testing.T) {
		resp, b := get(t, srv, "/public/supplies?land_use=月球用地")
		var p Problem
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusBadRequest || p.Field != "land_use" {
			t.Errorf("status %d field %q: %s", resp.StatusCode, p.Field, b)
		}
	})

	t.Run("the regions take no parameters", func(t *testing.T) {
		resp, b := get(t, srv, "/public/regions?level=county")
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("status %d: %s", resp.StatusCode, b)
		}
	})
}
