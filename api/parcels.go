package api

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"landwatch/importer"
	"landwatch/land"
)

// putParcels is PUT /supplies/{id}/parcels: the supply's boundaries from
// GeoJSON (application/geo+json or application/json) or from a coordinate
// file (any other content type). Every problem of a coordinate file is
// answered with its line; nothing is written unless all parcels pass.
func (s *Server) putParcels(w http.ResponseWriter, r *http.Request) error {
	version, err := s.ifMatchVersion(r, false)
	if err != nil {
		return err
	}
	body, err := readBody(r)
	if err != nil {
		return err
	}
	var parcels []land.Parcel
	ct := r.Header.Get("Content-Type")
	if strings.Contains(ct, "json") {
		if err := checkJSONText(body); err != nil {
			return err
		}
		parcels, err = decodeParcels(body)
		if err != nil {
			return err
		}
	} else {
		b := importer.ParseCoordinateFile("body", bytes.NewReader(body))
		if len(b.Rejected) > 0 {
			return &Problem{Type: "about:blank", Title: "Bad Request", Status: http.StatusBadRequest,
				Detail: strconv.Itoa(len(b.Rejected)) + " problem(s) in the coordinate file; nothing was written",
				Field:  b.Rejected[0].Field, Rejected: b.Rejected}
		}
		for _, p := range b.Parcels {
			parcels = append(parcels, p.Parcel)
		}
	}
	if len(parcels) == 0 {
		return land.Invalid("parcels", "no parcel in the body")
	}
	res, err := s.svc.ReplaceParcels(r.Context(), scope(r), mux.Vars(r)["id"], version, parcels)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(res.Version))
	s.writeJSON(w, http.StatusOK, "", res)
	return nil
}
