package api

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"maps"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"landwatch/land"
)

// tileSupply is an auction with a bare polygon (no feature around it) for
// its parcel: a square of size degrees from its south-west corner.
func tileSupply(number string, lon, lat, size float64) []byte {
	return []byte(`{"e_number":"` + number + `","method":"22","project_name":"测试","area_ha":0.5,"land_use_original":"0601",
"contract_date":"2021-03-05","parcels":` + square(lon, lat, size) + `}`)
}

// parcelsOfTile decodes a tile and returns its parcels by id; a parcel
// without its id fails t.
func parcelsOfTile(t *testing.T, data []byte) map[uint64]*geojson.Feature {
	t.Helper()
	layers, err := mvt.Unmarshal(data)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	out := map[uint64]*geojson.Feature{}
	for _, l := range layers {
		if l.Name != "parcels" {
			continue
		}
		for _, f := range l.Features {
			id, ok := f.ID.(float64)
			if !ok || id <= 0 {
				t.Fatalf("a parcel without its id: %v", f.ID)
			}
			out[uint64(id)] = f
		}
	}
	return out
}

func TestTilesMatchPostGISAndFollowEdits(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	resp, body := c.do("POST", "/api/v1/supplies", nil, tileSupply("1306262021B00001", 115.7800, 39.2600, 0.0010))
	c.status(201, resp, body)
	resp, body = c.do("POST", "/api/v1/supplies", nil, tileSupply("1306262021B00002", 115.7815, 39.2603, 0.0008))
	c.status(201, resp, body)

	const z = 15
	x, y := tileOf(115.7812, 39.2605, z)
	path := tilePath(115.7812, 39.2605, z)
	resp, ours := c.do("GET", path, nil, nil)
	c.status(200, resp, ours)
	if resp.Header.Get("Content-Type") != "application/vnd.mapbox-vector-tile" || resp.Header.Get("X-Cache") != "miss" {
		t.Fatalf("first answer: %v", resp.Header)
	}
	tag := resp.Header.Get("ETag")

	t.Run("the tile has the same features as PostGIS ST_AsMVT", func(t *testing.T) {
		theirs, err := ts.store.PostGISTile(context.Background(), z, uint32(x), uint32(y))
		if err != nil {
			t.Fatal(err)
		}
		a, b := parcelsOfTile(t, ours), parcelsOfTile(t, theirs)
		if len(a) != 2 || len(a) != len(b) {
			t.Fatalf("landwatch has %d parcels, PostGIS %d; want 2 each", len(a), len(b))
		}
		for id, fa := range a {
			fb, ok := b[id]
			if !ok {
				t.Errorf("parcel %d missing from PostGIS's tile", id)
				continue
			}
			// The same attributes, every one: the benchmark's anchor
			// carries what the tiles carry.
			if !maps.Equal(fa.Properties, fb.Properties) {
				t.Errorf("parcel %d: %v, PostGIS %v", id, fa.Properties, fb.Properties)
			}
			areaA, areaB := planar.Area(fa.Geometry), planar.Area(fb.Geometry)
			if math.Abs(areaA-areaB) > 0.01*areaB {
				t.Errorf("parcel %d: area in tile units %.0f, PostGIS %.0f", id, areaA, areaB)
			}
		}
	})

	t.Run("an unchanged tile is served from the cache, then as not modified", func(t *testing.T) {
		c := c.as(t)
		resp, body := c.do("GET", path, nil, nil)
		c.status(200, resp, body)
		if resp.Header.Get("X-Cache") != "hit" || resp.Header.Get("ETag") != tag || !bytes.Equal(body, ours) {
			t.Errorf("second answer: %v", resp.Header)
		}
		resp, body = c.do("GET", path, http.Header{"If-None-Match": {tag}}, nil)
		c.status(304, resp, body)
	})

	t.Run("gzip only when asked for", func(t *testing.T) {
		c := c.as(t)
		resp, body := c.do("GET", path, http.Header{"Accept-Encoding": {"gzip"}}, nil)
		c.status(200, resp, body)
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("Content-Encoding %q", resp.Header.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := io.ReadAll(zr)
		if !bytes.Equal(plain, ours) {
			t.Error("the gzipped tile is not the tile")
		}
	})

	t.Run("an edit changes the tile at once and leaves other tiles cached", func(t *testing.T) {
		c := c.as(t)
		far := tilePath(115.70, 39.20, z) // far from the edit
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
		c := c.as(t)
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
