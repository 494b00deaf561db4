package api

import (
	"context"
	"net/http"
	"time"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql"
)

// sessionLife is how long a browser stays signed in.
const sessionLife = 12 * time.Hour

// signIn is POST /session with {"name", "password"}: a session cookie
// (HttpOnly, SameSite=Strict) and the CSRF token the browser's writes must
// carry. Failed attempts are counted in the database, shared by every
// instance, per account and address pair, per account alone (ten times
// slower, so that guesses from elsewhere cannot lock the owner out) and per
// address (auth.SignInKeys); a count over its limit refuses for a while
// (429 with Retry-After).
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name     string `json:"name"`
		Password string `json:"password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	attempt, err := s.startPasswordAttempt(w, r, in.Name, "too many failed sign-ins")
	if err != nil {
		return err
	}
	u, hash, err := s.svc.Credentials(r.Context(), in.Name)
	ok := false
	switch {
	case err == nil:
		ok = auth.CheckPassword(hash, in.Password)
	case land.ErrorCode(err) == land.CodeNotFound:
		auth.CheckNoAccount(in.Password)
	default:
		return err
	}
	if !ok {
		if err := s.failed(r, attempt, sql.AuditEntry{Actor: "public", Action: "sign_in_failed", Target: "session"}); err != nil {
			return err
		}
		return land.Errorf(land.CodeUnauthorized, "wrong name or password")
	}
	if err := s.svc.SignInSucceeded(context.WithoutCancel(r.Context()), attempt.keys); err != nil {
		return err
	}
	secret, csrf := auth.NewSecret(), auth.NewSecret()
	expires := time.Now().Add(sessionLife)
	if err := s.svc.SignIn(r.Context(), u, auth.HashSecret(secret), csrf, attempt.addr, expires); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: secret, Path: "/", Expires: expires, HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
	w.Header().Set("Cache-Control", "no-store")
	s.writeJSON(w, http.StatusOK, "", sessionAnswer(u, csrf, expires))
	return nil
}

func sessionAnswer(u land.User, csrf string, expires time.Time) map[string]any {
	return map[string]any{"user": u, "csrf_token": csrf, "expires_at": expires,
		"may": mayList(u.Role)}
}

// mayList lists the permissions of a role, for the web pages to show only
// what the user may use.
func mayList(r land.Role) []land.Permission {
	out := []land.Permission{}
	for _, p := range []land.Permission{land.PermRead, land.PermEdit, land.PermEvents, land.PermWork, land.PermReview, land.PermAdmin} {
		if r.May(p) {
			out = append(out, p)
		}
	}
	return out
}

// session is GET /session: who is signed in, and the CSRF token (a page
// loaded after signing in reads it here).
func (s *Server) session(w http.ResponseWriter, r *http.Request) error {
	c := callerOf(r)
	w.Header().Set("Cache-Control", "no-store")
	if c.session == nil {
		s.writeJSON(w, http.StatusOK, "", map[string]any{"user": c.user, "csrf_token": nil, "may": mayList(c.user.Role)})
		return nil
	}
	s.writeJSON(w, http.StatusOK, "", sessionAnswer(c.session.User, c.session.CSRF, c.session.ExpiresAt))
	return nil
}

// signOut is DELETE /session: the session ends and its cookie is cleared.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) error {
	if ck, err := r.Cookie(sessionCookie); err == nil {
		if err := s.svc.SignOut(r.Context(), scope(r), auth.HashSecret(ck.Value)); err != nil {
			return err
		}
		s.known.forget()
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	w.WriteHeader(http.StatusNoContent)
	return nil
}
