package api

import (
	"context"
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"time"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql"
)

// sessionLife is how long a browser stays signed in.
const sessionLife = 12 * time.Hour

// signIn is POST /session with {"name", "password"}: a session cookie
// (HttpOnly, SameSite=Strict) and the CSRF token the browser's writes must
// carry. Failed attempts are counted per account and per address; too many
// lock both out for a while (429 with Retry-After).
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name     string `json:"name"`
		Password string `json:"password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	c := callerOf(r)
	addr := addrText(c)
	for _, th := range []struct {
		t   *auth.Throttle
		key string
	}{{s.throttle, in.Name}, {s.addressThrottle, addr}} {
		if wait := th.t.Wait(th.key); wait > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			return land.Errorf(land.CodeThrottled, "too many failed sign-ins; try again in %s", wait.Round(time.Second))
		}
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
		s.throttle.Fail(in.Name)
		s.addressThrottle.Fail(addr)
		detail, _ := json.Marshal(map[string]string{"name": in.Name})
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 10*time.Second)
		defer cancel()
		if err := s.svc.Audit(ctx, sql.AuditEntry{Actor: "public", Address: addr, Action: "sign_in_failed", Target: "session", Detail: detail}); err != nil {
			s.log.Error("audit log", "err", err)
		}
		return land.Errorf(land.CodeUnauthorized, "wrong name or password")
	}
	s.throttle.Succeed(in.Name)
	secret, csrf := auth.NewSecret(), auth.NewSecret()
	expires := time.Now().Add(sessionLife)
	if err := s.svc.SignIn(r.Context(), u, auth.HashSecret(secret), csrf, addr, expires); err != nil {
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
