package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// twinServers are two landwatch instances behind a balancer: two services
// on one register, each with its own HTTP server, memory and engine.
func twinServers(t *testing.T) (*testServer, *testServer) {
	t.Helper()
	url := sqltest.URL(t)
	instance := func() *testServer {
		return newTestServerOf(t, sqltest.RunningWith(t, func(c *supervision.Config) { c.DatabaseURL = url }), nil)
	}
	return instance(), instance()
}

// on is the same client talking to another instance.
func (c testClient) on(ts *testServer) testClient {
	c.srv = ts
	return c
}

// withinASecond asks until the answer has the status, and fails the test
// when it has not within a second.
func withinASecond(t *testing.T, want int, ask func() (*http.Response, []byte)) {
	t.Helper()
	start := time.Now()
	for {
		resp, body := ask()
		if resp.StatusCode == want {
			t.Logf("%d after %v", want, time.Since(start).Round(time.Millisecond))
			return
		}
		if time.Since(start) > time.Second {
			t.Fatalf("still %d after a second, want %d: %s", resp.StatusCode, want, body)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// newToken makes a bearer token of c's account through POST /tokens and
// returns its id and secret.
func newToken(c testClient, name string) (int64, string) {
	c.t.Helper()
	resp, body := c.do("POST", "/api/v1/tokens", nil, []byte(`{"name":"`+name+`"}`))
	c.status(http.StatusCreated, resp, body)
	var made struct {
		Token struct {
			ID int64 `json:"id"`
		} `json:"token"`
		Secret string `json:"secret"`
	}
	if err := json.Unmarshal(body, &made); err != nil || made.Secret == "" {
		c.t.Fatalf("token answer %s", body)
	}
	return made.Token.ID, made.Secret
}

// signedIn signs name in through c and returns the session cookie and its
// CSRF token.
func signedIn(c testClient, name string) (http.Header, string) {
	c.t.Helper()
	resp, body := c.do("POST", "/api/v1/session", nil, []byte(`{"name":"`+name+`","password":"`+testPassword+`"}`))
	c.status(http.StatusOK, resp, body)
	var s struct {
		CSRF string `json:"csrf_token"`
	}
	if err := json.Unmarshal(body, &s); err != nil || len(resp.Cookies()) == 0 {
		c.t.Fatalf("sign-in answer %s", body)
	}
	return http.Header{"Cookie": {resp.Cookies()[0].String()}}, s.CSRF
}

// Two instances behind a balancer agree on who is signed in and who is
// locked out: an ending on one takes effect on the other within a second,
// though each remembers what it checked.
func TestTwoInstancesAgreeOnSessionsTokensAndLockouts(t *testing.T) {
	t.Parallel()
	a, b := twinServers(t)
	admin := a.account(t, "admin", land.RoleAdmin, land.NationCode)

	t.Run("a token revoked through one instance is refused by the other within a second", func(t *testing.T) {
		c := admin.as(t)
		id, secret := newToken(c, "QGIS")
		qgis := testClient{t: t, srv: b, token: secret}
		for range 3 { // believed, and remembered by b
			resp, body := qgis.do("GET", "/api/v1/session", nil, nil)
			qgis.status(http.StatusOK, resp, body)
		}
		resp, body := c.do("DELETE", "/api/v1/tokens/"+strconv.FormatInt(id, 10), nil, nil)
		c.status(http.StatusNoContent, resp, body)
		withinASecond(t, http.StatusUnauthorized, func() (*http.Response, []byte) { return qgis.do("GET", "/api/v1/session", nil, nil) })
	})

	t.Run("signing out on one instance ends the session on the other", func(t *testing.T) {
		a.account(t, "clerk-out", land.RoleClerk, "130626")
		browser := a.anonymous(t)
		cookie, csrf := signedIn(browser, "clerk-out")
		resp, body := browser.on(b).do("GET", "/api/v1/session", cookie, nil)
		browser.status(http.StatusOK, resp, body)
		out := cookie.Clone()
		out.Set(csrfHeader, csrf)
		resp, body = browser.do("DELETE", "/api/v1/session", out, nil)
		browser.status(http.StatusNoContent, resp, body)
		withinASecond(t, http.StatusUnauthorized, func() (*http.Response, []byte) {
			return browser.on(b).do("GET", "/api/v1/session", cookie, nil)
		})
	})

	t.Run("an administrator's password reset ends the sessions and revokes the tokens everywhere", func(t *testing.T) {
		script := a.account(t, "clerk-leaked", land.RoleClerk, "130626").on(b)
		cookie, _ := signedIn(a.anonymous(t), "clerk-leaked")
		resp, body := script.do("GET", "/api/v1/session", nil, nil)
		script.status(http.StatusOK, resp, body)
		browser := b.anonymous(t)
		resp, body = browser.do("GET", "/api/v1/session", cookie, nil)
		browser.status(http.StatusOK, resp, body)
		resp, body = admin.as(t).do("PATCH", "/api/v1/accounts/clerk-leaked", nil, []byte(`{"password":"a new password after the leak"}`))
		admin.as(t).status(http.StatusOK, resp, body)
		withinASecond(t, http.StatusUnauthorized, func() (*http.Response, []byte) { return script.do("GET", "/api/v1/session", nil, nil) })
		withinASecond(t, http.StatusUnauthorized, func() (*http.Response, []byte) { return browser.do("GET", "/api/v1/session", cookie, nil) })
		// Not only remembered as revoked: revoked in the register.
		resp, body = script.on(a).do("GET", "/api/v1/session", nil, nil)
		script.status(http.StatusUnauthorized, resp, body)
	})

	t.Run("disabling an account on one instance refuses its token on the other", func(t *testing.T) {
		script := a.account(t, "analyst-gone", land.RoleAnalyst, "130626").on(b)
		resp, body := script.do("GET", "/api/v1/session", nil, nil)
		script.status(http.StatusOK, resp, body)
		resp, body = admin.as(t).do("PATCH", "/api/v1/accounts/analyst-gone", nil, []byte(`{"disabled":true}`))
		admin.as(t).status(http.StatusOK, resp, body)
		withinASecond(t, http.StatusUnauthorized, func() (*http.Response, []byte) { return script.do("GET", "/api/v1/session", nil, nil) })
	})

	t.Run("failed sign-ins on one instance count on the other", func(t *testing.T) {
		a.account(t, "shared-count", land.RoleAnalyst, "130626")
		guesser := testClient{t: t, srv: a, from: "203.0.113.7:5000"}
		for i := range 5 {
			on := a
			if i%2 == 1 {
				on = b
			}
			resp, body := guesser.on(on).do("POST", "/api/v1/session", nil, []byte(`{"name":"shared-count","password":"guess `+strconv.Itoa(i)+`"}`))
			guesser.status(http.StatusUnauthorized, resp, body)
		}
		for _, on := range []*testServer{a, b} {
			resp, body := guesser.on(on).do("POST", "/api/v1/session", nil, []byte(`{"name":"shared-count","password":"`+testPassword+`"}`))
			guesser.status(http.StatusTooManyRequests, resp, body)
			if resp.Header.Get("Retry-After") == "" {
				t.Error("no Retry-After")
			}
		}
	})

	t.Run("wrong passwords from five addresses do not lock the owner out from a sixth", func(t *testing.T) {
		a.account(t, "owner", land.RoleAnalyst, "130626")
		for i := range 5 {
			guesser := testClient{t: t, srv: a, from: "198.51.100." + strconv.Itoa(i+1) + ":5000"}
			for j := range auth.PairRamp.Limit {
				on := []*testServer{a, b}[j%2]
				resp, body := guesser.on(on).do("POST", "/api/v1/session", nil, []byte(`{"name":"owner","password":"guess `+strconv.Itoa(j)+`"}`))
				guesser.status(http.StatusUnauthorized, resp, body)
			}
			// That pair is locked out now…
			resp, body := guesser.do("POST", "/api/v1/session", nil, []byte(`{"name":"owner","password":"`+testPassword+`"}`))
			guesser.status(http.StatusTooManyRequests, resp, body)
		}
		// …but not the owner elsewhere.
		owner := testClient{t: t, srv: b, from: "198.51.100.6:5000"}
		signedIn(owner, "owner")
	})

	t.Run("guesses at one account from many addresses lock the account out", func(t *testing.T) {
		a.account(t, "much-guessed", land.RoleAnalyst, "130626")
		for i := range auth.AccountRamp.Limit {
			guesser := testClient{t: t, srv: []*testServer{a, b}[i%2], from: "192.0.2." + strconv.Itoa(i+1) + ":5000"}
			resp, body := guesser.do("POST", "/api/v1/session", nil, []byte(`{"name":"much-guessed","password":"guess"}`))
			guesser.status(http.StatusUnauthorized, resp, body)
		}
		owner := testClient{t: t, srv: b, from: "192.0.2.200:5000"}
		resp, body := owner.do("POST", "/api/v1/session", nil, []byte(`{"name":"much-guessed","password":"`+testPassword+`"}`))
		owner.status(http.StatusTooManyRequests, resp, body)
	})
}

// Unknown bearer tokens from one address are refused with 429 after a few,
// before the register is asked, while other addresses are still answered.
func TestUnknownTokensAreThrottledPerAddress(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	valid := ts.account(t, "analyst", land.RoleAnalyst, "130626")
	guesser := testClient{t: t, srv: ts, from: "203.0.113.9:5000"}
	for range badTokenLimit {
		guesser.token = auth.NewSecret()
		resp, body := guesser.do("GET", "/api/v1/session", nil, nil)
		guesser.status(http.StatusUnauthorized, resp, body)
	}
	guesser.token = auth.NewSecret()
	resp, body := guesser.do("GET", "/api/v1/session", nil, nil)
	guesser.status(http.StatusTooManyRequests, resp, body)
	if resp.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	// Refused before the register is asked: even a valid token not yet
	// checked from there waits.
	valid.from = guesser.from
	resp, body = valid.do("GET", "/api/v1/session", nil, nil)
	valid.status(http.StatusTooManyRequests, resp, body)
	// Another address is answered as before.
	other := testClient{t: t, srv: ts, token: auth.NewSecret(), from: "203.0.113.10:5000"}
	resp, body = other.do("GET", "/api/v1/session", nil, nil)
	other.status(http.StatusUnauthorized, resp, body)
	// The public pages still answer the throttled address, as anonymous.
	resp, body = guesser.do("GET", "/api/v1/workdays?from=2026-09-30&add=7", nil, nil)
	guesser.status(http.StatusOK, resp, body)
	if resp.Header.Get("Retry-After") != "" {
		t.Error("a public answer carries the token's Retry-After")
	}
}

func TestThePublicLimitIsSharedOutBetweenInstances(t *testing.T) {
	for _, c := range []struct {
		name                 string
		perMinute, instances int
		want                 int
	}{
		{"one instance allows the whole limit", 300, 1, 300},
		{"an unset number of instances means one", 300, 0, 300},
		{"three instances allow a third each", 300, 3, 100},
		{"more instances than requests still allow one each", 2, 5, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := publicShare(c.perMinute, c.instances); got != c.want {
				t.Errorf("publicShare(%d, %d) = %d, want %d", c.perMinute, c.instances, got, c.want)
			}
		})
	}
}
