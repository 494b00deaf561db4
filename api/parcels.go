package api

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"
	"github.com/paulmach/orb/geojson"

	"landwatch/importer"
	"landwatch/land"
	"landwatch/supervision"
)

// checkParcels is POST /supplies/{id}/parcels/check: the body of a PUT of
// the supply's boundaries, checked and measured against the index without
// writing anything — the parcels with their plane areas, the warnings and
// the overlaps the write would find.
func (s *Server) checkParcels(w http.ResponseWriter, r *http.Request) error {
	parcels, err := parcelsOf(r)
	if err != nil {
		return err
	}
	res, err := s.svc.CheckParcels(r.Context(), scope(r), mux.Vars(r)["id"], parcels)
	if err != nil {
		return err
	}
	// The parcels as GeoJSON, so that the page draws what it would save.
	fc := geojson.NewFeatureCollection()
	total := 0.0
	for i, p := range res.Parcels {
		f := geojson.NewFeature(p.Geometry)
		f.Properties["parcel"] = i
		f.Properties["number"] = p.Number
		f.Properties["name"] = p.Name
		f.Properties["plane_area_m2"] = p.PlaneAreaM2
		f.Properties["gk_epsg"] = p.GKEPSG
		fc.Append(f)
		total += p.PlaneAreaM2
	}
	s.writeJSON(w, http.StatusOK, "", struct {
		Parcels     *geojson.FeatureCollection    `json:"parcels"`
		PlaneAreaM2 float64                       `json:"plane_area_m2"`
		Warnings    []string                      `json:"warnings"`
		Overlaps    []supervision.ProposedOverlap `json:"overlaps"`
	}{fc, total, res.Warnings, res.Overlaps})
	return nil
}

// parcelsOf reads the parcels of a request's body: GeoJSON
// (application/geo+json or application/json) or a coordinate file (any
// other content type), every problem of which is answered with its line.
func parcelsOf(r *http.Request) ([]land.Parcel, error) {
	body, err := readBody(r)
	if err != nil {
		return nil, err
	}
	var parcels []land.Parcel
	ct := r.Header.Get("Content-Type")
	if strings.Contains(ct, "json") {
		if err := checkJSONText(body); err != nil {
			return nil, err
		}
		parcels, err = decodeParcels(body)
		if err != nil {
			return nil, err
		}
	} else {
		b := importer.ParseCoordinateFile("body", bytes.NewReader(body))
		if len(b.Rejected) > 0 {
			return nil, &Problem{Type: "about:blank", Title: "Bad Request", Status: http.StatusBadRequest,
				Detail: strconv.Itoa(len(b.Rejected)) + " problem(s) in the coordinate file; nothing was written",
				Field:  b.Rejected[0].Field, Rejected: b.Rejected}
		}
		for _, p := range b.Parcels {
			parcels = append(parcels, p.Parcel)
		}
	}
	if len(parcels) == 0 {
		return nil, land.Invalid("parcels", "no parcel in the body")
	}
	return parcels, nil
}
