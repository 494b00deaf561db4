package api

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"landwatch/cql2"
	"landwatch/land"
	"landwatch/sql"
)

// The coordinate reference systems of /ogc (OGC API – Features Part 2).
const (
	crs84    = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
	epsgBase = "http://www.opengis.net/def/crs/EPSG/0/"
	// gkFirst and gkLast are the CGCS2000 3° Gauss-Krüger zones 25–45 with
	// the zone number in front of the easting.
	gkFirst, gkLast = 4513, 4533
)

// ogcCRSList is every CRS the collections answer in: CRS84 first (the
// default), then CGCS2000 and its Gauss-Krüger zones.
func ogcCRSList() []string {
	out := []string{crs84, epsgBase + "4490"}
	for srid := gkFirst; srid <= gkLast; srid++ {
		out = append(out, epsgBase+strconv.Itoa(srid))
	}
	return out
}

// parseCRS reads a CRS parameter: "" is CRS84. CRS84 is longitude,
// latitude of the register's own CGCS2000 coordinates (the two datums
// differ by centimetres, and the register does not shift between them);
// EPSG:4490 is the same with latitude first, and the Gauss-Krüger zones
// northing first, as EPSG defines their axes.
func parseCRS(param, v string) (sql.CRS, error) {
	switch v {
	case "", crs84, "[OGC:CRS84]":
		return sql.CRS{SRID: 4490}, nil
	}
	code := strings.TrimPrefix(v, epsgBase)
	if c, ok := strings.CutPrefix(v, "[EPSG:"); ok {
		code = strings.TrimSuffix(c, "]")
	}
	srid, err := strconv.Atoi(code)
	if err != nil || srid != 4490 && (srid < gkFirst || srid > gkLast) {
		return sql.CRS{}, land.Invalid(param, "%q is not a CRS of this service: CRS84, %s4490, or a CGCS2000 3° Gauss-Krüger zone %s%d to %d", v, epsgBase, epsgBase, gkFirst, gkLast)
	}
	return sql.CRS{SRID: srid, Flip: true}, nil
}

// crsURI is the URI of c for Content-Crs.
func crsURI(c sql.CRS) string {
	if !c.Flip {
		return crs84
	}
	return epsgBase + strconv.Itoa(c.SRID)
}

// ogcLimit is the default and the largest page of items.
const (
	ogcDefaultLimit = 100
	ogcMaxLimit     = 10000
)

// parseFeatureQuery reads the items parameters: bbox, bbox-crs, datetime,
// limit, crs, filter, filter-lang, filter-crs and the keyset cursors
// (after, before) of the next and prev links. zone is where a timestamp's
// day is read.
func parseFeatureQuery(q url.Values, zone *time.Location) (sql.FeatureQuery, error) {
	var f sql.FeatureQuery
	var errs []error
	var err error
	f.Limit = ogcDefaultLimit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			errs = append(errs, land.Invalid("limit", "%q is not a whole number from 1 to %d", v, ogcMaxLimit))
		}
		f.Limit = min(n, ogcMaxLimit) // larger pages are cut to the largest
	}
	if f.CRS, err = parseCRS("crs", q.Get("crs")); err != nil {
		errs = append(errs, err)
	}
	if f.BBoxCRS, err = parseCRS("bbox-crs", q.Get("bbox-crs")); err != nil {
		errs = append(errs, err)
	}
	if v := q.Get("bbox"); v != "" {
		b, err := parseOGCBBox(v, f.BBoxCRS)
		if err != nil {
			errs = append(errs, err)
		}
		f.BBox = &b
	}
	if f.From, f.To, err = parseDatetime(q.Get("datetime"), zone); err != nil {
		errs = append(errs, err)
	}
	for _, p := range []struct {
		name string
		to   *int64
	}{{"after", &f.After}, {"before", &f.Before}} {
		if v := q.Get(p.name); v != "" {
			if *p.to, err = strconv.ParseInt(v, 10, 64); err != nil || *p.to < 0 {
				errs = append(errs, land.Invalid(p.name, "%q is not a feature id", v))
			}
		}
	}
	if f.FilterCRS, err = parseCRS("filter-crs", q.Get("filter-crs")); err != nil {
		errs = append(errs, err)
	}
	if v := q.Get("filter"); v != "" {
		if f.Filter, err = parseFilter(v, q.Get("filter-lang")); err != nil {
			errs = append(errs, err)
		}
	}
	return f, land.JoinInvalid(errs...)
}

// parseFilter reads filter= in its language: cql2-text (the default) or
// cql2-json; the refusal names where in the filter it could not be read.
func parseFilter(v, lang string) (cql2.Expr, error) {
	var e cql2.Expr
	var err error
	switch lang {
	case "", "cql2-text":
		e, err = cql2.ParseText(v)
	case "cql2-json":
		e, err = cql2.ParseJSON([]byte(v))
	default:
		return nil, land.Invalid("filter-lang", "%q is not cql2-text or cql2-json", lang)
	}
	if err != nil {
		return nil, land.Invalid("filter", "%s", err.Error())
	}
	return e, nil
}

// parseOGCBBox reads bbox= of four numbers in crs's axis order.
func parseOGCBBox(v string, crs sql.CRS) ([4]float64, error) {
	if crs == (sql.CRS{SRID: 4490}) {
		return parseBBox(v)
	}
	b, err := parseFour(v, "four numbers: the lower corner, then the upper, in the axis order of bbox-crs")
	if err != nil {
		return b, err
	}
	if b[0] > b[2] || b[1] > b[3] {
		return b, land.Invalid("bbox", "%q has a lower corner above its upper one", v)
	}
	return b, nil
}

// parseDatetime reads datetime=: a day or an instant, or an interval of
// two (either open with ".." or ""), as the days they fall on in zone.
func parseDatetime(v string, zone *time.Location) (from, to land.Date, err error) {
	if v == "" {
		return
	}
	day := func(s string) (land.Date, error) {
		if s == "" || s == ".." {
			return land.Date{}, nil
		}
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return land.DateOf(t), nil
		}
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return land.Date{}, land.Invalid("datetime", "%q is not a date, an RFC 3339 time, or an interval of them with /", v)
		}
		return land.DateOf(t.In(zone)), nil
	}
	a, b, interval := strings.Cut(v, "/")
	if from, err = day(a); err != nil {
		return
	}
	if !interval {
		if from.IsZero() {
			return from, to, land.Invalid("datetime", "%q is not a date", v)
		}
		return from, from, nil
	}
	if to, err = day(b); err != nil {
		return
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		err = land.Invalid("datetime", "%q ends before it begins", v)
	}
	return
}
