package api

import (
	"encoding/json"
	"io/fs"
	"net/http"
)

// publishedStyle is GET /style.json: the map's own style for GIS clients
// (QGIS, MapLibre), its stage colours and flag outlines over the vector
// tiles. The file is made from the map's style.js (web-map/browsertest/
// style-json.mjs, checked by the tests); here its source names the
// TileJSON by the absolute address the client reached landwatch at. It
// holds no coordinates: the tiles it names are guarded as always.
func (s *Server) publishedStyle(files fs.FS) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		b, err := fs.ReadFile(files, "style.json")
		if err != nil {
			return err
		}
		var style struct {
			Sources map[string]map[string]any `json:"sources"`
		}
		doc := map[string]any{}
		if err := json.Unmarshal(b, &doc); err != nil {
			return err
		}
		if err := json.Unmarshal(b, &style); err != nil {
			return err
		}
		for _, src := range style.Sources {
			if u, ok := src["url"].(string); ok && len(u) > 0 && u[0] == '/' {
				src["url"] = publicURL(r) + u
			}
		}
		doc["sources"] = style.Sources
		w.Header().Set("Cache-Control", "no-cache")
		s.writeJSON(w, http.StatusOK, "", doc)
		return nil
	}
}
