package api

import (
	"bytes"
	"net/http"

	"landwatch/importer"
)

// importFootprints is POST /footprints?source=&observed=&dry_run=: a GeoJSON
// file of construction footprints (the evidence layer of the idle-land
// rules) as the body. Every valid footprint is kept; the answer is the
// import report with each rejected feature.
func (s *Server) importFootprints(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "source", "observed", "dry_run"); err != nil {
		return err
	}
	dry, err := parseBool(q.Get("dry_run"), "dry_run")
	if err != nil {
		return err
	}
	observed, err := dateParam(q, "observed", false)
	if err != nil {
		return err
	}
	body, err := readBody(r)
	if err != nil {
		return err
	}
	fps, rejected, err := importer.ParseFootprints("body", bytes.NewReader(body), q.Get("source"), observed)
	if err != nil {
		return err
	}
	rep, err := s.svc.ImportFootprints(r.Context(), scope(r), fps, rejected, dry)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", rep)
	return nil
}
