package api

import (
	"bytes"
	"math"
	"net/http"
	"strconv"

	"github.com/paulmach/orb"

	"landwatch/importer"
	"landwatch/land"
)

// maxBoundaryZoom is the deepest zoom the boundaries are simplified for.
const maxBoundaryZoom = 22

// listBoundaries is GET /boundaries?bbox=W,S,E,N&zoom=Z: the county and
// township boundaries meeting the box as a GeoJSON FeatureCollection, each
// simplified to half a pixel at zoom Z (default 12), for the map's outline
// layer.
func (s *Server) listBoundaries(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "bbox", "zoom"); err != nil {
		return err
	}
	b, err := parseBBox(q.Get("bbox"))
	if err != nil {
		return err
	}
	zoom := 12
	if v := q.Get("zoom"); v != "" {
		if zoom, err = strconv.Atoi(v); err != nil || zoom < 0 || zoom > maxBoundaryZoom {
			return land.Invalid("zoom", "%q is not a zoom from 0 to %d", v, maxBoundaryZoom)
		}
	}
	tolerance := 360 / (512 * math.Pow(2, float64(zoom)))
	features, err := s.svc.BoundariesIn(r.Context(), scope(r), orb.Bound{Min: orb.Point{b[0], b[1]}, Max: orb.Point{b[2], b[3]}}, tolerance)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "application/geo+json", map[string]any{"type": "FeatureCollection", "features": features})
	return nil
}

// importBoundaries is POST /boundaries?dry_run=: a GeoJSON file of
// administrative boundaries keyed by division code as the body. Every valid
// boundary replaces its code's; the answer is the import report with each
// rejected feature.
func (s *Server) importBoundaries(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "dry_run"); err != nil {
		return err
	}
	dry, err := parseBool(q.Get("dry_run"), "dry_run")
	if err != nil {
		return err
	}
	body, err := readBody(r)
	if err != nil {
		return err
	}
	bs, rejected, err := importer.ParseBoundaries("body", bytes.NewReader(body), s.svc.Rules().Regions)
	if err != nil {
		return err
	}
	rep, err := s.svc.ImportBoundaries(r.Context(), scope(r), bs, rejected, dry)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", rep)
	return nil
}
