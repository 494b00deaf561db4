package api

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql"
)

// listAccounts is GET /accounts: the accounts of the admin's region.
func (s *Server) listAccounts(w http.ResponseWriter, r *http.Request) error {
	u := callerOf(r).user
	items, err := s.store.ListAccounts(r.Context(), u.Region)
	if err != nil {
		return err
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{"items": items, "total": len(items), "next": nil})
	return nil
}

// createAccount is POST /accounts with {"name", "role", "region_code",
// "password"}: a new account inside the admin's region. Without a password
// one is generated and answered once.
func (s *Server) createAccount(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name     string    `json:"name"`
		Role     land.Role `json:"role"`
		Region   string    `json:"region_code"`
		Password string    `json:"password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	c := callerOf(r)
	if !c.user.Covers(in.Region) {
		return &land.Error{Code: land.CodeForbidden, Field: "region_code", Message: "an account of region " + in.Region + " is outside your region " + c.user.Region}
	}
	generated := in.Password == ""
	if generated {
		in.Password = auth.GeneratePassword()
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return err
	}
	a, err := s.store.CreateAccount(r.Context(), *c.user, addrText(c), land.User{Name: in.Name, Role: in.Role, Region: in.Region}, hash)
	if err != nil {
		return err
	}
	out := map[string]any{"account": a}
	if generated {
		out["password"] = in.Password
	}
	w.Header().Set("Cache-Control", "no-store")
	s.writeJSON(w, http.StatusCreated, "", out)
	return nil
}

// changeAccount is PATCH /accounts/{name} with any of {"role",
// "region_code", "disabled", "password"}: an admin changes an account of
// its region, never moving it outside.
func (s *Server) changeAccount(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Role     *land.Role `json:"role"`
		Region   *string    `json:"region_code"`
		Disabled *bool      `json:"disabled"`
		Password *string    `json:"password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	c := callerOf(r)
	name := mux.Vars(r)["name"]
	if err := s.accountInRegion(r, name); err != nil {
		return err
	}
	if in.Region != nil && !c.user.Covers(*in.Region) {
		return &land.Error{Code: land.CodeForbidden, Field: "region_code", Message: "region " + *in.Region + " is outside your region " + c.user.Region}
	}
	ch := sql.AccountChange{Role: in.Role, Region: in.Region, Disabled: in.Disabled}
	if in.Password != nil {
		hash, err := auth.HashPassword(*in.Password)
		if err != nil {
			return err
		}
		ch.PasswordHash = &hash
	}
	a, err := s.store.ChangeAccount(r.Context(), *c.user, addrText(c), name, ch)
	if err != nil {
		return err
	}
	s.known.forget()
	s.writeJSON(w, http.StatusOK, "", a)
	return nil
}

// accountInRegion checks that an account lies in the caller's region; an
// account elsewhere is not found, as if it did not exist.
func (s *Server) accountInRegion(r *http.Request, name string) error {
	items, err := s.store.ListAccounts(r.Context(), callerOf(r).user.Region)
	if err != nil {
		return err
	}
	for _, a := range items {
		if a.Name == name {
			return nil
		}
	}
	return &land.Error{Code: land.CodeNotFound, Field: "name", Message: "no account named " + name + " in your region"}
}

// listTokens is GET /tokens: one's own tokens, or, for an admin, those of
// the region's accounts.
func (s *Server) listTokens(w http.ResponseWriter, r *http.Request) error {
	u := callerOf(r).user
	items, err := s.store.Tokens(r.Context(), u.Region)
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
	t, err := s.store.CreateToken(r.Context(), *c.user, addrText(c), in.Account, in.Name, auth.HashSecret(secret))
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
		items, err := s.store.Tokens(r.Context(), by.Region)
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
	if err := s.store.RevokeToken(r.Context(), by, addrText(c), id); err != nil {
		return err
	}
	s.known.forget()
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// listAudit is GET /audit?actor=&action=&from=&to=&before=&limit=: the
// audit log, newest first.
func (s *Server) listAudit(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := onlyParams(q, "actor", "action", "from", "to", "before", "limit"); err != nil {
		return err
	}
	f := sql.AuditFilter{Actor: q.Get("actor"), Action: q.Get("action"), Limit: 100}
	for _, p := range []struct {
		name string
		t    *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		if v := q.Get(p.name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return land.Invalid(p.name, "%q is not a time such as 2026-11-26T09:00:00+08:00", v)
			}
			*p.t = t
		}
	}
	for _, p := range []struct {
		name string
		v    *int64
		max  int64
	}{{"before", &f.Before, math.MaxInt64}, {"limit", nil, 1000}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 || n > p.max {
				return land.Invalid(p.name, "%q is not a number from 1 to %d", v, p.max)
			}
			if p.v != nil {
				*p.v = n
			} else {
				f.Limit = int(n)
			}
		}
	}
	items, more, err := s.store.ListAudit(r.Context(), f)
	if err != nil {
		return err
	}
	var next any
	if more && len(items) > 0 {
		q.Set("before", strconv.FormatInt(items[len(items)-1].ID, 10))
		next = "/api/v1/audit?" + q.Encode()
	}
	s.writeJSON(w, http.StatusOK, "", map[string]any{"items": items, "total": len(items), "next": next})
	return nil
}

// reviewSupply is POST /supplies/{id}/review with {"decision": "approve" |
// "return", "reason"}: a reviewer of the supply's province decides.
// If-Match, when sent, must name the current version.
func (s *Server) reviewSupply(w http.ResponseWriter, r *http.Request) error {
	version, err := ifMatchVersion(r, false)
	if err != nil {
		return err
	}
	var in land.Review
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	sup, err := s.store.ReviewSupply(r.Context(), actor(r), mux.Vars(r)["id"], version, in)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(sup.Version))
	s.writeJSON(w, http.StatusOK, "", sup)
	return nil
}
