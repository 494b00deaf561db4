package api

import (
	"net/http"
)

// publicIdleLand is GET /public/idle-land: determined idle land as the law
// has it published — location in words, holder, how long idle; never
// coordinates. No sign-in. In pages: cursor (from a next link) and limit
// (1–1000, 50 by default).
func (s *Server) publicIdleLand(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "cursor", "limit"); err != nil {
		return err
	}
	offset, limit, err := parsePage(q)
	if err != nil {
		return err
	}
	// How long idle is counted to the rules' day (a Beijing day), not the
	// host's.
	items, err := s.svc.PublicIdleLand(r.Context(), s.svc.Rules().Today())
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	writePage(s, w, r.URL, items, offset, limit)
	return nil
}

// limited applies the public pages' rate limit per address.
func (s *Server) limited(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if ok, wait := s.public.Allow(addrText(callerOf(r))); !ok {
			return throttled(w, wait, "too many requests from your address")
		}
		return h(w, r)
	}
}
