package api

import (
	"net/http"
	"net/url"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/spatial"
	"landwatch/sql"
	"landwatch/supervision"
)

// listOverlaps is GET /overlaps?bbox=…|region=…|supply=…: the overlapping
// pairs of live parcels there, measured by the index, paged.
func (s *Server) listOverlaps(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "bbox", "region", "supply", "cursor", "limit"); err != nil {
		return err
	}
	where, err := s.parseOverlapScope(r, q)
	if err != nil {
		return err
	}
	offset, limit, err := parsePage(q)
	if err != nil {
		return err
	}
	pairs, err := s.svc.Overlaps(r.Context(), scope(r), where, 2)
	if err != nil {
		return err
	}
	writePage(s, w, r.URL, pairs, offset, limit)
	return nil
}

// queryOverlaps is POST /overlaps/query with a GeoJSON (Multi)Polygon, a
// planner's drawn area: the live parcels it overlaps, with the areas.
func (s *Server) queryOverlaps(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "cursor", "limit"); err != nil {
		return err
	}
	offset, limit, err := parsePage(q)
	if err != nil {
		return err
	}
	body, err := readJSON(r)
	if err != nil {
		return err
	}
	parcels, err := decodeParcels(body)
	if err != nil {
		return err
	}
	if len(parcels) != 1 {
		return land.Invalid("geometry", "send one Polygon or MultiPolygon, got %d", len(parcels))
	}
	g := spatial.CloseRings(parcels[0].Geometry)
	if err := spatial.Validate(g); err != nil {
		return err
	}
	writePage(s, w, r.URL, bySupply(s.svc.Engine().OverlapsOfShape(r.Context(), scope(r), spatial.Prepare(g))), offset, limit)
	return nil
}

// drawnOverlap is one supply under a drawn area: how much of the area its
// parcels cover.
type drawnOverlap struct {
	SupplyID int64   `json:"supply_id"`
	ENumber  string  `json:"e_number"`
	Stage    string  `json:"stage"`
	Parcels  []int64 `json:"parcels"`
	AreaM2   float64 `json:"area_m2"`
	Share    float64 `json:"share"` // of the drawn area
}

// bySupply sums parcel overlaps per supply, in the order first met.
func bySupply(os []sql.SupplyOverlap) []drawnOverlap {
	out := []drawnOverlap{}
	at := map[int64]int{}
	for _, o := range os {
		i, ok := at[o.OtherSupplyID]
		if !ok {
			i = len(out)
			at[o.OtherSupplyID] = i
			out = append(out, drawnOverlap{SupplyID: o.OtherSupplyID, ENumber: o.OtherENumber, Stage: o.OtherStage})
		}
		d := &out[i]
		d.Parcels = append(d.Parcels, o.OtherParcelID)
		d.AreaM2 += o.AreaM2
		d.Share += o.Share
	}
	return out
}

// scanOverlaps is POST /overlaps/scan?region=…: the batch scan, writing
// findings; running it again duplicates nothing.
func (s *Server) scanOverlaps(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "region"); err != nil {
		return err
	}
	region := q.Get("region")
	if region != "" && (len(region) != 6 || !digits(region)) {
		return land.Invalid("region", "%q is not a 6-digit region code", region)
	}
	res, err := s.svc.ScanOverlaps(r.Context(), scope(r), region, 2, nil)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", res)
	return nil
}

// parseOverlapScope reads where GET /overlaps looks: exactly one of bbox,
// region or supply.
func (s *Server) parseOverlapScope(r *http.Request, q url.Values) (supervision.OverlapScope, error) {
	var where supervision.OverlapScope
	set := 0
	if v := q.Get("bbox"); v != "" {
		b, err := parseBBox(v)
		if err != nil {
			return where, err
		}
		where.BBox = &orb.Bound{Min: orb.Point{b[0], b[1]}, Max: orb.Point{b[2], b[3]}}
		set++
	}
	if v := q.Get("region"); v != "" {
		if len(v) != 6 || !digits(v) {
			return where, land.Invalid("region", "%q is not a 6-digit region code", v)
		}
		where.Region = v
		set++
	}
	if v := q.Get("supply"); v != "" {
		sup, err := s.svc.GetSupply(r.Context(), scope(r), v)
		if err != nil {
			return where, err
		}
		where.Supply = sup.ID
		set++
	}
	if set != 1 {
		return where, land.Invalid("bbox", "give exactly one of bbox, region or supply")
	}
	return where, nil
}
