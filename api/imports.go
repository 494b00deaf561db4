package api

import (
	"bytes"
	"net/http"
	"strings"

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
	var batch land.Batch
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
	rep, err := s.svc.Import(r.Context(), scope(r), batch, sql.ImportOptions{DryRun: dry, Supply: q.Get("supply")})
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", rep)
	return nil
}
