package api

import (
	"encoding/json"
	"net/http"
	"testing"

	"landwatch/land"
)

// A reviewer compares a boundary before and after a change: with
// geometry=true every parcel version of the history carries its boundary,
// the old one as well as the new; without it none does.
func TestTheHistoryCarriesEachParcelVersionsBoundaryWhenAsked(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00077", square(115.780, 39.260, 0.001))))
	c.status(http.StatusCreated, resp, b)
	loc := "/api/v1/supplies/1306262026B00077"
	resp, b = c.do("PUT", loc+"/parcels", http.Header{"Content-Type": {"application/geo+json"}, "If-Match": {"*"}}, []byte(square(115.781, 39.260, 0.001)))
	c.status(http.StatusOK, resp, b)

	boundaries := func(path string) []float64 {
		resp, b := c.do("GET", path, nil, nil)
		c.status(http.StatusOK, resp, b)
		var out struct {
			Items []struct {
				Entity string `json:"entity"`
				Data   struct {
					Geometry *struct {
						Coordinates [][][][2]float64 `json:"coordinates"`
					} `json:"geometry"`
				} `json:"data"`
			} `json:"items"`
		}
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		var west []float64 // the first vertex's longitude of each parcel version with a boundary
		for _, v := range out.Items {
			if v.Entity == "parcel" && v.Data.Geometry != nil {
				west = append(west, v.Data.Geometry.Coordinates[0][0][0][0])
			}
		}
		return west
	}
	if got := boundaries(loc + "/history"); len(got) != 0 {
		t.Errorf("boundaries without asking: %v", got)
	}
	got := boundaries(loc + "/history?geometry=true")
	seen := map[float64]bool{}
	for _, w := range got {
		seen[w] = true
	}
	if !seen[115.780] || !seen[115.781] {
		t.Errorf("the parcel versions' west edges %v, want the old 115.780 and the new 115.781", got)
	}
	resp, b = c.do("GET", loc+"/history?geometry=maybe", nil, nil)
	c.status(http.StatusBadRequest, resp, b)
}
