package api

import (
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// ParsePublicURL reads LANDWATCH_PUBLIC_URL: the absolute http or https URL
// clients reach landwatch at (a path below the host when a proxy serves it
// there), without a query; "" for none. It is returned without a trailing
// slash, ready to have paths appended.
func ParsePublicURL(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%q is not an http(s) URL such as https://landwatch.example.cn or https://gis.example.cn/landwatch", v)
	}
	return strings.TrimRight(u.Scheme+"://"+u.Host+u.EscapedPath(), "/"), nil
}

// publicURL is the absolute URL of landwatch's root as the client reached
// it, without a trailing slash: GIS clients (GDAL, QGIS) resolve neither a
// TileJSON's relative tile URLs nor relative OGC links. The guard keeps it
// with the caller (reachedAt).
func publicURL(r *http.Request) string {
	if u := callerOf(r).publicURL; u != "" {
		return u
	}
	return requestOrigin(r, "", "")
}

// reachedAt is LANDWATCH_PUBLIC_URL when set; else the request's own
// scheme (TLS) and Host, where a trusted proxy's Forwarded or
// X-Forwarded-Proto/-Host say what the client used. Those headers from
// anyone else are a client's claim about itself and are ignored, as for
// client addresses (clientAddr).
func (s *Server) reachedAt(r *http.Request) string {
	if s.publicBase != "" {
		return s.publicBase
	}
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil || !contains(s.trustedProxies, peer.Addr().Unmap()) {
		return requestOrigin(r, "", "")
	}
	proto, host := forwardedProtoHost(r.Header)
	return requestOrigin(r, proto, host)
}

// requestOrigin is scheme://host of the request, proto and host replacing
// its own when they are well formed.
func requestOrigin(r *http.Request, proto, host string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if proto == "http" || proto == "https" {
		scheme = proto
	}
	h := r.Host
	if host != "" && validHost(host) {
		h = host
	}
	return scheme + "://" + h
}

// forwardedProtoHost reads what the nearest proxy said of the client's
// request: the last element of Forwarded (RFC 7239), else the last values
// of X-Forwarded-Proto and X-Forwarded-Host. The last is the one the
// trusted proxy wrote; earlier ones came with the request it received.
func forwardedProtoHost(h http.Header) (proto, host string) {
	if fw := h.Values("Forwarded"); len(fw) > 0 {
		elems := strings.Split(strings.Join(fw, ","), ",")
		for _, pair := range strings.Split(elems[len(elems)-1], ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(pair), "=")
			v = strings.Trim(v, `"`)
			switch strings.ToLower(k) {
			case "proto":
				proto = strings.ToLower(v)
			case "host":
				host = v
			}
		}
		return proto, host
	}
	return strings.ToLower(lastValue(h, "X-Forwarded-Proto")), lastValue(h, "X-Forwarded-Host")
}

func lastValue(h http.Header, name string) string {
	vs := strings.Split(strings.Join(h.Values(name), ","), ",")
	return strings.TrimSpace(vs[len(vs)-1])
}

// validHost accepts a host name or address with an optional port: a
// forwarded host goes into links, so nothing that could end or redirect
// one (/, @, quotes, spaces) is let through.
func validHost(h string) bool {
	if h == "" || len(h) > 255 {
		return false
	}
	for _, c := range h {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune(".-:[]", c)) {
			return false
		}
	}
	return true
}
