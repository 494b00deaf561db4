package auth

import (
	"sync"
	"time"
)

// Limiter allows each key (a client address) a number of requests per
// window and refuses the rest until the window turns over.
type Limiter struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	now    func() time.Time
	start  time.Time
	counts map[string]int
}

// NewLimiter allows limit requests per key in each window.
func NewLimiter(limit int, window time.Duration, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{limit: limit, window: window, now: now, counts: map[string]int{}}
}

// Allow counts a request of key and reports whether it is within the
// limit, and otherwise how long until the window turns over.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.Sub(l.start) >= l.window {
		l.start, l.counts = now, map[string]int{}
	}
	l.counts[key]++
	if l.counts[key] > l.limit {
		return false, l.start.Add(l.window).Sub(now)
	}
	return true, 0
}
