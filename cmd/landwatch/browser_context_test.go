package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
)

// basemapColour is the one colour of the test basemap's tiles: like no
// stage's colour nor the map's plain background.
var basemapColour = color.RGBA{R: 0xc0, G: 0x80, B: 0xff, A: 0xff}

// basemapInstance starts a tile server answering every XYZ tile with one
// plain PNG of basemapColour, and a second landwatch on the same register
// whose LANDWATCH_BASEMAP points at it, so that the basemap's browser test
// runs without changing the page the other tests see. It returns the
// environment the browser tests read it from.
func basemapInstance(t *testing.T, bin, dbURL string) []string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = basemapColour.R, basemapColour.G, basemapColour.B, basemapColour.A
	}
	var tile bytes.Buffer
	if err := png.Encode(&tile, img); err != nil {
		t.Fatal(err)
	}
	xyz := regexp.MustCompile(`^/tiles/\d+/\d+/\d+\.png$`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !xyz.MatchString(r.URL.Path) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Access-Control-Allow-Origin", "*") // MapLibre fetches tiles with CORS
		_, _ = w.Write(tile.Bytes())
	}))
	t.Cleanup(srv.Close)
	base, _ := startServerWith(t, bin, dbURL, "LANDWATCH_BASEMAP="+srv.URL+"/tiles/{z}/{x}/{y}.png")
	return []string{"BASEMAP_BASE_URL=" + base, "BASEMAP_ORIGIN=" + srv.URL, "BASEMAP_COLOUR=#c080ff"}
}
