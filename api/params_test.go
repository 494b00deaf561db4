package api

import (
	"errors"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"landwatch/land"
)

func TestTileAddressesAreParsedStrictly(t *testing.T) {
	cases := []struct {
		name, z, x, y string
		field         string
	}{
		{"the world tile is fine", "0", "0", "0", ""},
		{"the last tile of zoom 3 is fine", "3", "7", "7", ""},
		{"a column past the zoom's last is refused", "3", "8", "0", "x"},
		{"a negative row is refused", "3", "0", "-1", "y"},
		{"a zoom past 22 is refused", "23", "0", "0", "z"},
		{"a word is refused", "3", "a", "0", "x"},
		{"a fraction is refused", "3.5", "0", "0", "z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, _, err := parseTile(c.z, c.x, c.y)
			if land.ErrorField(err) != c.field {
				t.Errorf("error %v, want field %q", err, c.field)
			}
		})
	}
}

func FuzzParseTile(f *testing.F) {
	f.Add("14", "13461", "6246")
	f.Add("0", "0", "0")
	f.Add("22", "4194303", "4194303")
	f.Fuzz(func(t *testing.T, z, x, y string) {
		zi, xi, yi, err := parseTile(z, x, y)
		if err == nil && (zi > 22 || xi >= 1<<zi || yi >= 1<<zi) {
			t.Errorf("accepted %s/%s/%s as %d/%d/%d", z, x, y, zi, xi, yi)
		}
	})
}

func TestSupplyFiltersNameWhatIsWrong(t *testing.T) {
	cases := []struct {
		name, query, field string
	}{
		{"a region subtree and a method name are fine", "region=130600&method=挂牌出让", ""},
		{"an unknown parameter is named", "colour=red", "colour"},
		{"a five-digit region is refused", "region=13062", "region"},
		{"an upside-down box is refused", "bbox=116,40,115,39", "bbox"},
		{"a stage that does not exist is refused", "stage=dreaming", "stage"},
		{"a limit over 1000 is refused", "limit=5000", "limit"},
		{"the overdue list takes start only", "overdue=completion", "overdue"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q, _ := url.ParseQuery(c.query)
			_, err := parseSupplyFilter(q)
			if land.ErrorField(err) != c.field {
				t.Errorf("error %v, want field %q", err, c.field)
			}
		})
	}
}

func TestGzipIsSentOnlyWhenAccepted(t *testing.T) {
	cases := map[string]bool{"": false, "gzip": true, "br, gzip;q=0.5": true, "gzip;q=0": false, "deflate": false}
	for header, want := range cases {
		r := httptest.NewRequest("GET", "/tiles/0/0/0.mvt", nil)
		r.Header.Set("Accept-Encoding", header)
		if got := acceptsGzip(r); got != want {
			t.Errorf("Accept-Encoding %q: gzip %v, want %v", header, got, want)
		}
	}
}

func TestIfMatchIsReadAsAListOfEntityTags(t *testing.T) {
	cases := []struct {
		name   string
		header string
		want   ifMatch
		code   land.Code
	}{
		{"a tag of landwatch names its version", `"v3"`, ifMatch{sent: true, versions: []int{3}}, ""},
		{"the GeoJSON tag names the same version", `"v3-geo"`, ifMatch{sent: true, versions: []int{3}}, ""},
		{"a list names each version", `"v3", "v4"`, ifMatch{sent: true, versions: []int{3, 4}}, ""},
		{"a weak tag never matches, since If-Match compares strongly", `W/"v3"`, ifMatch{sent: true, others: 1}, ""},
		{"a well-formed tag of no version is kept to fail", `"abc"`, ifMatch{sent: true, others: 1}, ""},
		{"a star matches any current record", `*`, ifMatch{sent: true, any: true}, ""},
		{"no header asks nothing", ``, ifMatch{}, ""},
		{"a bare word is not an entity tag", `v3`, ifMatch{sent: true}, land.CodeInvalid},
		{"an unclosed quote is not an entity tag", `"v3`, ifMatch{sent: true}, land.CodeInvalid},
		{"a star in a list is not allowed", `*, "v3"`, ifMatch{sent: true}, land.CodeInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("PATCH", "/api/v1/supplies/1", nil)
			if c.header != "" {
				r.Header.Set("If-Match", c.header)
			}
			m, err := parseIfMatch(r)
			if land.ErrorCode(err) != c.code || (err == nil && !reflect.DeepEqual(m, c.want)) {
				t.Errorf("If-Match %q: %+v %v, want %+v %q", c.header, m, err, c.want, c.code)
			}
		})
	}
}

// A box the parser takes is finite, inside longitude/latitude and ordered.
func FuzzParseBBox(f *testing.F) {
	f.Add("115.77,39.25,115.79,39.27")
	f.Add("NaN,39,116,40")
	f.Add("-180,-90,180,90")
	f.Fuzz(func(t *testing.T, v string) {
		b, err := parseBBox(v)
		if err == nil && !(b[0] >= -180 && b[0] < b[2] && b[2] <= 180 && b[1] >= -90 && b[1] < b[3] && b[3] <= 90) {
			t.Errorf("accepted %q as %v", v, b)
		}
	})
}

// A request the text check lets through has parameters and path
// segments of UTF-8 without control characters.
func FuzzCheckRequestText(f *testing.F) {
	f.Add("q=%E4%BE%9B%E5%9C%B0&kind=overlap", "1306262026B00010")
	f.Add("q=%00", "%FF")
	f.Fuzz(func(t *testing.T, rawQuery, id string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.RawQuery = rawQuery
		if checkRequestText(r, map[string]string{"id": id}) != nil {
			return
		}
		q, _ := url.ParseQuery(rawQuery)
		for k, vs := range q {
			for _, s := range append(vs, k, id) {
				if badText(s) != "" {
					t.Errorf("let %q through in %q", s, rawQuery)
				}
			}
		}
	})
}

// Every date a query takes is read by one helper: empty is no date when
// the parameter is optional, and a refusal naming it when it is not.
func TestQueryDatesAreReadAlike(t *testing.T) {
	q := url.Values{"from": {"2026-09-30"}, "to": {"30/09/2026"}}
	if d, err := dateParam(q, "from", true); err != nil || d != land.NewDate(2026, 9, 30) {
		t.Errorf("from: %v, %v; want 2026-09-30", d, err)
	}
	if d, err := dateParam(q, "since", false); err != nil || !d.IsZero() {
		t.Errorf("an optional date left out: %v, %v; want none", d, err)
	}
	for _, c := range []struct {
		name     string
		required bool
	}{{"to", false}, {"since", true}} {
		var le *land.Error
		if _, err := dateParam(q, c.name, c.required); !errors.As(err, &le) || le.Field != c.name || !strings.Contains(le.Message, "2026-09-30") {
			t.Errorf("%s: %v; want a refusal naming %s with an example", c.name, err, c.name)
		}
	}
}
