package api

import (
	"encoding/json"
	"net/http"
	"testing"

	"landwatch/land"
)

// Boundaries are checked before they are saved: the dry run answers the
// parcels' plane areas and the overlaps the write would find, and writes
// nothing; the supply's own parcels, which the new ones replace, are not an
// overlap.
func TestBoundariesAreCheckedBeforeSaving(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "clerk-dx", land.RoleClerk, "130626")
	other := ts.account(t, "clerk-tang", land.RoleClerk, "130627")
	geo := http.Header{"Content-Type": {"application/json"}}
	for _, s := range []struct{ number, geometry string }{
		{"1306262026B00021", square(115.780, 39.260, 0.001)},
		{"1306262026B00022", square(115.790, 39.260, 0.001)},
	} {
		resp, b := clerk.do("POST", "/api/v1/supplies", geo, []byte(supplyJSON(s.number, s.geometry)))
		clerk.status(201, resp, b)
	}
	check := "/api/v1/supplies/1306262026B00022/parcels/check"
	moved := square(115.7805, 39.260, 0.001) // half over the first supply's parcel

	resp, b := clerk.do("POST", check, http.Header{"Content-Type": {"application/geo+json"}}, []byte(moved))
	clerk.status(200, resp, b)
	var res struct {
		Parcels struct {
			Features []struct {
				Properties struct {
					PlaneAreaM2 float64 `json:"plane_area_m2"`
				} `json:"properties"`
			} `json:"features"`
		} `json:"parcels"`
		Overlaps []struct {
			Parcel       int     `json:"parcel"`
			OtherENumber string  `json:"other_e_number"`
			AreaM2       float64 `json:"area_m2"`
			Share        float64 `json:"share"`
		} `json:"overlaps"`
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	if f := res.Parcels.Features; len(f) != 1 || f[0].Properties.PlaneAreaM2 < 8000 || f[0].Properties.PlaneAreaM2 > 10000 {
		t.Errorf("the parcel's plane area: %s", b)
	}
	if len(res.Overlaps) != 1 || res.Overlaps[0].OtherENumber != "1306262026B00021" || res.Overlaps[0].Share < 0.45 || res.Overlaps[0].Share > 0.55 {
		t.Errorf("the overlap with the first supply: %s", b)
	}

	t.Run("its own parcels are no overlap", func(t *testing.T) {
		resp, b := clerk.do("POST", check, http.Header{"Content-Type": {"application/geo+json"}}, []byte(square(115.7902, 39.260, 0.001)))
		clerk.status(200, resp, b)
		res.Overlaps = nil
		if err := json.Unmarshal(b, &res); err != nil || len(res.Overlaps) != 0 {
			t.Errorf("overlaps found: %s", b)
		}
	})
	t.Run("nothing is written", func(t *testing.T) {
		resp, b := clerk.do("GET", "/api/v1/supplies/1306262026B00022/history", nil, nil)
		clerk.status(200, resp, b)
		var h struct{ Items []struct{ Entity, Op string } }
		_ = json.Unmarshal(b, &h)
		for _, v := range h.Items {
			if v.Entity == "parcel" && v.Op != "insert" {
				t.Errorf("the check changed a parcel: %s", b)
			}
		}
	})
	t.Run("another county's clerk cannot check", func(t *testing.T) {
		resp, b := other.do("POST", check, http.Header{"Content-Type": {"application/geo+json"}}, []byte(moved))
		if resp.StatusCode != 403 && resp.StatusCode != 404 {
			t.Errorf("%d %s", resp.StatusCode, b)
		}
	})
}
