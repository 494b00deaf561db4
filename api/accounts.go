package api

import (
	"net/http"

	"github.com/gorilla/mux"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql"
)

// listAccounts is GET /accounts: the accounts of the admin's region.
func (s *Server) listAccounts(w http.ResponseWriter, r *http.Request) error {
	u := callerOf(r).user
	items, err := s.svc.Accounts(r.Context(), scope(r), u.Region)
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
	a, err := s.svc.CreateAccount(r.Context(), scope(r), land.User{Name: in.Name, Role: in.Role, Region: in.Region}, hash)
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
	a, err := s.svc.ChangeAccount(r.Context(), scope(r), name, ch)
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
	items, err := s.svc.Accounts(r.Context(), scope(r), callerOf(r).user.Region)
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
