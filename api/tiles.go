package api

import (
	"hash/fnv"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gorilla/mux"
	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
	"landwatch/tiles"
)

// tile is GET /tiles/{z}/{x}/{y}.mvt with optional filters.
func (s *Server) tile(w http.ResponseWriter, r *http.Request) error {
	v := mux.Vars(r)
	z, x, y, err := parseTile(v["z"], v["x"], v["y"])
	if err != nil {
		return err
	}
	f, err := parseTileFilter(r.URL.Query())
	if err != nil {
		return err
	}
	// A user's tiles hold their region's land only (the cache keeps one
	// tile per region, so users of different regions never share one).
	region, err := scope(r).Narrow(f.RegionCode)
	if err != nil {
		return err
	}
	f.Region = land.RegionPrefix(region)
	key := f.Key()
	t, ok := s.tileCache.Get(z, x, y, key)
	h := w.Header()
	if ok {
		h["X-Cache"] = s.tileHeader.hit
	} else {
		h["X-Cache"] = s.tileHeader.miss
		gen := s.tileCache.Generation()
		t = tiles.NewTile(tiles.EncodeInto(s.tileCache.Lend(), s.svc.Engine().Index().Snapshot(), layerSources{s}, z, x, y, f))
		if !s.tileCache.Put(z, x, y, key, t, gen) {
			defer s.tileCache.Return(t)
		}
	}
	h["Etag"] = []string{t.ETag}
	h["Vary"], h["Cache-Control"] = s.tileHeader.vary, s.tileHeader.cacheControl
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatches(match, t.ETag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h["Content-Type"] = s.tileHeader.contentType
	body := t.Data
	if acceptsGzip(r) {
		h["Content-Encoding"] = s.tileHeader.gzip
		body = s.tileCache.Gzipped(t)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
	return nil
}

// tileHeaders are the header values every tile answer shares, made once
// for all answers (as the security headers are): Header.Set makes each
// value anew for every answer, the most of a tile request's allocations
// after net/http's own. The keys they go under are written canonical.
type tileHeaders struct {
	hit, miss, vary, cacheControl, contentType, gzip []string
}

func newTileHeaders() tileHeaders {
	return tileHeaders{hit: []string{"hit"}, miss: []string{"miss"}, vary: []string{"Accept-Encoding"},
		cacheControl: []string{"private, no-cache"}, contentType: []string{"application/vnd.mapbox-vector-tile"},
		gzip: []string{"gzip"}}
}

// layerSources adapts the engine's overlap areas and finding marks to the
// tiles package.
type layerSources struct{ s *Server }

func (o layerSources) FindingsIn(b orb.Bound) []tiles.FindingMark {
	marks := o.s.svc.Engine().FindingMarksIn(b)
	out := make([]tiles.FindingMark, len(marks))
	for i, m := range marks {
		out[i] = tiles.FindingMark{ID: m.ID, Point: m.Point, Kind: m.Kind, Grade: m.Grade, Status: m.Status, SupplyID: m.SupplyID, ENumber: m.ENumber,
			Region: m.Region, OtherRegion: m.OtherRegion}
	}
	return out
}

func (o layerSources) OverlapsIn(b orb.Bound) []tiles.OverlapShape {
	areas := o.s.svc.Engine().OverlapAreasIn(b)
	out := make([]tiles.OverlapShape, len(areas))
	for i, a := range areas {
		out[i] = tiles.OverlapShape{ID: a.FindingID, Geom: a.Geom, AreaM2: a.AreaM2, SupplyA: a.SupplyA, SupplyB: a.SupplyB,
			NumberA: a.NumberA, NumberB: a.NumberB, RegionA: a.RegionA, RegionB: a.RegionB}
	}
	return out
}

// parseTile reads z/x/y strictly: whole numbers, z 0–22, x and y within
// 0 … 2^z − 1.
func parseTile(zs, xs, ys string) (z, x, y uint32, err error) {
	zi, err1 := strconv.ParseUint(zs, 10, 32)
	xi, err2 := strconv.ParseUint(xs, 10, 32)
	yi, err3 := strconv.ParseUint(ys, 10, 32)
	switch {
	case err1 != nil || zi > tiles.MaxZoom:
		return 0, 0, 0, land.Invalid("z", "%q is not a zoom from 0 to %d", zs, tiles.MaxZoom)
	case err2 != nil || xi >= 1<<zi:
		return 0, 0, 0, land.Invalid("x", "%q is not a column of zoom %d (0 to %d)", xs, zi, (1<<zi)-1)
	case err3 != nil || yi >= 1<<zi:
		return 0, 0, 0, land.Invalid("y", "%q is not a row of zoom %d (0 to %d)", ys, zi, (1<<zi)-1)
	}
	return uint32(zi), uint32(xi), uint32(yi), nil
}

// parseTileFilter reads the tile filters: stage=a,b land_use=07 method=23,22
// from_year=2015 to_year=2020 region=130626.
func parseTileFilter(q url.Values) (tiles.Filter, error) {
	var f tiles.Filter
	if err := onlyParams(q, "stage", "land_use", "method", "from_year", "to_year", "region"); err != nil {
		return f, err
	}
	for _, st := range splitList(q.Get("stage")) {
		if !knownStage(land.Stage(st)) {
			return f, land.Invalid("stage", "%q is not a stage", st)
		}
		f.Stages = append(f.Stages, st)
	}
	if v := q.Get("land_use"); v != "" {
		if !digits(v) || len(v) > 4 {
			return f, land.Invalid("land_use", "%q is not a land-use code or its prefix (07, 0701)", v)
		}
		f.LandUse = v
	}
	for _, m := range splitList(q.Get("method")) {
		code, err := land.ParseMethod(m)
		if err != nil {
			return f, land.Invalid("method", "%q is not a supply method", m)
		}
		f.Methods = append(f.Methods, code)
	}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"from_year", &f.FromYear}, {"to_year", &f.ToYear}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1949 || n > 2200 {
				return f, land.Invalid(p.name, "%q is not a year", v)
			}
			*p.dst = n
		}
	}
	if v := q.Get("region"); v != "" {
		if len(v) != 6 || !digits(v) {
			return f, land.Invalid("region", "%q is not a 6-digit region code", v)
		}
		f.RegionCode, f.Region = v, land.RegionPrefix(v)
	}
	return f, nil
}

