package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"landwatch/land"
)

// etag is the entity tag of a supply version.
func etag(version int) string { return `"v` + strconv.Itoa(version) + `"` }

// ifMatch is what an If-Match header asks of a supply (RFC 9110 §13.1.1).
type ifMatch struct {
	sent bool
	any  bool // "*": any current record
	// versions are the supply versions its strong tags of landwatch name
	// ("v3", or "v3-geo" of the same version as GeoJSON).
	versions []int
	// others counts the tags that can match no version: weak ones (If-Match
	// compares strongly) and tags landwatch never gave.
	others int
}

// parseIfMatch reads If-Match. Only a header that is not a list of entity
// tags (or "*") is refused, with 400: a well-formed tag that does not match
// is the 412 of the write it guards.
func parseIfMatch(r *http.Request) (ifMatch, error) {
	h := strings.TrimSpace(strings.Join(r.Header.Values("If-Match"), ","))
	if h == "" {
		return ifMatch{}, nil
	}
	m := ifMatch{sent: true}
	if h == "*" {
		m.any = true
		return m, nil
	}
	tags, ok := entityTags(h)
	if !ok {
		return m, land.Invalid("If-Match", "%q is not a list of entity tags (expected \"*\" or an ETag such as \"v3\")", h)
	}
	for _, t := range tags {
		v, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(strings.Trim(t, `"`), "v"), "-geo"))
		if strings.HasPrefix(t, "W/") || !strings.HasPrefix(t, `"v`) || err != nil || v < 1 {
			m.others++
			continue
		}
		m.versions = append(m.versions, v)
	}
	return m, nil
}

// entityTags splits a list of entity tags (RFC 9110 §8.8.3: [W/]"etagc*",
// separated by commas and spaces), reporting whether it is one.
func entityTags(h string) ([]string, bool) {
	var tags []string
	for {
		h = strings.TrimLeft(h, " \t,")
		if h == "" {
			return tags, len(tags) > 0
		}
		start := 0
		if strings.HasPrefix(h, "W/") {
			start = 2
		}
		if len(h) < start+2 || h[start] != '"' {
			return nil, false
		}
		end := strings.IndexByte(h[start+1:], '"')
		if end < 0 {
			return nil, false
		}
		end += start + 2
		for _, c := range []byte(h[start+1 : end-1]) {
			if c < 0x21 || c == 0x7f {
				return nil, false
			}
		}
		tags = append(tags, h[:end])
		h = h[end:]
		if h != "" && h[0] != ',' && h[0] != ' ' && h[0] != '\t' {
			return nil, false
		}
	}
}

// ifMatchVersion reads the supply version a write of the supply {id} is
// based on, for the store to check as it locks the record (0: no check).
// Without If-Match, a required one is asked for (428). "*" matches any
// current record; a list matches when it names the current version, read
// here and checked again by the store. A tag that names no current version
// answers 412 (CodeStale).
func (s *Server) ifMatchVersion(r *http.Request, required bool) (int, error) {
	m, err := parseIfMatch(r)
	switch {
	case err != nil:
		return 0, err
	case !m.sent && required:
		return 0, &land.Error{Code: land.CodePreconditionRequired, Field: "If-Match",
			Message: "send the ETag of the version you are changing in If-Match (or * to change whatever is current)"}
	case !m.sent || m.any:
		return 0, nil
	case len(m.versions) == 1 && m.others == 0:
		return m.versions[0], nil
	}
	cur, err := s.svc.GetSupply(r.Context(), scope(r), mux.Vars(r)["id"])
	if err != nil {
		return 0, err
	}
	if slices.Contains(m.versions, cur.Version) {
		return cur.Version, nil
	}
	return 0, &land.Error{Code: land.CodeStale, Field: "If-Match",
		Message: "no entity tag in If-Match is the supply's current one, " + etag(cur.Version) + " (weak tags never match)"}
}

// etagMatches compares If-None-Match with a representation's tag weakly
// (RFC 9110 §13.1.2): W/"v3" matches "v3", and "*" matches any.
func etagMatches(header, tag string) bool {
	for _, m := range strings.Split(header, ",") {
		m = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(m), "W/"))
		if m == strings.TrimPrefix(tag, "W/") || m == "*" {
			return true
		}
	}
	return false
}
