package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// tileOf returns the tile of zoom z holding lon/lat.
func tileOf(lon, lat float64, z int) (int, int) {
	n := math.Exp2(float64(z))
	s := math.Sin(lat * math.Pi / 180)
	return int((lon + 180) / 360 * n), int((0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)) * n)
}

func squareSupply(number string, lon, lat, size float64) []byte {
	ring := [][2]float64{{lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}, {lon, lat}}
	b, _ := json.Marshal(ring)
	return []byte(`{"e_number":"` + number + `","method":"22","project_name":"测试","area_ha":0.5,"land_use_original":"0601",
"contract_date":"2021-03-05","parcels":{"type":"Polygon","coordinates":[` + string(b) + `]}}`)
}

func decodeParcels(t *testing.T, data []byte) map[uint64]*mvt.Layer {
	t.Helper()
	layers, err := mvt.Unmarshal(data)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	out := map[uint64]*mvt.Layer{}
	for _, l := range layers {
		if l.Name != "parcels" {
			continue
		}
		for _, f := range l.Features {
			id, ok := f.ID.(float64)
			if !ok || id <= 0 {
				t.Fatalf("a parcel without its id: %v", f.ID)
			}
			out[uint64(id)] = &mvt.Layer{Name: l.Name, Features: []*geojson.Feature{f}}
		}
	}
	return out
}

func TestServeTilesMatchPostGISAndFollowEdits(t *testing.T) {
	bin := buildBinary(t)
	dbURL := sqltest.URL(t)
	c := adminClient(t, bin, dbURL)
	resp, body := c.do("POST", "/api/v1/supplies", nil, squareSupply("1306262021B00001", 115.7800, 39.2600, 0.0010))
	c.status(201, resp, body)
	resp, body = c.do("POST", "/api/v1/supplies", nil, squareSupply("1306262021B00002", 115.7815, 39.2603, 0.0008))
	c.status(201, resp, body)

	const z = 15
	x, y := tileOf(115.7812, 39.2605, z)
	path := "/tiles/" + strconv.Itoa(z) + "/" + strconv.Itoa(x) + "/" + strconv.Itoa(y) + ".mvt"
	resp, ours := c.do("GET", path, nil, nil)
	c.status(200, resp, ours)
	if resp.Header.Get("Content-Type") != "application/vnd.mapbox-vector-tile" || resp.Header.Get("X-Cache") != "miss" {
		t.Fatalf("first answer: %v", resp.Header)
	}
	tag := resp.Header.Get("ETag")

	t.Run("the tile has the same features as PostGIS ST_AsMVT", func(t *testing.T) {
		st, err := sql.Open(context.Background(), dbURL)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		theirs, err := st.PostGISTile(context.Background(), z, uint32(x), uint32(y))
		if err != nil {
			t.Fatal(err)
		}
		a, b := decodeParcels(t, ours), decodeParcels(t, theirs)
		if len(a) != 2 || len(a) != len(b) {
			t.Fatalf("landwatch has %d parcels, PostGIS %d; want 2 each", len(a), len(b))
		}
		for id, la := range a {
			lb, ok := b[id]
			if !ok {
				t.Errorf("parcel %d missing from PostGIS's tile", id)
				continue
			}
			fa, fb := la.Features[0], lb.Features[0]
			for _, k := range []string{"e_number", "stage", "land_use", "method"} {
				if fa.Properties[k] != fb.Properties[k] {
					t.Errorf("parcel %d %s: %v, PostGIS %v", id, k, fa.Properties[k], fb.Properties[k])
				}
			}
			areaA, areaB := planar.Area(fa.Geometry), planar.Area(fb.Geometry)
			if math.Abs(areaA-areaB) > 0.01*areaB {
				t.Errorf("parcel %d: area in tile units %.0f, PostGIS %.0f", id, areaA, areaB)
			}
		}
	})

	t.Run("an unchanged tile is served from the cache, then as not modified", func(t *testing.T) {
		resp, body := c.do("GET", path, nil, nil)
		c.status(200, resp, body)
		if resp.Header.Get("X-Cache") != "hit" || resp.Header.Get("ETag") != tag || !bytes.Equal(body, ours) {
			t.Errorf("second answer: %v", resp.Header)
		}
		resp, body = c.do("GET", path, http.Header{"If-None-Match": {tag}}, nil)
		c.status(304, resp, body)
	})

	t.Run("gzip only when asked for", func(t *testing.T) {
		req, _ := http.NewRequest("GET", c.base+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		req.Header.Set("Authorization", "Bearer "+c.token)
		tr := &http.Transport{DisableCompression: true}
		r, err := (&http.Client{Transport: tr}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		if r.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("Content-Encoding %q", r.Header.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := io.ReadAll(zr)
		if !bytes.Equal(plain, ours) {
			t.Error("the gzipped tile is not the tile")
		}
	})

	t.Run("an edit changes the tile at once and leaves other tiles cached", func(t *testing.T) {
		fx, fy := tileOf(115.70, 39.20, z) // far from the edit
		far := "/tiles/15/" + strconv.Itoa(fx) + "/" + strconv.Itoa(fy) + ".mvt"
		c.do("GET", far, nil, nil)
		moved := `{"type":"Polygon","coordinates":[[[115.7816,39.2604],[115.7820,39.2604],[115.7820,39.2608],[115.7816,39.2608],[115.7816,39.2604]]]}`
		resp, body := c.do("PUT", "/api/v1/supplies/1306262021B00002/parcels", http.Header{"Content-Type": {"application/geo+json"}}, []byte(moved))
		c.status(200, resp, body)
		resp, body = c.do("GET", path, nil, nil)
		c.status(200, resp, body)
		if resp.Header.Get("X-Cache") != "miss" || resp.Header.Get("ETag") == tag {
			t.Errorf("after the edit: %v", resp.Header)
		}
		resp, _ = c.do("GET", far, nil, nil)
		if resp.Header.Get("X-Cache") != "hit" {
			t.Errorf("a tile far from the edit was dropped from the cache")
		}
	})

	t.Run("tile addresses are checked", func(t *testing.T) {
		for _, p := range []string{"/tiles/23/0/0.mvt", "/tiles/3/8/0.mvt", "/tiles/3/0/-1.mvt", "/tiles/3/a/0.mvt"} {
			resp, body := c.do("GET", p, nil, nil)
			if resp.StatusCode != 400 && resp.StatusCode != 404 {
				t.Errorf("%s: %d %s", p, resp.StatusCode, body)
			}
		}
		resp, body := c.do("GET", "/tiles/3/8/0.mvt", nil, nil)
		if !strings.Contains(string(body), `"field":"x"`) {
			t.Errorf("%d %s", resp.StatusCode, body)
		}
	})
}
