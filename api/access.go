package api

import (
	"context"
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql"
)

// Access is what one route requires. Every route of the router has one;
// the router is built so that a route cannot be added without it.
type Access struct {
	// Perm is the permission a signed-in user needs; "" makes the route
	// public (no sign-in, and nothing confidential in its answers).
	Perm land.Permission
	// Coords says whether the request or its answer carries coordinates,
	// which travel only to signed-in users on the internal networks and
	// never under the external profile (DESIGN §9). Nil means never.
	Coords Coords
	// Action names the route's writes in the audit log ("write" when empty).
	Action string
	// Files marks routes that take files (imports, boundaries, photos): their
	// bodies may be as large as the server allows; others take 1 MiB.
	Files bool
}

// smallBody is the largest body of a route that takes no files.
const smallBody = 1 << 20

// Coords tells whether a request, or the answer to it, carries coordinates.
type Coords func(r *http.Request) bool

// Always: tiles, coordinate uploads, field positions, history with its
// boundaries.
func Always(*http.Request) bool { return true }

// WhenGeoJSON: records answered as GeoJSON when asked (Accept or
// ?f=geojson) or sent as GeoJSON.
func WhenGeoJSON(r *http.Request) bool {
	return wantsGeoJSON(r) || strings.Contains(r.Header.Get("Content-Type"), "geo+json")
}

// WhenParam: a query that names a position or an area (near=, bbox=).
func WhenParam(names ...string) Coords {
	return func(r *http.Request) bool {
		q := r.URL.Query()
		for _, n := range names {
			if q.Has(n) {
				return true
			}
		}
		return false
	}
}

// Either: when any of the rules says so.
func Either(rules ...Coords) Coords {
	return func(r *http.Request) bool {
		for _, c := range rules {
			if c(r) {
				return true
			}
		}
		return false
	}
}

func (a Access) coords(r *http.Request) bool { return a.Coords != nil && a.Coords(r) }

// The session cookie and the header that carries the CSRF token of a
// session's writes.
const (
	sessionCookie = "landwatch_session"
	csrfHeader    = "X-CSRF-Token"
)

// signInFirst tells a caller without credentials the two ways in: the
// browser's session cookie, and a bearer token (the 401's challenge).
const signInFirst = "sign in first: POST /api/v1/session with {\"name\", \"password\"} sets the session cookie " +
	"(the map's sign-in page does this), or send Authorization: Bearer TOKEN with an API token"

// ProfileExternal serves no coordinates to anyone.
const ProfileExternal = "external"

// caller is who sent a request, as the guard found out.
type caller struct {
	user    *land.User
	session *sql.Session // nil for bearer tokens and the public
	address netip.Addr
	act     land.Act // what the request asks for, as the audit log records its changes
	// publicURL is the URL the request reached landwatch at (reachedAt),
	// kept here rather than in a context value of its own, which every
	// answer would allocate again.
	publicURL string
}

// guard wraps a route's handler with its access rule: it identifies the
// caller, refuses what the rule does not allow (401 not signed in, 403 with
// the rule that refuses), puts the user into the request's context (where
// the store limits every query to the user's region), and records the
// route's coordinate reads in the audit log before answering them (its
// writes are recorded by the store, in the transaction of each change).
func (s *Server) guard(a Access, h handler) http.Handler {
	return http.HandlerFunc(func(out http.ResponseWriter, r *http.Request) {
		var c caller
		admitted := false
		status := s.answer(out, r, func(w http.ResponseWriter, r *http.Request) error {
			var err error
			if c, err = s.admit(w, a, r); err != nil {
				return err
			}
			admitted = true
			if err := checkRequestText(r, mux.Vars(r)); err != nil {
				return err
			}
			c.act, c.publicURL = a.act(r), s.reachedAt(r)
			if err := s.auditRead(a, c, r); err != nil {
				return err
			}
			if !a.Files && hasBody(r) {
				// The server's own writer: told of a body too large, it
				// closes the connection instead of reading the rest.
				r.Body = http.MaxBytesReader(out, r.Body, smallBody)
			}
			return h(w, r.WithContext(context.WithValue(r.Context(), callerKey{}, c)))
		})
		if admitted {
			s.auditAnswered(a, c, r, status)
		}
	})
}

// admit identifies the caller of a request and applies the access rule.
func (s *Server) admit(w http.ResponseWriter, a Access, r *http.Request) (caller, error) {
	c, err := s.identify(w, r)
	if err != nil && a.Perm == "" && !a.coords(r) {
		// An ended session must not lock its browser out of the public
		// pages, the sign-in page above all: there it counts as none.
		c, err = caller{address: s.clientAddr(r)}, nil
		w.Header().Del("Retry-After") // of a throttled token, not of this answer
	}
	if err != nil {
		return c, err
	}
	return c, s.allow(a, c, r)
}

// allow applies the access rule to the caller.
func (s *Server) allow(a Access, c caller, r *http.Request) error {
	coords := a.coords(r)
	if a.Perm == "" && !coords {
		return nil
	}
	if c.user == nil {
		return land.Errorf(land.CodeUnauthorized, signInFirst)
	}
	if a.Perm != "" && !c.user.Role.May(a.Perm) {
		return land.Errorf(land.CodeForbidden, "the %s role may not %s", c.user.Role, a.Perm)
	}
	if c.session != nil && unsafeMethod(r.Method) && r.Header.Get(csrfHeader) != c.session.CSRF {
		return land.Errorf(land.CodeForbidden, "a write from the browser must carry the session's %s header (CSRF protection)", csrfHeader)
	}
	if coords {
		return s.coordsAllowed(c)
	}
	return nil
}

