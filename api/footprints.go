package api

import (
	"bytes"
	"net/http"

	"landwatch/importer"
	"landwatch/land"
)

// importFootprints is POST /footprints?source=&observed=&dry_run=: a GeoJSON
// file of construction footprints (the evidence layer of the idle-land
// rules) as the body. Every valid footprint is kept; the answer is the
// import report with each rejected feature.
func (s *Server) importFootprints(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if err := onlyParams(q, "source", "observed", "dry_run"); err != nil {
		s.writeError(w, r, err)
		return
	}
	dry, err := parseBool(q.Get("dry_run"), "dry_run")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	observed, err := land.ParseDate(q.Get("observed"))
	if err != nil {
		s.writeError(w, r, land.Invalid("observed", "%q is not a date such as 2026-06-30", q.Get("observed")))
		return
	}
	body, err := readBody(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	fps, rejected, err := importer.ParseFootprints("body", bytes.NewReader(body), q.Get("source"), observed)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rep, err := s.svc.ImportFootprints(r.Context(), scope(r), fps, rejected, dry)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, "", rep)
}
