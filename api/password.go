package api

import (
	"net/http"

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
	attempt, err := s.startPasswordAttempt(w, r, c.user.Name, "too many wrong passwords")
	if err != nil {
		return err
	}
	_, hash, err := s.svc.Credentials(r.Context(), c.user.Name)
	if err != nil {
		return err
	}
	if !auth.CheckPassword(hash, in.Current) {
		if err := s.failed(r, attempt, sql.AuditEntry{Actor: c.user.Name, Role: string(c.user.Role),
			Action: "password_change_failed", Target: "account/" + c.user.Name}); err != nil {
			return err
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
	if err := s.svc.SignInSucceeded(r.Context(), attempt.keys); err != nil {
		s.log.Error("sign-in throttle", "err", err)
	}
	s.known.forget()
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}
