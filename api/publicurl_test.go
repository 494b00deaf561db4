package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os/exec"
	"strings"
	"testing"

	"landwatch/land"
	"landwatch/tiles"
)

// gisToken makes a bearer token as the README tells a GIS engineer to: the
// user signs in with a password and asks POST /api/v1/tokens for one.
func gisToken(c testClient, name string) string {
	c.t.Helper()
	cookie, csrf := signedIn(c, name)
	h := cookie.Clone()
	h.Set(csrfHeader, csrf)
	h["Authorization"] = nil
	resp, body := c.do("POST", "/api/v1/tokens", h, []byte(`{"name":"QGIS on the survey laptop"}`))
	c.status(http.StatusCreated, resp, body)
	var made struct {
		Secret string `json:"secret"`
	}
	if err := json.Unmarshal(body, &made); err != nil || made.Secret == "" {
		c.t.Fatalf("token answer %s", body)
	}
	return made.Secret
}

// tileURLOf is the first tile URL of a TileJSON answer.
func tileURLOf(t *testing.T, body []byte) string {
	t.Helper()
	var tj struct {
		Tiles []string `json:"tiles"`
	}
	if err := json.Unmarshal(body, &tj); err != nil || len(tj.Tiles) == 0 {
		t.Fatalf("TileJSON %v: %s", err, body)
	}
	return tj.Tiles[0]
}

func TestLinksAreAbsoluteAsTheClientReachedLandwatch(t *testing.T) {
	t.Parallel()
	loopbackProxy := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	for _, c := range []struct {
		name      string
		publicURL string
		proxies   []netip.Prefix
		header    http.Header
		want      string
	}{
		{"the request's host by default", "", nil, nil, "http://example.com"},
		{"a forwarded scheme from an untrusted peer is a claim, ignored", "", nil,
			http.Header{"X-Forwarded-Proto": {"https"}, "X-Forwarded-Host": {"evil.example"}}, "http://example.com"},
		{"a trusted proxy's X-Forwarded-Proto and -Host are believed", "", loopbackProxy,
			http.Header{"X-Forwarded-Proto": {"https"}, "X-Forwarded-Host": {"gis.example.cn"}}, "https://gis.example.cn"},
		{"the last value is the trusted proxy's own", "", loopbackProxy,
			http.Header{"X-Forwarded-Proto": {"http, https"}}, "https://example.com"},
		{"a trusted proxy's Forwarded is believed, its last element", "", loopbackProxy,
			http.Header{"Forwarded": {`for=10.0.0.1;proto=http;host=a.example, for=10.0.0.2;proto=https;host="gis.example.cn:8443"`}},
			"https://gis.example.cn:8443"},
		{"a forwarded host that could redirect a link is ignored", "", loopbackProxy,
			http.Header{"X-Forwarded-Host": {"evil.example/x?"}}, "http://example.com"},
		{"a forwarded scheme other than http(s) is ignored", "", loopbackProxy,
			http.Header{"X-Forwarded-Proto": {"javascript"}}, "http://example.com"},
		{"LANDWATCH_PUBLIC_URL wins over all", "https://gis.example.cn/landwatch", loopbackProxy,
			http.Header{"X-Forwarded-Proto": {"http"}, "X-Forwarded-Host": {"other.example"}}, "https://gis.example.cn/landwatch"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ts := newTestServer(t, func(cfg *Config) { cfg.PublicURL, cfg.TrustedProxies = c.publicURL, c.proxies })
			admin := ts.account(t, "admin", land.RoleAdmin, land.NationCode).as(t)
			resp, body := admin.do("GET", "/tiles.json?stage=supplied", c.header, nil)
			admin.status(http.StatusOK, resp, body)
			if got, want := tileURLOf(t, body), c.want+"/tiles/{z}/{x}/{y}.mvt?stage=supplied"; got != want {
				t.Errorf("tile URL %s, want %s", got, want)
			}
			resp, body = admin.do("GET", "/ogc", c.header, nil)
			admin.status(http.StatusOK, resp, body)
			if !strings.Contains(string(body), `"href":"`+c.want+`/ogc/collections"`) {
				t.Errorf("the OGC landing page does not link %s/ogc/collections: %s", c.want, body)
			}
		})
	}
}

func TestTheTileJSONTellsItsTagByTheURLItGives(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(cfg *Config) { cfg.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")} })
	admin := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	resp, body := admin.do("GET", "/tiles.json", nil, nil)
	admin.status(http.StatusOK, resp, body)
	// A document cached for one address must not be taken for another's.
	resp, body = admin.do("GET", "/tiles.json", http.Header{"If-None-Match": {resp.Header.Get("ETag")}, "X-Forwarded-Proto": {"https"}}, nil)
	admin.status(http.StatusOK, resp, body)
}

func TestGDALOpensTheVectorTilesByTheirTileJSON(t *testing.T) {
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Skip("ogrinfo is not installed (apt install gdal-bin)")
	}
	t.Parallel()
	ts := newTestServer(t, nil)
	ogcRegister(t, ts)
	gis := ts.account(t, "gis", land.RoleAnalyst, land.NationCode)
	token := gisToken(gis, "gis")
	srv := httptest.NewServer(ts)
	t.Cleanup(srv.Close)

	// GDAL's MVT driver opens a zoom level of a tileset; it reads the
	// layers and fields from the TileJSON beside it (tileserver-gl's
	// convention: …/tiles/14 is described by …/tiles.json).
	info := gdal(t, token, "ogrinfo", "-ro", "-so", "-al", "-oo", "TILE_EXTENSION=mvt", "MVT:"+srv.URL+"/tiles/14")
	// Every attribute the tiles carry, as TileJSON's vector_layers lists
	// it, with its type: GDAL reads a Number as Real.
	ogrType := map[string]string{"Number": "Real", "String": "String"}
	fields := map[string][]string{}
	for _, l := range tiles.VectorLayers() {
		for name, typ := range l["fields"].(map[string]string) {
			fields[l["id"].(string)] = append(fields[l["id"].(string)], name+": "+ogrType[typ])
		}
	}
	layers := strings.Split(info, "Layer name: ")
	if len(layers)-1 != len(fields) {
		t.Fatalf("ogrinfo lists %d layers, want the %d of TileJSON (parcels, overlaps, findings, labels):\n%s", len(layers)-1, len(fields), info)
	}
	for _, l := range layers[1:] {
		name, _, _ := strings.Cut(l, "\n")
		want, ok := fields[name]
		if !ok {
			t.Errorf("layer %q is not one of the tiles'", name)
		}
		for _, f := range want {
			if !strings.Contains(l, f) {
				t.Errorf("layer %s has no field %q:\n%s", name, f, l)
			}
		}
		delete(fields, name)
	}
	if len(fields) > 0 {
		t.Errorf("layers missing: %v", fields)
	}
}
