package supervision

import (
	"context"
	"time"

	"landwatch/auth"
)

// Failed sign-ins are counted in the register, so that every instance
// behind a balancer holds a guesser to the same counts.

// SignInWait is how long a sign-in held to keys must still wait (the
// longest lockout among them), zero when it may try now.
func (s *Service) SignInWait(ctx context.Context, keys []auth.SignInKey) (time.Duration, error) {
	until, err := s.store.SignInLockedUntil(ctx, keyNames(keys, false))
	if err != nil {
		return 0, err
	}
	return auth.Attempts{LockedUntil: until}.Wait(s.rules.Now()), nil
}

// SignInFailed counts a failed sign-in against each of keys.
func (s *Service) SignInFailed(ctx context.Context, keys []auth.SignInKey) error {
	ramps := map[string]auth.Ramp{}
	var window time.Duration
	for _, k := range keys {
		ramps[k.Key] = k.Ramp
		window = max(window, k.Ramp.Window)
	}
	now := s.rules.Now()
	return s.store.CountSignInFailures(ctx, keyNames(keys, false), now, now.Add(-window), func(key string, a auth.Attempts) auth.Attempts {
		return ramps[key].Fail(a, now)
	})
}

// SignInSucceeded forgets the counts a right password clears.
func (s *Service) SignInSucceeded(ctx context.Context, keys []auth.SignInKey) error {
	return s.store.ClearSignInFailures(ctx, keyNames(keys, true))
}

func keyNames(keys []auth.SignInKey, clearedBySuccess bool) []string {
	var out []string
	for _, k := range keys {
		if !clearedBySuccess || k.ClearedBySuccess {
			out = append(out, k.Key)
		}
	}
	return out
}
