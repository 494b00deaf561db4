package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"landwatch/auth"
	"landwatch/land"
)

// signInAs signs in through POST /session and returns the header a
// browser with that session sends: its cookie and CSRF token.
func signInAs(t *testing.T, ts *testServer, name, password string, want int) http.Header {
	t.Helper()
	anon := ts.anonymous(t)
	resp, body := anon.do("POST", "/api/v1/session", nil, []byte(`{"name":"`+name+`","password":"`+password+`"}`))
	anon.status(want, resp, body)
	if want != http.StatusOK {
		return nil
	}
	var s struct {
		CSRF string `json:"csrf_token"`
	}
	if err := json.Unmarshal(body, &s); err != nil {
		t.Fatal(err)
	}
	h := http.Header{"Cookie": {strings.Split(resp.Header.Get("Set-Cookie"), ";")[0]}}
	h.Set(csrfHeader, s.CSRF)
	return h
}

func TestOwnPasswordChangeChecksTheCurrentOneAndEndsTheOtherSessions(t *testing.T) {
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "clerk-pw", land.RoleClerk, "130626")
	admin := ts.account(t, "admin-pw", land.RoleAdmin, "130626")
	here := signInAs(t, ts, "clerk-pw", testPassword, http.StatusOK)
	elsewhere := signInAs(t, ts, "clerk-pw", testPassword, http.StatusOK)
	browser := ts.anonymous(t)
	const fresh = "a new password of the clerk"
	change := func(current, next string) (*http.Response, []byte) {
		b, _ := json.Marshal(map[string]string{"current_password": current, "new_password": next})
		return browser.do("POST", "/api/v1/session/password", here, b)
	}

	t.Run("a wrong current password is refused, naming the field", func(t *testing.T) {
		resp, body := change("not my password at all", fresh)
		browser.as(t).status(http.StatusBadRequest, resp, body)
		if !strings.Contains(string(body), "current_password") {
			t.Errorf("the refusal does not name current_password: %s", body)
		}
		signInAs(t, ts, "clerk-pw", testPassword, http.StatusOK) // the old password still signs in
	})

	t.Run("a too short new password is refused, naming the field", func(t *testing.T) {
		resp, body := change(testPassword, "short")
		browser.as(t).status(http.StatusBadRequest, resp, body)
		if !strings.Contains(string(body), "new_password") {
			t.Errorf("the refusal does not name new_password: %s", body)
		}
	})

	t.Run("the new password signs in, the old does not, and the other sessions end", func(t *testing.T) {
		resp, body := change(testPassword, fresh)
		browser.as(t).status(http.StatusNoContent, resp, body)
		resp, body = browser.do("GET", "/api/v1/session", here, nil)
		browser.as(t).status(http.StatusOK, resp, body) // the session that asked stays
		resp, body = browser.do("GET", "/api/v1/session", elsewhere, nil)
		browser.as(t).status(http.StatusUnauthorized, resp, body)
		signInAs(t, ts, "clerk-pw", testPassword, http.StatusUnauthorized)
		signInAs(t, ts, "clerk-pw", fresh, http.StatusOK)
		resp, body = clerk.do("GET", "/api/v1/tokens", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body) // tokens are not the password
	})

	t.Run("the change is in the audit log", func(t *testing.T) {
		resp, body := admin.do("GET", "/api/v1/audit?actor=clerk-pw&action=permission_change", nil, nil)
		admin.as(t).status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), `"target":"account/clerk-pw"`) || !strings.Contains(string(body), `"own":true`) {
			t.Errorf("no audit entry of the own password change: %s", body)
		}
	})
}

func TestTokensShowTheirLastUseWrittenAtMostOnceAMinute(t *testing.T) {
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "clerk-tok", land.RoleClerk, "130626")
	resp, body := clerk.do("POST", "/api/v1/tokens", nil, []byte(`{"name":"QGIS"}`))
	clerk.status(http.StatusCreated, resp, body)
	var made struct {
		Token  struct{ ID int64 }
		Secret string
	}
	if err := json.Unmarshal(body, &made); err != nil {
		t.Fatal(err)
	}
	lastUse := func() *time.Time {
		t.Helper()
		resp, body := clerk.do("GET", "/api/v1/tokens", nil, nil)
		clerk.status(http.StatusOK, resp, body)
		var list struct {
			Items []struct {
				ID         int64      `json:"id"`
				LastUsedAt *time.Time `json:"last_used_at"`
			}
		}
		if err := json.Unmarshal(body, &list); err != nil {
			t.Fatal(err)
		}
		for _, it := range list.Items {
			if it.ID == made.Token.ID {
				return it.LastUsedAt
			}
		}
		t.Fatalf("token %d not listed: %s", made.Token.ID, body)
		return nil
	}
	if got := lastUse(); got != nil {
		t.Fatalf("a token never used has a last use: %v", got)
	}
	script := testClient{t: t, srv: ts, token: made.Secret}
	resp, body = script.do("GET", "/api/v1/session", nil, nil)
	script.status(http.StatusOK, resp, body)
	first := lastUse()
	if first == nil || time.Since(*first) > time.Minute {
		t.Fatalf("after a use, last use %v, want about now", first)
	}
	// Looked up again within the minute (past the door's cache), the use is
	// not written again.
	if _, err := ts.svc.TokenUser(context.Background(), auth.HashSecret(made.Secret)); err != nil {
		t.Fatal(err)
	}
	if again := lastUse(); again == nil || !again.Equal(*first) {
		t.Errorf("last use %v rewritten within the minute (was %v)", again, first)
	}
	resp, body = clerk.do("DELETE", "/api/v1/tokens/"+strconv.FormatInt(made.Token.ID, 10), nil, nil)
	clerk.status(http.StatusNoContent, resp, body)
	resp, body = script.do("GET", "/api/v1/session", nil, nil)
	script.status(http.StatusUnauthorized, resp, body)
}
