package api

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"

	"landwatch/importer"
	"landwatch/land"
	"landwatch/sql"
)

// importFiles is POST /imports: one file as the body (its name in ?name=,
// which tells the format) or several as multipart/form-data. ?dry_run=true
// checks without keeping anything; ?supply=NUMBER attaches every parcel to
// that supply; ?partial=true keeps the features of a GeoJSON file read
// before it breaks off. The answer is the same report as `landwatch
// import`. Tables of records (CSV, workbooks, JSON supply results) carry no
// coordinates and are taken under every profile; coordinate files and
// GeoJSON only on the internal networks.
func (s *Server) importFiles(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	dry, err := parseBool(q.Get("dry_run"), "dry_run")
	if err != nil {
		return err
	}
	partial, err := parseBool(q.Get("partial"), "partial")
	if err != nil {
		return err
	}
	opts := importer.Options{Partial: partial}
	var batch land.Batch
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
				return bodyError(err)
			}
			return land.Invalid("body", "unreadable multipart form: %v", err)
		}
		for _, fhs := range r.MultipartForm.File {
			for _, fh := range fhs {
				f, err := fh.Open()
				if err != nil {
					return land.Invalid(fh.Filename, "unreadable: %v", err)
				}
				b, err := s.parseImport(r, fh.Filename, f, opts)
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
		b, err := s.parseImport(r, name, bytes.NewReader(body), opts)
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

// parseImport reads one file of an import, refusing one that carries
// coordinates (by its format, or boundaries found in it) unless they may
// travel between the caller and landwatch.
func (s *Server) parseImport(r *http.Request, name string, f io.Reader, opts importer.Options) (land.Batch, error) {
	b, format, err := importer.ParseWith(name, f, opts)
	if err != nil {
		return b, err
	}
	if format.CarriesCoordinates() || len(b.Parcels) > 0 {
		if err := s.coordsAllowed(callerOf(r)); err != nil {
			return land.Batch{}, land.WithField(err, name)
		}
	}
	return b, nil
}
