package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"landwatch/importer"
	"landwatch/land"
	"landwatch/sql"
)

// importFiles is POST /imports: one file as the body (its name in ?name=,
// which tells the format) or several as multipart/form-data. ?dry_run=true
// checks without keeping anything; ?supply=NUMBER attaches every parcel to
// that supply; ?partial=true keeps the features of a GeoJSON file read
// before it breaks off. The answer is the same report as `landwatch
// import`; a client that accepts application/x-ndjson hears how far the
// import has come as it goes (streamImport). Tables of records (CSV,
// workbooks, JSON supply results) carry no coordinates and are taken under
// every profile; coordinate files and GeoJSON only on the internal networks.
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
	// Files that carry coordinates are refused, by their format or the
	// boundaries found in them, unless coordinates may travel between the
	// caller and landwatch.
	opts := importer.Options{Partial: partial, Admit: func(_ string, f importer.Format, parcels bool) error {
		if f.CarriesCoordinates() || parcels {
			return s.coordsAllowed(callerOf(r))
		}
		return nil
	}}
	var files []importer.File
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
				defer f.Close()
				files = append(files, importer.File{Name: fh.Filename, R: f})
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
		files = append(files, importer.File{Name: name, R: bytes.NewReader(body)})
	}
	// A GeoJSON file's supplies are written while its features are read.
	stream, err := importer.ReadStream(files, opts)
	if err != nil {
		return err
	}
	o := sql.ImportOptions{DryRun: dry, Supply: q.Get("supply")}
	if strings.Contains(r.Header.Get("Accept"), ndjson) {
		return s.streamImport(w, r, stream, o)
	}
	rep, err := s.svc.ImportStream(r.Context(), scope(r), stream, o)
	if err != nil {
		return err
	}
	s.sayReport(r, rep)
	s.writeJSON(w, http.StatusOK, "", rep)
	return nil
}

// ndjson is the media type of newline-delimited JSON: one JSON value a
// line.
const ndjson = "application/x-ndjson"

// streamImport answers an import with a line of JSON for each step as it
// goes, so that a page can show how far a long import has come within the
// one request (a county's history or a city's first load takes minutes):
// {"progress": {"step", "done", "total"}} when a step starts and ends and
// at most every progressEvery between, then {"report": …} as the plain
// answer gives it. An import refused before its first step is answered
// with its problem and status, as without the stream; one that fails after
// it ends the stream with {"problem": …}, the status being 200 already.
func (s *Server) streamImport(w http.ResponseWriter, r *http.Request, st land.Stream, o sql.ImportOptions) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	rc := http.NewResponseController(w)
	began := false
	line := func(v any) {
		if !began {
			w.Header().Set("Content-Type", ndjson)
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusOK)
			began = true
		}
		// Each line gives the answer another streamGrace: an import that
		// goes on telling its steps outlasts the server's write timeout.
		// Errors are left: a client gone is heard of through the request's
		// context, which ends the import; a writer without deadlines (a
		// test's recorder) has nothing to extend.
		_ = rc.SetWriteDeadline(time.Now().Add(streamGrace))
		_ = enc.Encode(v)
		_ = rc.Flush()
	}
	o.Progress = sql.Sparing(progressEvery, time.Now, func(step string, done, total int) {
		line(map[string]importStep{"progress": {step, done, total}})
	})
	rep, err := s.svc.ImportStream(r.Context(), scope(r), st, o)
	switch {
	case err == nil:
		s.sayReport(r, rep)
		line(map[string]*sql.ImportReport{"report": rep})
	case !began:
		return err
	default:
		if p, ok := s.problemOf(r, err); ok {
			line(map[string]Problem{"problem": p})
		}
	}
	return nil
}

// importStep is how far a step of an import has come.
type importStep struct {
	Step  string `json:"step"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// progressEvery is how often a step in progress is told of.
const progressEvery = 250 * time.Millisecond

// streamGrace is how long a streamed import's answer may wait for its next
// line: the server's write timeout (serve.go).
const streamGrace = 5 * time.Minute