func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// acceptsGzip reports whether Accept-Encoding allows gzip (q above 0).
func acceptsGzip(r *http.Request) bool {
	for part := range strings.SplitSeq(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(name) != "gzip" {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		return q > 0
	}
	return false
}

// tileJSON is GET /tiles.json: TileJSON 3.0 for the parcels.
func (s *Server) tileJSON(w http.ResponseWriter, r *http.Request) error {
	bounds := [4]float64{73, 3, 136, 54}
	center := [3]float64{115.78, 39.26, 12}
	snap := s.svc.Engine().Index().Snapshot()
	prefix, b, ok, err := s.userExtent(r, snap)
	if err != nil {
		return err
	}
	if ok {
		bounds = [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
		center = [3]float64{(b.Min[0] + b.Max[0]) / 2, (b.Min[1] + b.Max[1]) / 2, 13}
	}
	// Absolute: GDAL and QGIS resolve no tile URL relative to the document.
	origin := publicURL(r)
	base := origin + "/tiles/{z}/{x}/{y}.mvt"
	if r.URL.RawQuery != "" {
		if _, err := parseTileFilter(r.URL.Query()); err != nil {
			return err
		}
		base += "?" + r.URL.RawQuery
	}
	doc := map[string]any{
		"tilejson":      "3.0.0",
		"name":          "landwatch parcels",
		"tiles":         []string{base},
		"minzoom":       0,
		"maxzoom":       tiles.ProjectMinZoom, // the last zoom with more in its tiles: deeper, the map zooms into them
		"bounds":        bounds,
		"center":        center,
		"vector_layers": tiles.VectorLayers(),
	}
	// The tag changes with every change of the index, so a map that asks
	// again learns that its tiles may be stale.
	h := fnv.New64a()
	h.Write([]byte(r.URL.RawQuery + "|" + prefix + "|" + origin))
	tag := `"` + strconv.FormatUint(snap.Version(), 36) + "-" + strconv.FormatUint(h.Sum64(), 36) + `"`
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("ETag", tag)
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatches(match, tag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	s.writeJSON(w, http.StatusOK, "", doc)
	return nil
}

// userExtent is the extent of the parcels of the user's region in the
// snapshot, and that region's prefix; ok is false while it holds none.
func (s *Server) userExtent(r *http.Request, snap *spatial.Snapshot) (prefix string, b orb.Bound, ok bool, err error) {
	region, err := scope(r).Narrow("")
	if err != nil {
		return "", orb.Bound{}, false, err
	}
	prefix = land.RegionPrefix(region)
	b, ok = s.extentOf(snap, prefix)
	return prefix, b, ok, nil
}

// extentOf is the extent of a region's parcels in the snapshot (prefix ""
// for all), computed once per index version and region: maps ask for
// /tiles.json every few seconds, and the walk is over every parcel.
func (s *Server) extentOf(snap *spatial.Snapshot, prefix string) (orb.Bound, bool) {
	s.extentMu.Lock()
	defer s.extentMu.Unlock()
	if s.extents == nil || s.extentVersion != snap.Version() {
		s.extents, s.extentVersion = map[string]extent{}, snap.Version()
	}
	e, ok := s.extents[prefix]
	if !ok {
		var in func(*spatial.Subject) bool
		if prefix != "" {
			in = func(sub *spatial.Subject) bool { return strings.HasPrefix(sub.Meta.Region, prefix) }
		}
		e.bound, e.ok = snap.Extent(in)
		s.extents[prefix] = e
	}
	return e.bound, e.ok
}

// extent is a cached extent of a region's parcels.
type extent struct {
	bound orb.Bound
	ok    bool
}
