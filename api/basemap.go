package api

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
)

// Basemap is a raster basemap drawn under the parcels (LANDWATCH_BASEMAP):
// an XYZ tile URL template such as https://host/{z}/{x}/{y}.png. Vector
// styles are not supported: a style would bring its own glyph and sprite
// hosts, which the page's content security policy would have to admit too.
type Basemap struct {
	Template string // the URL template with {z}, {x} and {y}
	Origin   string // scheme://host[:port], the one origin the page may fetch it from
}

// ParseBasemap reads a basemap URL template; "" is no basemap (the zero
// Basemap). The template must be an absolute http(s) URL carrying {z}, {x}
// and {y}, and no credentials.
func ParseBasemap(template string) (Basemap, error) {
	if template == "" {
		return Basemap{}, nil
	}
	u, err := url.Parse(strings.NewReplacer("{z}", "0", "{x}", "0", "{y}", "0").Replace(template))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return Basemap{}, fmt.Errorf("%q is not an http(s) URL without credentials", template)
	}
	for _, p := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(template, p) {
			return Basemap{}, fmt.Errorf("%q lacks %s: an XYZ raster template such as https://host/{z}/{x}/{y}.png is expected", template, p)
		}
	}
	return Basemap{Template: template, Origin: u.Scheme + "://" + u.Host}, nil
}

// securityPolicy is the page's content security policy: the map's own
// scripts, styles, images and workers (MapLibre builds its worker from a
// blob), no inline scripts, and from elsewhere only the basemap's origin,
// for its images (MapLibre fetches raster tiles, hence connect-src too).
func securityPolicy(b Basemap) string {
	extra := ""
	if b.Origin != "" {
		extra = " " + b.Origin
	}
	return "default-src 'self'; script-src 'self'; worker-src 'self' blob:; child-src 'self' blob:; " +
		"img-src 'self' data: blob:" + extra + "; style-src 'self'; connect-src 'self'" + extra + "; font-src 'self'; object-src 'none'; " +
		"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
}

// mapConfig answers the map's config.json: the embedded file with the
// basemap of the setting, so that one setting both draws the basemap and
// admits its origin.
func (s *Server) mapConfig(files fs.FS) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		b, err := fs.ReadFile(files, "config.json")
		if err != nil {
			return err
		}
		config := map[string]any{}
		if err := json.Unmarshal(b, &config); err != nil {
			return err
		}
		config["basemap"] = nil
		if s.basemap.Template != "" {
			config["basemap"] = map[string]any{"tiles": []string{s.basemap.Template}, "tileSize": 256, "maxzoom": 18, "attribution": s.basemap.Origin}
		}
		w.Header().Set("Cache-Control", "no-cache")
		s.writeJSON(w, http.StatusOK, "", config)
		return nil
	}
}
