package api

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"landwatch/land"
)

// TestProjectNamesInTilesFromZoom17 follows a project name into the tiles:
// the TileJSON offers zoom 17, whose tiles carry the name (cut to 24
// characters) and follow a rename; zoom 16's do not carry it.
func TestProjectNamesInTilesFromZoom17(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	resp, body := c.do("POST", "/api/v1/supplies", nil, tileSupply("1306262021B00041", 115.7800, 39.2600, 0.0010))
	c.status(201, resp, body)

	resp, body = c.do("GET", "/tiles.json", nil, nil)
	c.status(200, resp, body)
	var tj struct {
		MaxZoom int `json:"maxzoom"`
	}
	if err := json.Unmarshal(body, &tj); err != nil || tj.MaxZoom != 17 {
		t.Fatalf("TileJSON maxzoom %d (%v), want 17: the map must ask for the tiles with the names", tj.MaxZoom, err)
	}

	project := func(z int) string {
		for _, f := range tileLayer(c, tilePath(115.7805, 39.2605, z), "labels") {
			if f.Properties["e_number"] == "1306262021B00041" {
				name, _ := f.Properties["project"].(string)
				return name
			}
		}
		t.Fatalf("zoom %d: the parcel is not in its tile", z)
		return ""
	}
	if got := project(17); got != "测试" {
		t.Errorf("zoom 17: project %q, want 测试", got)
	}
	if got := project(16); got != "" {
		t.Errorf("zoom 16 carries the project name %q: lower tiles must not grow by it", got)
	}

	long := "定兴县二〇二一年度城市更新改造暨老旧小区综合整治工程一期项目" // 30 characters
	resp, body = c.do("GET", "/api/v1/supplies/1306262021B00041", nil, nil)
	c.status(200, resp, body)
	resp, body = c.do("PATCH", "/api/v1/supplies/1306262021B00041", http.Header{"If-Match": {resp.Header.Get("ETag")}},
		[]byte(`{"project_name":"`+long+`"}`))
	c.status(200, resp, body)
	want := string([]rune(long)[:24])
	waitFor(t, 10*time.Second, "the renamed project in the zoom 17 tile", func() bool { return project(17) == want })
}
