package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"landwatch/land"
)

// Bad input of every kind is answered 400 naming the parameter or the
// field (and, for a length, the limit), never 500 and never an empty 200;
// a body over the route's limit is 413 naming the limit.
func TestBadInputIsRefusedNamingWhatIsWrong(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00050", square(115.780, 39.260, 0.001))))
	c.status(201, resp, b)
	loc, tag := resp.Header.Get("Location"), resp.Header.Get("ETag")

	newSupply := func(extra string) string {
		return `{"e_number":"1306262026B00051","method":"23","area_ha":1,"land_use_original":"0701"` + extra + `}`
	}
	long := func(n int) string { return strings.Repeat("地", n) }
	cases := []struct {
		name, method, path, body string
		status                   int
		field                    string
		says                     string // in the detail
	}{
		{"a NUL in the search text", "GET", "/api/v1/supplies?q=%00", "", 400, "q", "control character"},
		{"a byte 0xFF in the search text", "GET", "/api/v1/supplies?q=%FF", "", 400, "q", "UTF-8"},
		{"a NUL in a finding kind", "GET", "/api/v1/findings?kind=%00", "", 400, "kind", ""},
		{"a byte 0xFF in a finding status", "GET", "/api/v1/findings?status=%FF", "", 400, "status", ""},
		{"a NUL in a supply id", "GET", "/api/v1/supplies/13062620%00", "", 400, "id", ""},
		{"a byte 0xFF in a supply id", "GET", "/api/v1/supplies/%FF", "", 400, "id", ""},
		{"a NUL in the public search text", "GET", "/public/supplies?q=%00", "", 400, "q", ""},
		{"a byte 0xFF in the public search text", "GET", "/public/supplies?q=%FF", "", 400, "q", ""},
		{"a box of NaN", "GET", "/api/v1/supplies?bbox=NaN,39,116,40", "", 400, "bbox", "finite"},
		{"a box reaching infinity", "GET", "/api/v1/supplies?bbox=115,39,Inf,40", "", 400, "bbox", "finite"},
		{"a position of NaN", "GET", "/api/v1/findings?near=NaN,NaN", "", 400, "near", ""},
		{"a position at infinity", "GET", "/api/v1/findings?near=115,Inf", "", 400, "near", ""},
		{"a distance of NaN", "GET", "/api/v1/findings?near=115.78,39.26&within=NaN", "", 400, "within", ""},

		{"a term of 10^12 years", "POST", "/api/v1/supplies", newSupply(`,"project_name":"测试","term_years":1000000000000`), 400, "term_years", "100"},
		{"a term of 1e12 years", "POST", "/api/v1/supplies", newSupply(`,"project_name":"测试","term_years":1e12`), 400, "term_years", ""},
		{"a project name of 201 characters", "POST", "/api/v1/supplies", newSupply(`,"project_name":"` + long(201) + `"`), 400, "project_name", "200"},
		{"a location of 501 characters", "POST", "/api/v1/supplies", newSupply(`,"location":"` + long(501) + `"`), 400, "location", "500"},
		{"a change to a holder of 201 characters", "PATCH", loc, `{"holder":"` + long(201) + `"}`, 400, "holder", "200"},
		{"a holder that is not UTF-8", "POST", "/api/v1/supplies", newSupply(`,"holder":"` + "\xff\xfe" + `"`), 400, "holder", "UTF-8"},
		{"a NUL in a project name", "POST", "/api/v1/supplies", newSupply(`,"project_name":"a\u0000b"`), 400, "body", "NUL"},
		{"a member named twice", "POST", "/api/v1/supplies", newSupply(`,"area_ha":2`), 400, "area_ha", "twice"},
		{"a member named twice in an installment", "POST", "/api/v1/supplies",
			newSupply(`,"installments":[{"period":1,"amount_wan":1},{"period":2,"period":3,"amount_wan":1}]`), 400, "installments[1].period", "twice"},
		{"an event note of 4001 characters", "POST", loc + "/events", `{"kind":"delivery","occurred_on":"2026-02-01","note":"` + long(4001) + `"}`, 400, "note", "4000"},
		{"a token name of 201 characters", "POST", "/api/v1/tokens", `{"name":"` + long(201) + `"}`, 400, "name", "200"},
		{"an account name of 65 characters", "POST", "/api/v1/accounts", `{"name":"` + strings.Repeat("a", 65) + `","role":"clerk","region_code":"130626","password":"` + testPassword + `"}`, 400, "name", "64"},
		{"a review reason of 4001 characters", "POST", loc + "/review", `{"decision":"return","reason":"` + long(4001) + `"}`, 400, "reason", "4000"},
		{"a body over the 1 MiB of a route without files", "POST", "/api/v1/tokens", `{"name":"` + strings.Repeat("a", 1<<20) + `"}`, 413, "body", "1 MiB"},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			c := c.as(t)
			resp, b := c.do(cs.method, cs.path, http.Header{"If-Match": {tag}}, []byte(cs.body))
			c.status(cs.status, resp, b)
			var p Problem
			if err := json.Unmarshal(b, &p); err != nil {
				t.Fatal(err)
			}
			if p.Field != cs.field || !strings.Contains(p.Detail, cs.says) {
				t.Errorf("field %q, detail %q; want the field %q and %q", p.Field, p.Detail, cs.field, cs.says)
			}
		})
	}
}