// coordsAllowed checks that coordinates may travel between the caller and
// landwatch: a signed-in user on an internal network, and not the external
// profile. Handlers whose body may carry coordinates (a new supply with its
// parcels) call it when they find some.
func (s *Server) coordsAllowed(c caller) error {
	switch {
	case s.profile == ProfileExternal:
		return land.Errorf(land.CodeForbidden, "coordinates are confidential and this deployment (LANDWATCH_PROFILE=external) takes and serves none")
	case c.user == nil:
		return land.Errorf(land.CodeUnauthorized, "sign in first: coordinates are served to signed-in users only")
	case !s.internal(c.address):
		return land.Errorf(land.CodeForbidden, "coordinates are confidential: served only on the internal networks (LANDWATCH_INTERNAL_NETWORKS), and %s is outside them", c.address)
	}
	return nil
}

// identify finds the user of a request from its bearer token or session
// cookie. A token or cookie that is presented but not valid is refused
// (401), so that a script with a revoked token learns it at once. An
// address that sent too many unknown tokens is refused (429) before the
// database is asked: guessing tokens must cost the guesser, not the
// register.
func (s *Server) identify(w http.ResponseWriter, r *http.Request) (caller, error) {
	c := caller{address: s.clientAddr(r)}
	// What was checked is believed only while the service hears of changes
	// and none has come since (supervision.Service.IdentityGeneration).
	generation, listening := s.svc.IdentityGeneration()
	remember := func(hash []byte, id identity) {
		if listening {
			id.until, id.generation = time.Now().Add(identityTTL), generation
			s.known.put(hash, id)
		}
	}
	if h := r.Header.Get("Authorization"); h != "" {
		secret, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return c, land.Errorf(land.CodeUnauthorized, "the Authorization header must be \"Bearer TOKEN\"")
		}
		hash := auth.HashSecret(strings.TrimSpace(secret))
		if id, ok := s.known.get(hash, time.Now(), generation); ok && listening {
			c.user = &id.user
			return c, nil
		}
		addr := addrText(c)
		if wait := s.badTokens.Wait(addr); wait > 0 {
			return c, throttled(w, wait, "too many unknown or revoked tokens from your address")
		}
		u, err := s.svc.TokenUser(r.Context(), hash)
		if land.ErrorCode(err) == land.CodeUnauthorized {
			s.badTokens.Fail(addr)
		}
		if err != nil {
			return c, err
		}
		remember(hash, identity{user: u})
		c.user = &u
		return c, nil
	}
	if ck, err := r.Cookie(sessionCookie); err == nil && ck.Value != "" {
		hash := auth.HashSecret(ck.Value)
		if id, ok := s.known.get(hash, time.Now(), generation); ok && listening && time.Now().Before(id.session.ExpiresAt) {
			c.user, c.session = &id.user, id.session
			return c, nil
		}
		ss, err := s.svc.SessionOf(r.Context(), hash)
		if err != nil {
			return c, err
		}
		remember(hash, identity{user: ss.User, session: &ss})
		c.user, c.session = &ss.User, &ss
	}
	return c, nil
}

// throttled is the refusal of a request that must wait, with Retry-After;
// its message gives the wait in whole seconds, or minutes from two.
func throttled(w http.ResponseWriter, wait time.Duration, why string) error {
	seconds := int(math.Ceil(wait.Seconds()))
	w.Header().Set("Retry-After", strconv.Itoa(seconds))
	if seconds >= 120 {
		return land.Errorf(land.CodeThrottled, "%s; try again in %d minutes", why, (seconds+59)/60)
	}
	return land.Errorf(land.CodeThrottled, "%s; try again in %d seconds", why, seconds)
}

// clientAddr is the address a request came from: the peer's, unless the
// peer is a trusted proxy, in which case X-Forwarded-For is read from the
// right, skipping trusted proxies.
func (s *Server) clientAddr(r *http.Request) netip.Addr {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return netip.Addr{}
	}
	addr := peer.Addr().Unmap()
	if !contains(s.trustedProxies, addr) {
		return addr
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return addr // a forged or broken header: believe only the proxy
		}
		addr = a.Unmap()
		if !contains(s.trustedProxies, addr) {
			return addr
		}
	}
	return addr
}

func (s *Server) internal(a netip.Addr) bool { return a.IsValid() && contains(s.internalNets, a) }

func contains(nets []netip.Prefix, a netip.Addr) bool {
	for _, p := range nets {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

type callerKey struct{}

// callerOf returns who sent a guarded request.
func callerOf(r *http.Request) caller {
	c, _ := r.Context().Value(callerKey{}).(caller)
	return c
}

// statusRecorder keeps the status a handler answered with, for the audit.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// scope is who acts in a guarded request: the signed-in user from the
// client's address, or nobody (the zero Scope) on a public route.
func scope(r *http.Request) land.Scope {
	c := callerOf(r)
	if c.user == nil {
		return land.Scope{}
	}
	return land.UserScope(*c.user, addrText(c)).Acting(c.act)
}
