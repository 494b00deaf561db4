package api

import (
	"net/http"

	"landwatch/land"
)

// reviewsInput is the body of POST /reviews: one decision, and the
// supplies it is on (ids or e-supervision numbers); without supplies, the
// decision is on every submitted supply the query's filters select (those
// of GET /supplies: region, method, from, to, q …).
type reviewsInput struct {
	land.Review
	Supplies []string `json:"supplies"`
}

// reviewMany is POST /reviews: a reviewer approves or returns a batch (an
// import, a filtered list) in one decision; the answer lists what was
// decided and every record refused with the reason.
func (s *Server) reviewMany(w http.ResponseWriter, r *http.Request) error {
	f, err := parseSupplyFilter(r.URL.Query())
	if err != nil {
		return err
	}
	var in reviewsInput
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	res, err := s.svc.ReviewMany(r.Context(), scope(r), in.Supplies, f, in.Review)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", res)
	return nil
}
