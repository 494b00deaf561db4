package api

import (
	"net/http"

	"landwatch/land"
)

// codes is GET /codes: the code lists the entry forms pick from (supply
// methods, GB/T 21010-2017 land uses, with their names) and the working days
// within which a record is entered after its document (DESIGN §4.1).
func (s *Server) codes(w http.ResponseWriter, r *http.Request) error {
	if err := onlyParams(r.URL.Query()); err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{
		"methods":        land.Methods(),
		"land_uses":      land.LandUses(),
		"entry_workdays": s.svc.Rules().LateDays,
	})
	return nil
}
