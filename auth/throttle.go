package auth

import (
	"sync"
	"time"
)

// Throttle counts failed sign-ins per key (an account name or a client
// address) and locks a key out for a while once it has failed too often
// within the window. Successful sign-ins clear the account's count.
type Throttle struct {
	mu      sync.Mutex
	limit   int
	window  time.Duration
	lockout time.Duration
	now     func() time.Time
	keys    map[string]*attempts
}

type attempts struct {
	first       time.Time
	failures    int
	lockedUntil time.Time
}

// NewThrottle allows limit failures per key within window, then refuses
// the key for lockout.
func NewThrottle(limit int, window, lockout time.Duration, now func() time.Time) *Throttle {
	if now == nil {
		now = time.Now
	}
	return &Throttle{limit: limit, window: window, lockout: lockout, now: now, keys: map[string]*attempts{}}
}

// Wait returns how long the key must still wait before it may try again,
// zero when it may try now.
func (t *Throttle) Wait(key string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	a := t.keys[key]
	if a == nil {
		return 0
	}
	if d := a.lockedUntil.Sub(t.now()); d > 0 {
		return d
	}
	return 0
}

// Fail records a failed attempt of key.
func (t *Throttle) Fail(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if len(t.keys) > 100_000 {
		t.sweep(now)
	}
	a := t.keys[key]
	if a == nil || now.Sub(a.first) > t.window {
		a = &attempts{first: now}
		t.keys[key] = a
	}
	a.failures++
	if a.failures >= t.limit {
		a.lockedUntil = now.Add(t.lockout)
		a.failures, a.first = 0, now
	}
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
		if now.After(a.lockedUntil) && now.Sub(a.first) > t.window {
			delete(t.keys, k)
		}
	}
}
