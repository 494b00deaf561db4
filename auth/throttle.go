package auth

import (
	"sync"
	"time"
)

// Ramp is how a count of failures turns into a lockout: Limit failures
// within Window refuse the key for Lockout.
type Ramp struct {
	Limit           int
	Window, Lockout time.Duration
}

// Attempts are the failures of one key: how many since First, and until
// when the key is refused.
type Attempts struct {
	First       time.Time
	Failures    int
	LockedUntil time.Time
}

// Fail returns the attempts after one more failure at now: a window that
// has passed starts again; reaching the limit locks the key out and starts
// the count again.
func (r Ramp) Fail(a Attempts, now time.Time) Attempts {
	if now.Sub(a.First) > r.Window {
		a.First, a.Failures = now, 0
	}
	a.Failures++
	if a.Failures >= r.Limit {
		a.LockedUntil = now.Add(r.Lockout)
		a.Failures, a.First = 0, now
	}
	return a
}

// Wait is how long the key must still wait at now, zero when it may try.
func (a Attempts) Wait(now time.Time) time.Duration {
	return max(a.LockedUntil.Sub(now), 0)
}

// Stale reports whether the attempts no longer matter at now: neither
// locked nor within the window, as good as none.
func (r Ramp) Stale(a Attempts, now time.Time) bool {
	return !now.Before(a.LockedUntil) && now.Sub(a.First) > r.Window
}

// Throttle counts failures per key in this process and locks a key out
// once it has failed too often (Ramp). It serves what must be refused
// without asking the database: an address sending unknown bearer tokens.
// Sign-ins are counted in the database instead (SignInKeys), so that every
// instance behind a balancer agrees.
type Throttle struct {
	mu   sync.Mutex
	ramp Ramp
	now  func() time.Time
	keys map[string]Attempts
}

// NewThrottle allows limit failures per key within window, then refuses
// the key for lockout.
func NewThrottle(limit int, window, lockout time.Duration, now func() time.Time) *Throttle {
	if now == nil {
		now = time.Now
	}
	return &Throttle{ramp: Ramp{Limit: limit, Window: window, Lockout: lockout}, now: now, keys: map[string]Attempts{}}
}

// Wait returns how long the key must still wait before it may try again,
// zero when it may try now.
func (t *Throttle) Wait(key string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.keys[key].Wait(t.now())
}

// Fail records a failed attempt of key.
func (t *Throttle) Fail(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if len(t.keys) > 100_000 {
		t.sweep(now)
	}
	t.keys[key] = t.ramp.Fail(t.keys[key], now)
}

// Succeed forgets the failures of key.
func (t *Throttle) Succeed(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.keys, key)
}

// sweep drops keys neither locked nor within their window, so that a flood
// of addresses cannot grow the table without end.
func (t *Throttle) sweep(now time.Time) {
	for k, a := range t.keys {
		if t.ramp.Stale(a, now) {
			delete(t.keys, k)
		}
	}
}
