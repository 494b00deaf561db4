package main

import (
	"strings"
	"testing"
)

func TestTheBasemapIsReadFromTheEnvironment(t *testing.T) {
	for _, c := range []struct {
		name, value, origin string
		refused             bool
	}{
		{"by default none", "", "", false},
		{"an XYZ raster template gives its origin", "https://tiles.example.cn:8443/img/{z}/{x}/{y}.png", "https://tiles.example.cn:8443", false},
		{"a template without {y} is refused", "https://tiles.example.cn/{z}/{x}.png", "", true},
		{"a relative template is refused", "/tiles/{z}/{x}/{y}.png", "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if cfg, ok := loadSetting(t, "LANDWATCH_BASEMAP", c.value, c.refused); ok && cfg.Basemap.Origin != c.origin {
				t.Errorf("origin %q, want %q", cfg.Basemap.Origin, c.origin)
			}
		})
	}
}

func TestTheBasemapsKeyIsNotPrinted(t *testing.T) {
	cfg, _ := loadSetting(t, "LANDWATCH_BASEMAP", "https://t0.example.cn/img_w/wmts/{z}/{x}/{y}?tk=secret-key", false)
	if s := cfg.String(); strings.Contains(s, "secret-key") || !strings.Contains(s, "https://t0.example.cn/img_w/wmts/{z}/{x}/{y}?xxxxx") {
		t.Errorf("config printed as %s", s)
	}
}
