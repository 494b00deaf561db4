package supervision

import (
	"context"
	"sync"
)

// The doors remember the sessions and tokens they checked for a few
// seconds (a map draws dozens of tiles a second). A session ended, a token
// revoked or an account changed on any instance is announced by the
// database (migration 0020); this side hears it on a connection of its own
// and tells the doors to forget, so that it takes effect everywhere within
// a second, not when the memory runs out.

// identityWatch is what the service has heard of such changes.
type identityWatch struct {
	mu         sync.Mutex
	listening  bool
	generation uint64
}

// IdentityGeneration returns a number that changes whenever a session,
// token or account may have changed anywhere, and whether such changes are
// being heard at all. A door may trust what it checked under a generation
// while the generation stays the same and listening is true; without
// listening (not started, or the connection lost) it must ask every time.
func (s *Service) IdentityGeneration() (generation uint64, listening bool) {
	s.ids.mu.Lock()
	defer s.ids.mu.Unlock()
	return s.ids.generation, s.ids.listening
}

// changed moves to a new generation, listening or not.
func (w *identityWatch) changed(listening bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.generation++
	w.listening = listening
}

// followIdentities listens for changes of sessions, tokens and accounts
// until ctx ends, reconnecting after failures. A lost connection may have
// missed notices: everything remembered is forgotten, and nothing is
// remembered until listening again.
func (s *Service) followIdentities(ctx context.Context) {
	backoff := newBackoff()
	for {
		err := s.store.ListenIdentities(ctx, func() {
			backoff.reset()
			s.ids.changed(true)
		})
		s.ids.changed(false)
		if ctx.Err() != nil {
			return
		}
		s.log.Warn("sessions and tokens: notice connection lost; reconnecting", "err", err)
		if !backoff.wait(ctx) {
			return
		}
	}
}
