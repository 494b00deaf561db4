package api

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"landwatch/importer"
	"landwatch/land"
	"landwatch/sql"
)

// importFiles is POST /imports: one file as the body (its name in ?name=,
// which tells the format) or several as multipart/form-data. ?dry_run=true
// checks without keeping anything; ?supply=NUMBER attaches every parcel to
// that supply. The answer is the same report as `landwatch import`.
func (s *Server) importFiles(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	dry, err := parseBool(q.Get("dry_run"), "dry_run")
	if err != nil {
		return err
	}
	var batch importer.Batch
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			return land.Invalid("body", "unreadable multipart form: %v", err)
		}
		for _, fhs := range r.MultipartForm.File {
			for _, fh := range fhs {
				f, err := fh.Open()
				if err != nil {
					return land.Invalid(fh.Filename, "unreadable: %v", err)
				}
				b, err := importer.Parse(fh.Filename, f)
				f.Close()
				if err != nil {
					return err
				}
				batch.Append(b)
			}
		}
	} else {
		name := q.Get("name")
		if name == "" {
			return land.Invalid("name", "give the file name (it tells the format: .csv, .json, .geojson, .txt)")
		}
		body, err := readBody(r)
		if err != nil {
			return err
		}
		b, err := importer.Parse(name, bytes.NewReader(body))
		if err != nil {
			return err
		}
		batch = b
	}
	rep, err := s.store.Import(r.Context(), actor(r), batch, sql.ImportOptions{DryRun: dry, Supply: q.Get("supply")})
	if err != nil {
		return err
	}
	if !dry {
		if rep.Overlaps, err = s.engine.CheckSupplies(r.Context(), actor(r), rep.BoundariesChanged...); err != nil {
			return err
		}
	}
	s.writeJSON(w, http.StatusOK, "", rep)
	return nil
}

// putParcels is PUT /supplies/{id}/parcels: the supply's boundaries from
// GeoJSON (application/geo+json or application/json) or from a coordinate
// file (any other content type). Every problem of a coordinate file is
// answered with its line; nothing is written unless all parcels pass.
func (s *Server) putParcels(w http.ResponseWriter, r *http.Request) error {
	version, err := ifMatchVersion(r, false)
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
	sup, warnings, err := s.store.ReplaceParcels(r.Context(), actor(r), mux.Vars(r)["id"], version, parcels)
	if err != nil {
		return err
	}
	res := writeResult{Supply: sup, Warnings: warnings}
	if err := s.checkOverlaps(r, &res); err != nil {
		return err
	}
	w.Header().Set("ETag", etag(sup.Version))
	s.writeJSON(w, http.StatusOK, "", res)
	return nil
}

func parseBool(v, field string) (bool, error) {
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, land.Invalid(field, "%q is not true or false", v)
	}
	return b, nil
}
