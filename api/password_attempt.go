package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"landwatch/auth"
	"landwatch/sql"
)

// passwordAttempt is one try of an account's password from the caller's
// address. Signing in and changing one's own password count their failures
// by the same throttle, so that neither is a way around the other.
type passwordAttempt struct {
	name string
	addr string
	keys []auth.SignInKey
}

// startPasswordAttempt begins a try of name's password: it refuses (429
// with Retry-After, saying refusal) while the name or the address has
// failed too often.
func (s *Server) startPasswordAttempt(w http.ResponseWriter, r *http.Request, name, refusal string) (passwordAttempt, error) {
	addr := addrText(callerOf(r))
	a := passwordAttempt{name: name, addr: addr, keys: auth.SignInKeys(name, addr)}
	wait, err := s.svc.SignInWait(r.Context(), a.keys)
	if err != nil {
		return a, err
	}
	if wait > 0 {
		return a, throttled(w, wait, refusal)
	}
	return a, nil
}

// failed counts a wrong password and records it in the audit log as
// entry (its address and detail filled in here). Both are written even
// when the client has gone: a guesser must not escape them by hanging up.
func (s *Server) failed(r *http.Request, a passwordAttempt, entry sql.AuditEntry) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 10*time.Second)
	defer cancel()
	if err := s.svc.SignInFailed(ctx, a.keys); err != nil {
		return err
	}
	entry.Address = a.addr
	entry.Detail, _ = json.Marshal(map[string]string{"name": a.name})
	if err := s.svc.Audit(ctx, entry); err != nil {
		s.log.Error("audit log", "err", err)
	}
	return nil
}
