package api

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestTheClientAddressBelievesOnlyTrustedProxies(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	cases := []struct {
		name      string
		trusted   []netip.Prefix
		peer, xff string
		want      string
	}{
		{"without trusted proxies a forwarded address is ignored", nil, "203.0.113.9:5000", "10.1.1.1", "203.0.113.9"},
		{"a trusted proxy's forwarded address is believed", proxies, "10.0.0.2:5000", "198.51.100.7", "198.51.100.7"},
		{"trusted hops are skipped from the right", proxies, "10.0.0.2:5000", "198.51.100.7, 10.9.9.9", "198.51.100.7"},
		{"an address the client wrote in front is not believed", proxies, "10.0.0.2:5000", "10.1.1.1, 198.51.100.7", "198.51.100.7"},
		{"a broken header leaves the proxy's own address", proxies, "10.0.0.2:5000", "not-an-ip", "10.0.0.2"},
		{"an untrusted peer's header is ignored", proxies, "198.51.100.8:5000", "10.1.1.1", "198.51.100.8"},
		{"an IPv4 peer over IPv6 is unmapped", nil, "[::ffff:192.0.2.1]:5000", "", "192.0.2.1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := &Server{trustedProxies: c.trusted}
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = c.peer
			if c.xff != "" {
				r.Header.Set("X-Forwarded-For", c.xff)
			}
			if got := s.clientAddr(r).String(); got != c.want {
				t.Errorf("address %s, want %s", got, c.want)
			}
		})
	}
}
