package api

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb/encoding/mvt"

	"landwatch/land"
)

func TestOverlapsAreReportedOnWriteAndOnQuery(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	resp, body := c.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00010", square(115.780, 39.260, 0.001))))
	c.status(201, resp, body)
	if !strings.Contains(string(body), `"overlaps":[]`) {
		t.Errorf("the first supply overlaps something: %s", body)
	}
	// The second supply covers the east half of the first one.
	resp, body = c.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00011", square(115.7805, 39.260, 0.001))))
	c.status(201, resp, body)
	var res struct {
		Overlaps []struct {
			OtherENumber string  `json:"other_e_number"`
			AreaM2       float64 `json:"area_m2"`
			Share        float64 `json:"share"`
			FindingID    int64   `json:"finding_id"`
		} `json:"overlaps"`
	}
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Overlaps) != 1 || res.Overlaps[0].OtherENumber != "1306262026B00010" || res.Overlaps[0].FindingID == 0 {
		t.Fatalf("overlaps of the second supply = %s", body)
	}
	// Half of a 0.001° square at 39.26° N: about 43 m × 111 m.
	if a := res.Overlaps[0].AreaM2; a < 4000 || a > 5500 || res.Overlaps[0].Share < 0.49 || res.Overlaps[0].Share > 0.51 {
		t.Errorf("overlap area %.1f m², share %.3f", a, res.Overlaps[0].Share)
	}

	t.Run("the finding states its rule in Chinese, without DESIGN's sections", func(t *testing.T) {
		c := c.as(t)
		resp, body := c.do("GET", "/api/v1/findings/"+strconv.FormatInt(res.Overlaps[0].FindingID, 10), nil, nil)
		c.status(200, resp, body)
		var f struct {
			Rule string `json:"rule"`
		}
		if err := json.Unmarshal(body, &f); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(f.Rule, "重复供地：重叠面积不小于") || strings.Contains(f.Rule, "DESIGN") || strings.Contains(f.Rule, "shared area") {
			t.Errorf("rule %q", f.Rule)
		}
	})

	t.Run("the finding is listed once, however often it is checked", func(t *testing.T) {
		c := c.as(t)
		resp, body := c.do("POST", "/api/v1/overlaps/scan", nil, nil)
		c.status(200, resp, body)
		if !strings.Contains(string(body), `"overlaps":1`) || !strings.Contains(string(body), `"new":0`) {
			t.Errorf("scan = %s", body)
		}
		resp, body = c.do("GET", "/api/v1/findings?kind=overlap&status=open", nil, nil)
		c.status(200, resp, body)
		if !strings.Contains(string(body), `"total":1`) {
			t.Errorf("findings = %s", body)
		}
		resp, body = c.do("GET", "/api/v1/findings?kind=overlap&near=115.7807,39.2605&within=200", nil, nil)
		c.status(200, resp, body)
		if !strings.Contains(string(body), `"total":1`) {
			t.Errorf("findings near the parcels = %s", body)
		}
		resp, body = c.do("GET", "/api/v1/findings?kind=overlap&near=115.90,39.30&within=200", nil, nil)
		c.status(200, resp, body)
		if !strings.Contains(string(body), `"total":0`) {
			t.Errorf("findings far away = %s", body)
		}
	})

	t.Run("a finding moves along its steps with reasons", func(t *testing.T) {
		c := c.as(t)
		id := strconv.FormatInt(res.Overlaps[0].FindingID, 10)
		resp, body := c.do("PATCH", "/api/v1/findings/"+id, nil, []byte(`{"status":"determined","reason":"skip the field check"}`))
		c.status(400, resp, body)
		if !strings.Contains(string(body), `"field":"status"`) {
			t.Errorf("a jump past verification: %s", body)
		}
		resp, body = c.do("PATCH", "/api/v1/findings/"+id, nil, []byte(`{"status":"assigned","assignee":"核查组-3","reason":"两宗供地重叠，实地核查"}`))
		c.status(200, resp, body)
		resp, body = c.do("GET", "/api/v1/findings/"+id, nil, nil)
		c.status(200, resp, body)
		if !strings.Contains(string(body), `"status":"assigned"`) || !strings.Contains(string(body), `"to":"assigned"`) {
			t.Errorf("finding after assignment: %s", body)
		}
	})

	t.Run("a field verification must be made on site and keeps its photos", func(t *testing.T) {
		c := c.as(t)
		id := strconv.FormatInt(res.Overlaps[0].FindingID, 10)
		far := `{"lon":115.90,"lat":39.30,"accuracy_m":8,"observed_at":"2026-11-20T10:00:00+08:00","verdict":"idle_confirmed"}`
		resp, body := c.do("POST", "/api/v1/findings/"+id+"/verifications", nil, []byte(far))
		c.status(400, resp, body)
		if !strings.Contains(string(body), `"field":"position"`) {
			t.Errorf("a verification far away: %s", body)
		}
		notPhoto := `{"lon":115.7807,"lat":39.2605,"accuracy_m":8,"observed_at":"2026-11-20T10:00:00+08:00","verdict":"idle_confirmed",
"photos":[{"content_type":"image/jpeg","data":"cGhvdG8="}]}`
		resp, body = c.do("POST", "/api/v1/findings/"+id+"/verifications", nil, []byte(notPhoto))
		c.status(400, resp, body)
		if !strings.Contains(string(body), `"field":"photos[0].data"`) {
			t.Errorf("bytes that are no photo: %s", body)
		}
		// A JPEG whose EXIF (written by exiftool) says when and where it was taken.
		jpeg, err := os.ReadFile("../photo/testdata/chengdu_le.jpg")
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(jpeg)
		near := `{"lon":115.7807,"lat":39.2605,"accuracy_m":8,"observed_at":"2026-11-20T10:00:00+08:00","verdict":"measured",
"developed_share":0.1,"photos":[{"content_type":"image/jpeg","data":"` + base64.StdEncoding.EncodeToString(jpeg) + `"}]}`
		resp, body = c.do("POST", "/api/v1/findings/"+id+"/verifications", nil, []byte(near))
		c.status(201, resp, body)
		for _, want := range []string{`"sha256":"` + hex.EncodeToString(sum[:]) + `"`, `"taken_at":"2024-05-17T09:30:15+08:00"`, `"taken_lat":30.6586`, `"taken_lon":104.0648`} {
			if !strings.Contains(string(body), want) {
				t.Errorf("the verification does not keep %s: %s", want, body)
			}
		}
		resp, body = c.do("GET", "/api/v1/findings/"+id, nil, nil)
		c.status(200, resp, body)
		if !strings.Contains(string(body), `"status":"verified"`) {
			t.Errorf("an assigned finding is verified after the field check: %s", body)
		}
	})

	t.Run("working days are counted with the holiday arrangements", func(t *testing.T) {
		c := c.as(t)
		resp, body := c.do("GET", "/api/v1/workdays?from=2026-09-30&add=7", nil, nil)
		c.status(200, resp, body)
		if !strings.Contains(string(body), `"last_day":"2026-10-15"`) {
			t.Errorf("workdays: %s", body)
		}
	})

	t.Run("the tiles carry the overlap and its finding", func(t *testing.T) {
		c := c.as(t)
		resp, body := c.do("GET", tilePath(115.7807, 39.2605, 15), nil, nil)
		c.status(200, resp, body)
		layers, err := mvt.Unmarshal(body)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]int{}
		for _, l := range layers {
			for _, f := range l.Features {
				if l.Name == "findings" {
					kinds[f.Properties["kind"].(string)]++
				} else {
					kinds[l.Name]++
				}
			}
		}
		if kinds["overlaps"] != 1 || kinds["overlap"] != 1 || kinds["parcels"] != 2 {
			t.Errorf("features by layer (and finding kind): %v", kinds)
		}
	})

	t.Run("a drawn area lists the supplies under it", func(t *testing.T) {
		c := c.as(t)
		resp, body := c.do("POST", "/api/v1/overlaps/query", nil, []byte(square(115.7808, 39.2602, 0.0001)))
		c.status(200, resp, body)
		if !strings.Contains(string(body), `"total":2`) {
			t.Errorf("drawn area = %s", body)
		}
	})

	t.Run("overlaps of a region are listed from the index", func(t *testing.T) {
		c := c.as(t)
		resp, body := c.do("GET", "/api/v1/overlaps?region=130600", nil, nil)
		c.status(200, resp, body)
		if !strings.Contains(string(body), `"total":1`) || !strings.Contains(string(body), "1306262026B00011") {
			t.Errorf("overlaps = %s", body)
		}
	})
}
