package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql"
)

// changeOwnPassword is POST /session/password with {"current_password",
// "new_password"}: a signed-in user replaces their own password. The
// current password is checked as at signing in, with its failures counted
// by the same throttle (a browser left open must not become a way to guess
// it); a wrong one is 400 naming current_password. The user's other
// sessions end; the one asking stays signed in.
func (s *Server) changeOwnPassword(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Current string `json:"current_password"`
		New     string `json:"new_password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	c := callerOf(r)
	addr := addrText(c)
	keys := auth.SignInKeys(c.user.Name, addr)
	wait, err := s.svc.SignInWait(r.Context(), keys)
	if err != nil {
		return err
	}
	if wait > 0 {
		return throttled(w, wait, "too many wrong passwords")
	}
	_, hash, err := s.svc.Credentials(r.Context(), c.user.Name)
	if err != nil {
		return err
	}
	if !auth.CheckPassword(hash, in.Current) {
		// Counted and recorded even when the client has gone, as at signing in.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 10*time.Second)
		defer cancel()
		if err := s.svc.SignInFailed(ctx, keys); err != nil {
			return err
		}
		detail, _ := json.Marshal(map[string]string{"name": c.user.Name})
		if err := s.svc.Audit(ctx, sql.AuditEntry{Actor: c.user.Name, Role: string(c.user.Role), Address: addr,
			Action: "password_change_failed", Target: "account/" + c.user.Name, Detail: detail}); err != nil {
			s.log.Error("audit log", "err", err)
		}
		return land.Invalid("current_password", "the current password is wrong")
	}
	if in.New == in.Current {
		return land.Invalid("new_password", "the new password must differ from the current one")
	}
	newHash, err := auth.HashPassword(in.New)
	if err != nil {
		return land.WithField(err, "new_password")
	}
	var keep []byte
	if ck, err := r.Cookie(sessionCookie); err == nil && c.session != nil {
		keep = auth.HashSecret(ck.Value)
	}
	if err := s.svc.ChangeOwnPassword(r.Context(), scope(r), newHash, keep); err != nil {
		return err
	}
	if err := s.svc.SignInSucceeded(r.Context(), keys); err != nil {
		s.log.Error("sign-in throttle", "err", err)
	}
	s.known.forget()
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}
