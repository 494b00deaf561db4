package api

import (
	"bytes"
	"context"
	"maps"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"

	"landwatch/land"
	"landwatch/sql/sqltest"
)

// lotsIn returns the features of the layer "parcels" that outline a lot,
// by lot number.
func lotsIn(t *testing.T, data []byte) map[string]*geojson.Feature {
	t.Helper()
	layers, err := mvt.Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*geojson.Feature{}
	for _, l := range layers {
		for _, f := range l.Features {
			if n, ok := f.Properties["lot"].(string); ok && l.Name == "parcels" {
				out[n] = f
			}
		}
	}
	return out
}

// A lot announced and not sold yet is outlined on the map: its boundary,
// written through the API, is in its tile within the change feed's round
// with its number and announcement and no stage (it is nobody's land), the
// same as PostGIS's anchor draws it; TileJSON names its attributes; once
// the lot's deal is recorded, its land is the supply's and the outline goes,
// while the other lot of the announcement stays.
func TestUnsoldLotsAreOutlinedInTheTiles(t *testing.T) {
	ts := newTestServerOf(t, sqltest.Running(t), nil)
	clerk := ts.account(t, "lot-map-clerk", land.RoleClerk, "130626")
	resp, body := clerk.do("POST", "/api/v1/announcements", nil, []byte(announcementJSON("定自然资告字〔2026〕31号",
		"2026-11-02", "2026-11-03", "2026-11-20", "2026-11-16", "2026-11-26", "DXMAP-01", "DXMAP-02")))
	clerk.status(http.StatusCreated, resp, body)
	ann := decodeInto[announcementAnswer](t, body)
	annPath := "/api/v1/announcements/" + strconv.FormatInt(ann.ID, 10)
	for i, lot := range []string{"DXMAP-01", "DXMAP-02"} {
		resp, body := clerk.do("PUT", annPath+"/lots/"+lot+"/parcels", http.Header{"Content-Type": {"application/geo+json"}},
			[]byte(square(115.8800+float64(i)*0.0015, 39.3000, 0.0005)))
		clerk.status(http.StatusOK, resp, body)
	}
	const z = 16
	x, y := tileOf(115.8808, 39.3003, z)
	path := tilePath(115.8808, 39.3003, z)
	tile := func() map[string]*geojson.Feature {
		resp, body := clerk.do("GET", path, nil, nil)
		clerk.status(http.StatusOK, resp, body)
		return lotsIn(t, body)
	}
	waitFor(t, 10*time.Second, "both unsold lots in their tile", func() bool { return len(tile()) == 2 })

	t.Run("the outline carries the lot and its announcement, as PostGIS draws it", func(t *testing.T) {
		ours := tile()
		f := ours["DXMAP-01"]
		if f.Properties["announcement_id"] != float64(ann.ID) || f.Properties["stage"] != nil || f.Properties["supply_id"] != nil {
			t.Fatalf("the lot's attributes: %v; want its announcement %d, no stage, no supply", f.Properties, ann.ID)
		}
		anchor, err := ts.store.PostGISTile(context.Background(), z, uint32(x), uint32(y))
		if err != nil {
			t.Fatal(err)
		}
		theirs := lotsIn(t, anchor)
		if len(theirs) != len(ours) {
			t.Fatalf("PostGIS outlines %d lots, landwatch %d", len(theirs), len(ours))
		}
		for n, f := range ours {
			if !maps.Equal(f.Properties, theirs[n].Properties) {
				t.Errorf("lot %s: %v, PostGIS %v", n, f.Properties, theirs[n].Properties)
			}
		}
		resp, body := clerk.do("GET", "/tiles.json", nil, nil)
		clerk.status(http.StatusOK, resp, body)
		for _, field := range []string{`"lot":`, `"announcement_id":`} {
			if !bytes.Contains(body, []byte(field)) {
				t.Errorf("TileJSON does not name %s", field)
			}
		}
	})

	t.Run("a sold lot's outline goes", func(t *testing.T) {
		deal := `{"announcement_id":` + strconv.FormatInt(ann.ID, 10) + `,"lot_number":"DXMAP-01","winner":"保定某置业有限公司","price_wan":4100,"deal_on":"2026-11-26"}`
		resp, body := clerk.do("POST", "/api/v1/deals", nil, []byte(deal))
		clerk.status(http.StatusCreated, resp, body)
		waitFor(t, 10*time.Second, "the sold lot's outline gone", func() bool {
			lots := tile()
			_, sold := lots["DXMAP-01"]
			_, unsold := lots["DXMAP-02"]
			return !sold && unsold
		})
	})
}