// A route that takes files takes bodies up to the server's limit, and
// names that limit when a body is larger.
func TestABodyOverTheServersLimitIsAnswered413NamingIt(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(c *Config) { c.MaxBody = 4096 })
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	body := `{"e_number":"1306262026B00060","project_name":"` + strings.Repeat("a", 5000) + `"}`
	for _, path := range []string{"/api/v1/supplies", "/api/v1/imports?name=rows.csv"} {
		resp, b := c.do("POST", path, nil, []byte(body))
		c.status(http.StatusRequestEntityTooLarge, resp, b)
		if !strings.Contains(string(b), "4096 bytes") {
			t.Errorf("%s: the answer does not name the limit: %s", path, b)
		}
	}
}

// A truncated GeoJSON file is rejected whole, with the byte it ends at,
// unless a partial import is asked for.
func TestATruncatedGeoJSONImportIsRejectedWholeUnlessPartial(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	feature := func(n, lon string) string {
		return `{"type":"Feature","properties":{"e_number":"1306262026B0007` + n + `","project_name":"p","method":"23","land_use_original":"0701","area_ha":0.9585},` +
			`"geometry":` + square(115.78+0.01*float64(len(lon)), 39.26, 0.001) + `}`
	}
	full := `{"type":"FeatureCollection","features":[` + "\n" + feature("1", "") + ",\n" + feature("2", "x") + "\n]}"
	cut := full[:len(full)-40]
	for _, tt := range []struct {
		name, query string
		accepted    int
	}{
		{"without partial nothing is imported", "", 0},
		{"with partial the feature before the break is", "&partial=true", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := c.as(t)
			resp, b := c.do("POST", "/api/v1/imports?name=p.geojson&dry_run=true"+tt.query, nil, []byte(cut))
			c.status(200, resp, b)
			var rep struct {
				Accepted int              `json:"accepted"`
				Rejected []land.Rejection `json:"rejected"`
			}
			if err := json.Unmarshal(b, &rep); err != nil {
				t.Fatal(err)
			}
			if rep.Accepted != tt.accepted || len(rep.Rejected) != 1 || !strings.Contains(rep.Rejected[0].Reason, "byte ") {
				t.Errorf("report %s, want %d accepted and one rejection naming the byte", b, tt.accepted)
			}
		})
	}
}

// Under the external profile, tables of records without geometry are
// imported (README); files of coordinates stay refused.
func TestTheExternalProfileImportsRecordsButNoCoordinates(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(c *Config) { c.Profile = ProfileExternal })
	c := ts.account(t, "clerk", land.RoleClerk, "130626")
	csv := "电子监管号,项目名称,供地方式,面积(公顷),土地用途,合同签订日期\n" +
		"1306262026B00080,外网项目,挂牌出让,1,其他普通商品住房用地,2026-01-05\n"
	resp, b := c.do("POST", "/api/v1/imports?name=rows.csv", nil, []byte(csv))
	c.status(200, resp, b)
	if !strings.Contains(string(b), `"accepted":1`) {
		t.Errorf("the record was not imported: %s", b)
	}
	for _, f := range []struct{ name, body string }{
		{"p.geojson", `{"type":"FeatureCollection","features":[]}`},
		{"p.txt", "[属性描述]\n[地块坐标]\n"},
	} {
		resp, b := c.do("POST", "/api/v1/imports?name="+f.name, nil, []byte(f.body))
		c.status(http.StatusForbidden, resp, b)
		if !strings.Contains(string(b), "LANDWATCH_PROFILE=external") {
			t.Errorf("%s: the refusal does not name the rule: %s", f.name, b)
		}
	}
}
