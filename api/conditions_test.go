package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"landwatch/land"
)

// The conditional requests and the answers RFC 9110 asks of a supply's
// routes: 412 for a tag that does not match, 304 for one that does, the
// address of what was created, the methods a path takes, the challenge of
// a 401.
func TestSupplyRequestsFollowRFC9110(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00020", square(115.780, 39.260, 0.001))))
	c.status(201, resp, b)
	loc := resp.Header.Get("Location")
	if resp.Header.Get("ETag") != `"v1"` {
		t.Fatalf("ETag of a new supply %q", resp.Header.Get("ETag"))
	}
	// current reads the supply's ETag now.
	current := func(c testClient) string {
		resp, b := c.do("GET", loc, nil, nil)
		c.status(200, resp, b)
		return resp.Header.Get("ETag")
	}

	t.Run("If-None-Match on GET answers 304 when it names the version held", func(t *testing.T) {
		c := c.as(t)
		tag := current(c)
		cases := []struct {
			name   string
			header http.Header
			want   int
		}{
			{"the current tag", http.Header{"If-None-Match": {tag}}, 304},
			{"the current tag made weak (compared weakly)", http.Header{"If-None-Match": {"W/" + tag}}, 304},
			{"a list holding the current tag", http.Header{"If-None-Match": {`"v0", ` + tag}}, 304},
			{"a star", http.Header{"If-None-Match": {"*"}}, 304},
			{"an older tag", http.Header{"If-None-Match": {`"v0"`}}, 200},
			{"the tag of the record, asking for GeoJSON", http.Header{"If-None-Match": {tag}, "Accept": {"application/geo+json"}}, 200},
			{"the GeoJSON tag, asking for GeoJSON", http.Header{"If-None-Match": {strings.TrimSuffix(tag, `"`) + `-geo"`}, "Accept": {"application/geo+json"}}, 304},
		}
		for _, cs := range cases {
			resp, b := c.do("GET", loc, cs.header, nil)
			if resp.StatusCode != cs.want {
				t.Errorf("%s: status %d, want %d: %s", cs.name, resp.StatusCode, cs.want, b)
			}
			if cs.want == 304 && (len(b) != 0 || resp.Header.Get("ETag") == "") {
				t.Errorf("%s: a 304 with body %q and ETag %q", cs.name, b, resp.Header.Get("ETag"))
			}
		}
	})

	t.Run("If-Match is a precondition: 412 when no tag is the current one", func(t *testing.T) {
		c := c.as(t)
		cases := []struct {
			name    string
			ifMatch func(tag string) []string
			want    int
		}{
			{"a well-formed tag landwatch never gave", func(string) []string { return []string{`"abc"`} }, 412},
			{"an older version", func(string) []string { return []string{`"v0"`, `"v999"`} }, 412},
			{"the current tag made weak (If-Match compares strongly)", func(tag string) []string { return []string{"W/" + tag} }, 412},
			{"not an entity tag at all", func(string) []string { return []string{`v1`} }, 400},
			{"no If-Match on a PATCH", func(string) []string { return nil }, 428},
			{"a list holding the current tag", func(tag string) []string { return []string{`"abc", ` + tag} }, 200},
			{"a star, for whatever is current", func(string) []string { return []string{"*"} }, 200},
			{"the current tag", func(tag string) []string { return []string{tag} }, 200},
		}
		for _, cs := range cases {
			h := http.Header{}
			if v := cs.ifMatch(current(c)); v != nil {
				h["If-Match"] = v
			}
			resp, b := c.do("PATCH", loc, h, []byte(`{"project_name":"`+cs.name+`"}`))
			if resp.StatusCode != cs.want {
				t.Errorf("%s: status %d, want %d: %s", cs.name, resp.StatusCode, cs.want, b)
			}
		}
		resp, b := c.do("PATCH", "/api/v1/supplies/1306262026B09999", http.Header{"If-Match": {`"abc"`}}, []byte(`{"project_name":"无"}`))
		c.status(404, resp, b)
	})

	t.Run("PUT of the parcels takes If-Match too", func(t *testing.T) {
		c := c.as(t)
		geo := http.Header{"Content-Type": {"application/geo+json"}}
		parcel := []byte(square(115.780, 39.260, 0.0009))
		for _, cs := range []struct {
			ifMatch string
			want    int
		}{{`"v0"`, 412}, {`"abc"`, 412}, {current(c), 200}, {"*", 200}} {
			h := http.Header{"If-Match": {cs.ifMatch}}
			for k, v := range geo {
				h[k] = v
			}
			resp, b := c.do("PUT", loc+"/parcels", h, parcel)
			if resp.StatusCode != cs.want {
				t.Errorf("If-Match %s: status %d, want %d: %s", cs.ifMatch, resp.StatusCode, cs.want, b)
			}
		}
	})

	t.Run("a new event answers where it is", func(t *testing.T) {
		c := c.as(t)
		resp, b := c.do("POST", loc+"/events", nil, []byte(`{"kind":"delivery","occurred_on":"2026-02-01"}`))
		c.status(201, resp, b)
		at := resp.Header.Get("Location")
		if !strings.HasPrefix(at, loc+"/events/") {
			t.Fatalf("Location %q, want an event of %s", at, loc)
		}
		resp, b = c.do("GET", at, nil, nil)
		c.status(200, resp, b)
		var e land.Event
		if err := json.Unmarshal(b, &e); err != nil || e.Kind != "delivery" || e.OccurredOn.String() != "2026-02-01" {
			t.Errorf("the event at its Location: %s (%v)", b, err)
		}
		resp, b = c.do("GET", loc+"/events/999999", nil, nil)
		c.status(404, resp, b)
	})

	t.Run("405 says in Allow which methods the path takes", func(t *testing.T) {
		c := c.as(t)
		for path, want := range map[string]string{
			loc:                "GET, HEAD, PATCH",
			loc + "/events":    "POST",
			"/api/v1/session":  "DELETE, GET, HEAD, POST",
			"/api/v1/workdays": "GET, HEAD",
			"/index.html":      "GET, HEAD",
		} {
			resp, b := c.do("PUT", path, nil, []byte(`{}`))
			c.status(405, resp, b)
			if got := resp.Header.Get("Allow"); got != want {
				t.Errorf("PUT %s: Allow %q, want %q", path, got, want)
			}
		}
	})

	t.Run("401 carries the challenge and names both ways to sign in", func(t *testing.T) {
		anon := ts.anonymous(t)
		for _, h := range []http.Header{nil, {"Authorization": {"Bearer not-a-token"}}} {
			resp, b := anon.do("GET", "/api/v1/supplies", h, nil)
			anon.status(401, resp, b)
			if got := resp.Header.Get("WWW-Authenticate"); got != `Bearer realm="landwatch"` {
				t.Errorf("WWW-Authenticate %q", got)
			}
			if h == nil && !strings.Contains(string(b), "/api/v1/session") {
				t.Errorf("the problem does not name the cookie sign-in: %s", b)
			}
		}
	})
}
