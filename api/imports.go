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
func (s *Server) importFiles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	dry, err := parseBool(q.Get("dry_run"), "dry_run")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var batch land.Batch
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			s.writeError(w, r, land.Invalid("body", "unreadable multipart form: %v", err))
			return
		}
		for _, fhs := range r.MultipartForm.File {
			for _, fh := range fhs {
				f, err := fh.Open()
				if err != nil {
					s.writeError(w, r, land.Invalid(fh.Filename, "unreadable: %v", err))
					return
				}
				b, err := importer.Parse(fh.Filename, f)
				f.Close()
				if err != nil {
					s.writeError(w, r, err)
					return
				}
				batch.Append(b)
			}
		}
	} else {
		name := q.Get("name")
		if name == "" {
			s.writeError(w, r, land.Invalid("name", "give the file name (it tells the format: .csv, .json, .geojson, .txt)"))
			return
		}
		body, err := readBody(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		b, err := importer.Parse(name, bytes.NewReader(body))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		batch = b
	}
	rep, err := s.svc.Import(r.Context(), scope(r), batch, sql.ImportOptions{DryRun: dry, Supply: q.Get("supply")})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, "", rep)
}

// putParcels is PUT /supplies/{id}/parcels: the supply's boundaries from
// GeoJSON (application/geo+json or application/json) or from a coordinate
// file (any other content type). Every problem of a coordinate file is
// answered with its line; nothing is written unless all parcels pass.
func (s *Server) putParcels(w http.ResponseWriter, r *http.Request) {
	version, err := ifMatchVersion(r, false)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	body, err := readBody(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var parcels []land.Parcel
	ct := r.Header.Get("Content-Type")
	if strings.Contains(ct, "json") {
		parcels, err = decodeParcels(body)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
	} else {
		b := importer.ParseCoordinateFile("body", bytes.NewReader(body))
		if len(b.Rejected) > 0 {
			s.writeProblem(w, Problem{Type: "about:blank", Title: "Bad Request", Status: http.StatusBadRequest,
				Detail: strconv.Itoa(len(b.Rejected)) + " problem(s) in the coordinate file; nothing was written",
				Field:  b.Rejected[0].Field, Rejected: b.Rejected})
			return
		}
		for _, p := range b.Parcels {
			parcels = append(parcels, p.Parcel)
		}
	}
	if len(parcels) == 0 {
		s.writeError(w, r, land.Invalid("parcels", "no parcel in the body"))
		return
	}
	res, err := s.svc.ReplaceParcels(r.Context(), scope(r), mux.Vars(r)["id"], version, parcels)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(res.Version))
	s.writeJSON(w, http.StatusOK, "", res)
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
