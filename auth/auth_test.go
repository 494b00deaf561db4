package auth

import (
	"strings"
	"testing"
	"time"

	"landwatch/land"
)

func TestPasswords(t *testing.T) {
	t.Run("a short password is refused naming the field", func(t *testing.T) {
		if _, err := HashPassword("short"); land.ErrorField(err) != "password" {
			t.Errorf("error %v", err)
		}
	})
	t.Run("a hash checks its password and no other", func(t *testing.T) {
		pw := GeneratePassword()
		h, err := HashPassword(pw)
		if err != nil {
			t.Fatal(err)
		}
		if !CheckPassword(h, pw) || CheckPassword(h, pw+"x") {
			t.Error("the hash does not tell the password from another")
		}
	})
	t.Run("generated secrets differ", func(t *testing.T) {
		s1, s2, p1, p2 := NewSecret(), NewSecret(), GeneratePassword(), GeneratePassword()
		if s1 == s2 || p1 == p2 {
			t.Error("two secrets are equal")
		}
	})
}

func TestThrottleLocksOutAfterTooManyFailures(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	th := NewThrottle(3, 10*time.Minute, 5*time.Minute, func() time.Time { return now })
	for i := 0; i < 2; i++ {
		th.Fail("clerk1")
	}
	if th.Wait("clerk1") != 0 {
		t.Fatal("locked out before the limit")
	}
	th.Fail("clerk1")
	if w := th.Wait("clerk1"); w != 5*time.Minute {
		t.Fatalf("wait %v after the third failure, want 5m", w)
	}
	if th.Wait("clerk2") != 0 {
		t.Error("another key is locked out too")
	}
	now = now.Add(5*time.Minute + time.Second)
	if th.Wait("clerk1") != 0 {
		t.Error("still locked out after the lockout")
	}
	th.Fail("clerk1")
	th.Succeed("clerk1")
	th.Fail("clerk1")
	th.Fail("clerk1")
	if th.Wait("clerk1") != 0 {
		t.Error("a success did not clear the count")
	}
}

func TestLimiterRefusesOverTheLimitUntilTheWindowTurns(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	l := NewLimiter(2, time.Minute, func() time.Time { return now })
	for i := 0; i < 2; i++ {
		if ok, _ := l.Allow("10.0.0.1"); !ok {
			t.Fatalf("request %d refused", i+1)
		}
	}
	if ok, wait := l.Allow("10.0.0.1"); ok || wait != time.Minute {
		t.Errorf("third request: %v, wait %v; want refused for a minute", ok, wait)
	}
	if ok, _ := l.Allow("10.0.0.2"); !ok {
		t.Error("another address is refused")
	}
	now = now.Add(time.Minute)
	if ok, _ := l.Allow("10.0.0.1"); !ok {
		t.Error("refused after the window turned")
	}
}

func TestSignInRampsLockThePairSoonAndTheAccountAloneSlowly(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	failuresToLock := func(r Ramp) int {
		var a Attempts
		for n := 1; n <= 1000; n++ {
			if a = r.Fail(a, now); a.Wait(now) > 0 {
				return n
			}
		}
		return -1
	}
	for _, c := range []struct {
		name string
		ramp Ramp
		want int
	}{
		{"one address guessing at one account is locked out after five", PairRamp, 5},
		{"an account alone only after ten times as many", AccountRamp, 50},
		{"one address guessing through names after thirty", AddressRamp, 30},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := failuresToLock(c.ramp); got != c.want {
				t.Errorf("locked after %d failures, want %d", got, c.want)
			}
		})
	}
	t.Run("a pair's key is neither another pair's nor the account's", func(t *testing.T) {
		seen := map[string]bool{}
		for _, k := range append(append(SignInKeys("wang", "10.0.0.1"), SignInKeys("wang", "10.0.0.2")...), SignInKeys("li", "10.0.0.1")...) {
			seen[k.Key] = true
		}
		// two pairs and an account each for wang, a pair and an account for li, two addresses
		if len(seen) != 7 {
			t.Errorf("%d distinct keys, want 7: %v", len(seen), seen)
		}
	})
	t.Run("a right password clears the pair and the account, not the address", func(t *testing.T) {
		for _, k := range SignInKeys("wang", "10.0.0.1") {
			if k.ClearedBySuccess == strings.HasPrefix(k.Key, "address|") {
				t.Errorf("%s cleared by success: %v", k.Key, k.ClearedBySuccess)
			}
		}
	})
	t.Run("a window that has passed starts the count again", func(t *testing.T) {
		var a Attempts
		for range PairRamp.Limit - 1 {
			a = PairRamp.Fail(a, now)
		}
		if a = PairRamp.Fail(a, now.Add(PairRamp.Window+time.Second)); a.Wait(now) > 0 || a.Failures != 1 {
			t.Errorf("after the window: %+v", a)
		}
	})
}
