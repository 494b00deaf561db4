package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"landwatch/land"
)

// A request with several invalid fields is answered once, naming each, in
// words of the request (JSON and the domain), never of Go.
func TestInvalidRequestsNameEveryFieldInPlainWords(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	resp, b := c.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00030", square(115.780, 39.260, 0.001))))
	c.status(201, resp, b)
	loc, tag := resp.Header.Get("Location"), resp.Header.Get("ETag")

	cases := []struct {
		name, method, path, body string
		fields                   []string
	}{
		{"a new supply with three bad values", "POST", "/api/v1/supplies",
			`{"e_number":"13062620","method":"23","project_name":"","area_ha":-1,"land_use_original":"0701"}`,
			[]string{"e_number", "project_name", "area_ha"}},
		{"a new supply with values of the wrong JSON type and a bad value", "POST", "/api/v1/supplies",
			`{"e_number":"1306262026B00031","method":"23","project_name":"测试","area_ha":"much","land_use_original":"0701",
"contract_date":20260105,"installments":{"period":1},"plot_ratio_max":99}`,
			[]string{"area_ha", "contract_date", "installments", "plot_ratio_max"}},
		{"a new supply with a list where a number goes", "POST", "/api/v1/supplies",
			`{"e_number":"1306262026B00032","method":"23","project_name":"测试","area_ha":[1],"land_use_original":"0701","price_wan":true}`,
			[]string{"area_ha", "price_wan"}},
		{"a change with two bad values", "PATCH", loc,
			`{"area_ha":0,"agreed_start":"2020-01-01","agreed_delivery":"2021-01-01","plot_ratio_min":-2}`,
			[]string{"area_ha", "plot_ratio_min", "agreed_start"}},
		{"a change of fields PATCH does not change", "PATCH", loc, `{"id":7,"stage":"idle"}`, []string{"id", "stage"}},
		{"a change that is not an object", "PATCH", loc, `[]`, []string{"body"}},
	}
	goWords := []string{"float64", "int64", "[]", "map[", "Go value", "Go struct", "land.", "json:", "DESIGN §"}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			c := c.as(t)
			resp, b := c.do(cs.method, cs.path, http.Header{"If-Match": {tag}}, []byte(cs.body))
			c.status(400, resp, b)
			var p Problem
			if err := json.Unmarshal(b, &p); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range p.Errors {
				got = append(got, e.Field)
				if e.Reason == "" {
					t.Errorf("%s has no reason", e.Field)
				}
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(cs.fields))
			if !slices.Equal(got, want) {
				t.Errorf("errors name %q, want %q: %s", got, want, b)
			}
			if p.Field == "" || !slices.Contains(cs.fields, p.Field) || p.Detail == "" {
				t.Errorf("field %q and detail %q, for clients that read one: %s", p.Field, p.Detail, b)
			}
			for _, w := range goWords {
				if strings.Contains(string(b), w) {
					t.Errorf("the answer shows %q: %s", w, b)
				}
			}
		})
	}
}
