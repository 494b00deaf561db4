package api

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql"
)

// listTokens is GET /tokens: one's own tokens, or, for an admin, those of
// the region's accounts.
func (s *Server) listTokens(w http.ResponseWriter, r *http.Request) error {
	u := callerOf(r).user
	items, err := s.svc.Tokens(r.Context(), scope(r), u.Region)
	if err != nil {
		return err
	}
	if !u.Role.May(land.PermAdmin) {
		own := []sql.Token{}
		for _, t := range items {
			if t.Account == u.Name {
				own = append(own, t)
			}
		}
		items = own
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{"items": items, "total": len(items), "next": nil})
	return nil
}

// createToken is POST /tokens with {"name", "account"}: a bearer token for
// a script or a GIS client, answered once. An account other than one's own
// needs an admin of its region.
func (s *Server) createToken(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name    string `json:"name"`
		Account string `json:"account"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	c := callerOf(r)
	if in.Name == "" {
		return land.Invalid("name", "say what the token is for, such as \"QGIS on the survey laptop\"")
	}
	if in.Account == "" {
		in.Account = c.user.Name
	}
	if in.Account != c.user.Name {
		if err := c.user.Allow(land.PermAdmin, ""); err != nil {
			return err
		}
		if err := s.accountInRegion(r, in.Account); err != nil {
			return err
		}
	}
	secret := auth.NewSecret()
	t, err := s.svc.CreateToken(r.Context(), scope(r), in.Account, in.Name, auth.HashSecret(secret))
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	s.writeJSON(w, http.StatusCreated, "", map[string]any{"token": t, "secret": secret})
	return nil
}

// revokeToken is DELETE /tokens/{id}: one's own token, or an admin's
// region's.
func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
	if err != nil || id <= 0 {
		return land.Invalid("id", "%q is not a token id", mux.Vars(r)["id"])
	}
	c := callerOf(r)
	by := *c.user
	if !by.Role.May(land.PermAdmin) {
		items, err := s.svc.Tokens(r.Context(), scope(r), by.Region)
		if err != nil {
			return err
		}
		own := false
		for _, t := range items {
			own = own || (t.ID == id && t.Account == by.Name)
		}
		if !own {
			return &land.Error{Code: land.CodeNotFound, Field: "id", Message: "no such token of yours"}
		}
	}
	if err := s.svc.RevokeToken(r.Context(), scope(r), id); err != nil {
		return err
	}
	s.known.forget()
	w.WriteHeader(http.StatusNoContent)
	return nil
}
