package api

import (
	"net/http"
	"strconv"
	"strings"

	"landwatch/land"
)

// etag is the entity tag of a supply version.
func etag(version int) string { return `"v` + strconv.Itoa(version) + `"` }

// ifMatchVersion reads the supply version an update is based on. Without
// If-Match the update is refused (428); "*" is not accepted, since it would
// overwrite blindly.
func ifMatchVersion(r *http.Request, required bool) (int, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		if required {
			return 0, &land.Error{Code: land.CodePreconditionRequired, Field: "If-Match",
				Message: "send the ETag of the version you are changing in If-Match"}
		}
		return 0, nil
	}
	h = strings.TrimPrefix(h, "W/")
	h = strings.Trim(h, `"`)
	h = strings.TrimSuffix(h, "-geo")
	v, err := strconv.Atoi(strings.TrimPrefix(h, "v"))
	if err != nil || !strings.HasPrefix(h, "v") || v < 1 {
		return 0, land.Invalid("If-Match", "%q is not an ETag of landwatch (expected \"v3\")", r.Header.Get("If-Match"))
	}
	return v, nil
}

func etagMatches(header, tag string) bool {
	for _, m := range strings.Split(header, ",") {
		m = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(m), "W/"))
		if m == tag || m == "*" {
			return true
		}
	}
	return false
}
