package api

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The published style names the TileJSON by the absolute address the
// client reached landwatch at, is valid by the MapLibre style
// specification's own validator, and is the map's style: the check fails
// when style.js changes and style.json was not made again from it.
func TestTheStyleIsTheMapsOwnAndValid(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.anonymous(t)
	resp, body := c.do("GET", "/style.json", http.Header{"X-Forwarded-Proto": {"https"}}, nil)
	c.status(http.StatusOK, resp, body)
	var style struct {
		Sources map[string]struct {
			URL string `json:"url"`
		} `json:"sources"`
		Layers []struct {
			ID string `json:"id"`
		} `json:"layers"`
	}
	if err := json.Unmarshal(body, &style); err != nil {
		t.Fatal(err)
	}
	if u := style.Sources["landwatch"].URL; u != "http://"+resp.Request.Host+"/tiles.json" {
		t.Errorf("the source names %q, want this server's absolute TileJSON (an untrusted peer's forwarded scheme ignored)", u)
	}
	if len(style.Layers) < 10 || style.Layers[1].ID != "parcels-fill" {
		t.Errorf("layers: %+v", style.Layers)
	}
	dir, err := filepath.Abs("../web-map/browsertest")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@maplibre", "maplibre-gl-style-spec")); err != nil {
		t.Fatalf("the style validator is not installed (npm ci in web-map/browsertest; scripts/test does): %v", err)
	}
	file := filepath.Join(t.TempDir(), "style.json")
	if err := os.WriteFile(file, body, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("node", filepath.Join(dir, "style-json.mjs"), "--check", file).CombinedOutput(); err != nil {
		t.Errorf("the published style: %v\n%s", err, out)
	}
}
