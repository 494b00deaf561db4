package api

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"landwatch/land"
	"landwatch/sql"
)

// parseSupplyFilter reads the list filters of GET /supplies strictly: an
// unknown parameter or a malformed value is an error naming it.
func parseSupplyFilter(q url.Values) (sql.SupplyFilter, error) {
	var f sql.SupplyFilter
	for key := range q {
		switch key {
		case "region", "region_exact", "method", "land_use", "housing", "stage", "from", "to", "bbox", "q", "overdue", "review", "mine", "late", "collective", "cursor", "limit":
		default:
			return f, land.Invalid(key, "unknown parameter (expected region, region_exact, method, land_use, housing, stage, from, to, bbox, q, overdue, review, mine, late, collective, cursor or limit)")
		}
	}
	f, err := parseSupplyParams(q, 1000)
	if err != nil {
		return f, err
	}
	switch v := q.Get("region_exact"); v {
	case "", "false":
	case "true":
		if f.Region == "" {
			return f, land.Invalid("region_exact", "needs a region")
		}
		f.RegionExact = true
	default:
		return f, land.Invalid("region_exact", "%q is not true or false", v)
	}
	return f, nil
}

// parseSupplyParams reads the supply filters present in q strictly, with
// pages of at most maxLimit; the caller has refused unknown parameters.
func parseSupplyParams(q url.Values, maxLimit int) (sql.SupplyFilter, error) {
	var f sql.SupplyFilter
	var err error
	if f.Review, f.Region, err = parseReviewRegion(q); err != nil {
		return f, err
	}
	if v := q.Get("method"); v != "" {
		// several methods, comma-separated, are a class of them (the
		// statistics' 招拍挂 links to its records so)
		var codes []string
		for _, m := range strings.Split(v, ",") {
			code, err := land.ParseMethod(m)
			if err != nil {
				return f, land.Invalid("method", "%q is not a supply method", m)
			}
			codes = append(codes, code)
		}
		f.Method = strings.Join(codes, ",")
	}
	if v := q.Get("land_use"); v != "" {
		if !digits(v) || len(v) > 4 {
			code, err := land.MapLandUse(v)
			if err != nil {
				return f, land.Invalid("land_use", "%q is not a land use", v)
			}
			v = code
		}
		f.LandUse = v
	}
	if v := q.Get("housing"); v != "" {
		if !slices.ContainsFunc(land.HousingClasses(), func(c land.PlanClass) bool { return c.Key == v }) {
			return f, land.Invalid("housing", "%q is not a housing class (expected affordable, shanty, small_units, other_housing or unclassified)", v)
		}
		f.Housing = v
	}
	if v := q.Get("stage"); v != "" {
		if !knownStage(land.Stage(v)) {
			return f, land.Invalid("stage", "%q is not a stage", v)
		}
		f.Stage = land.Stage(v)
	}
	if err := parseDateRange(q, &f.From, &f.To); err != nil {
		return f, err
	}
	if v := q.Get("bbox"); v != "" {
		b, err := parseBBox(v)
		if err != nil {
			return f, err
		}
		f.BBox = &b
	}
	f.Text = q.Get("q")
	if v := q.Get("overdue"); v != "" {
		if v != "start" {
			return f, land.Invalid("overdue", "%q is not a kind of overdue list (expected start)", v)
		}
		f.Overdue = v
	}
	if f.Collective, err = parseOptionalBool(q, "collective"); err != nil {
		return f, err
	}
	if f.After, f.Limit, err = parseKeysetPage(q, maxLimit); err != nil {
		return f, err
	}
	return f, nil
}

// parseOptionalBool reads a filter that keeps one of two sides (true or
// false) when given, and both when not: nil.
func parseOptionalBool(q url.Values, param string) (*bool, error) {
	if !q.Has(param) {
		return nil, nil
	}
	v := q.Get(param)
	if v == "" {
		return nil, land.Invalid(param, "expected true or false")
	}
	b, err := parseBool(v, param)
	if err != nil {
		return nil, err
	}
	return &b, nil
}

// parseReviewRegion reads the review state and the 6-digit region that
// the lists of records filter on.
func parseReviewRegion(q url.Values) (review, region string, err error) {
	switch v := q.Get("review"); v {
	case "", land.ReviewSubmitted, land.ReviewApproved, land.ReviewReturned:
		review = v
	default:
		return "", "", land.Invalid("review", "%q is not submitted, approved or returned", v)
	}
	if v := q.Get("region"); v != "" {
		if len(v) != 6 || !digits(v) {
			return "", "", land.Invalid("region", "%q is not a 6-digit region code", v)
		}
		region = v
	}
	return review, region, nil
}

// parseDateRange reads the inclusive days from and to.
func parseDateRange(q url.Values, from, to *land.Date) error {
	for _, p := range []struct {
		name string
		dst  *land.Date
	}{{"from", from}, {"to", to}} {
		if v := q.Get(p.name); v != "" {
			d, err := land.ParseDate(v)
			if err != nil || d.IsZero() {
				return land.Invalid(p.name, "%q is not a date (expected 2019-07-21)", v)
			}
			*p.dst = d
		}
	}
	return nil
}

