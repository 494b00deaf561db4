package main

import "testing"

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