// parseKeysetPage reads a keyset page: the cursor of a next link and the
// size, from 1 to maxLimit (50 when not given).
func parseKeysetPage(q url.Values, maxLimit int) (after int64, limit int, err error) {
	if v := q.Get("cursor"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return 0, 0, land.Invalid("cursor", "%q is not a cursor from a next link", v)
		}
		after = n
	}
	limit, err = parseLimit(q.Get("limit"), maxLimit)
	return after, limit, err
}

// parseLimit reads a page size from 1 to maxLimit; 50 when v is empty.
func parseLimit(v string, maxLimit int) (int, error) {
	if v == "" {
		return 50, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxLimit {
		return 0, land.Invalid("limit", "%q is not a whole number from 1 to %d", v, maxLimit)
	}
	return n, nil
}

// parseBBox reads "minLon,minLat,maxLon,maxLat" in EPSG:4490.
func parseBBox(v string) ([4]float64, error) {
	b, err := parseFour(v, "minLon,minLat,maxLon,maxLat")
	if err != nil {
		return b, err
	}
	if b[0] >= b[2] || b[1] >= b[3] || b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90 {
		return b, land.Invalid("bbox", "%q is not a box of longitudes and latitudes with min < max", v)
	}
	return b, nil
}

// parseFour reads the four finite numbers of bbox=, in the order named
// by order.
func parseFour(v, order string) ([4]float64, error) {
	var b [4]float64
	parts := strings.Split(v, ",")
	if len(parts) != 4 {
		return b, land.Invalid("bbox", "%q must be %s", v, order)
	}
	for i, p := range parts {
		f, err := parseFinite("bbox", p)
		if err != nil {
			return b, err
		}
		b[i] = f
	}
	return b, nil
}

// parseFinite reads a number of a query parameter: NaN and infinities are
// refused, since every comparison with them is false and a box or a
// distance of them would pass every bound and match nothing.
func parseFinite(param, v string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, land.Invalid(param, "%q is not a finite number", v)
	}
	return f, nil
}

// parseLonLat reads "lon,lat" of finite numbers.
func parseLonLat(param, v string) (lon, lat float64, err error) {
	a, b, ok := strings.Cut(v, ",")
	if !ok {
		return 0, 0, land.Invalid(param, "%q is not lon,lat", v)
	}
	if lon, err = parseFinite(param, a); err != nil {
		return 0, 0, err
	}
	if lat, err = parseFinite(param, b); err != nil {
		return 0, 0, err
	}
	return lon, lat, nil
}

// checkRequestText refuses a request whose query string cannot be read, or
// one of whose query parameters (name or value) or path segments (a supply
// id) is not UTF-8 or holds a control character (NUL, a line break): such
// text matches no record, and the database refuses NUL and invalid UTF-8
// with an error of its own. It is the one check of every parameter of
// every route, made by the guard before the handler reads any; the error
// names the parameter.
func checkRequestText(r *http.Request, vars map[string]string) error {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return land.Invalid("query", "the query string is not readable: %v", err)
	}
	var errs []error
	for k, vs := range q {
		if reason := badText(k); reason != "" {
			errs = append(errs, land.Invalid(strings.ToValidUTF8(k, "\ufffd"), "the parameter's name %s", reason))
			continue
		}
		for _, v := range vs {
			if reason := badText(v); reason != "" {
				errs = append(errs, land.Invalid(k, "the value %s", reason))
				break
			}
		}
	}
	for k, v := range vars {
		if reason := badText(v); reason != "" {
			errs = append(errs, land.Invalid(k, "the path's %s %s", k, reason))
		}
	}
	return land.JoinInvalid(errs...)
}

// badText says what is wrong with a parameter's text, or "" when nothing is.
func badText(s string) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	for _, c := range s {
		if unicode.IsControl(c) {
			return fmt.Sprintf("holds the control character %U", c)
		}
	}
	return ""
}

func knownStage(s land.Stage) bool {
	switch s {
	case land.StageReserved, land.StageSupplied, land.StageDelivered, land.StageConstruction,
		land.StageCompleted, land.StageAccepted, land.StageIdle, land.StageReclaimed:
		return true
	}
	return false
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// onlyParams refuses query parameters other than the allowed ones.
func onlyParams(q url.Values, allowed ...string) error {
	for k := range q {
		ok := false
		for _, a := range allowed {
			ok = ok || k == a
		}
		if !ok {
			return land.Invalid(k, "unknown parameter (expected one of %v)", allowed)
		}
	}
	return nil
}

// dateParam reads the query parameter name as a day (2026-09-30). An
// empty one is the zero date when it is optional, and refused when it is
// not; one message for every date a query takes.
func dateParam(q url.Values, name string, required bool) (land.Date, error) {
	v := q.Get(name)
	if v == "" && !required {
		return land.Date{}, nil
	}
	d, err := land.ParseDate(v)
	if err != nil || d.IsZero() {
		return land.Date{}, land.Invalid(name, "%q is not a date such as 2026-09-30", v)
	}
	return d, nil
}

func parseBool(v, field string) (bool, error) {
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, land.Invalid(field, "%q is not true or false", v)
	}
	return b, nil
}
