package sqltest

import (
	"fmt"
	"testing"
)

func TestFindCoordinatesFindsEveryWayOfWritingAPosition(t *testing.T) {
	cases := []struct{ name, body string }{
		{"a GeoJSON feature", `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[115.7816,39.2604]}}`},
		{"a geometry key even when null", `{"items":[{"e_number":"1306262018B00730","geometry":null}]}`},
		{"a bbox key", `{"bbox":"somewhere"}`},
		{"a camel-case centroid key", `{"parcelCentroid":"x"}`},
		{"a Chinese coordinate key", `{"界址点":"J1"}`},
		{"a longitude and latitude in an array", `[115.78, 39.26]`},
		{"a latitude and longitude in an array", `{"p":[39.9042,116.4074]}`},
		{"whole degrees in an array", `[116,40]`},
		{"a box as four numbers", `{"b":[115.7,39.2,115.8,39.3]}`},
		{"a ring deep inside", `{"items":[{"a":{"b":[[1,2],[3,4],[116.4,39.9]]}}]}`},
		{"numbers written as strings in an array", `["116.40","39.90"]`},
		{"sibling lon and lat", `{"name":"a","lon":116.4,"lat":39.9}`},
		{"sibling x and y", `{"x":116.4,"y":39.9}`},
		{"sibling min_x and min_y", `{"min_x":116.4,"min_y":39.9}`},
		{"sibling longitude and latitude as strings", `{"longitude":"116.40","latitude":"39.90"}`},
		{"sibling 经度 and 纬度", `{"经度":116.4,"纬度":39.9}`},
		{"a Gauss-Krüger point with its zone", `[4348050.000, 39393000.000]`},
		{"sibling x and y in Gauss-Krüger metres", `{"x":4348050.5,"y":393000.25}`},
		{"a WKT point in a string", `{"location":"POINT(115.78 39.26)"}`},
		{"a pair in a sentence", `{"location":"开放西路北侧（东经115.7816°，北纬39.2604°）"}`},
		{"a pair with E and N", `{"note":"115.78E,39.26N"}`},
		{"a line of a coordinate file", `{"line":"J1,1,4348050.000,39393000.000"}`},
		{"a link with lon and lat", `{"next":"/x?lon=115.78&lat=39.26"}`},
		{"a link with an escaped box", `{"next":"/api/v1/supplies?bbox=115.7%2C39.2%2C115.8%2C39.3&cursor=5"}`},
		{"a stream of JSON values", "{\"a\":1}\n[115.78,39.26]\n"},
		{"text that is not JSON", `<p>115.78, 39.26</p>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if found := FindCoordinates([]byte(c.body)); len(found) == 0 {
				t.Errorf("no position found in %s", c.body)
			}
		})
	}
}

func TestFindCoordinatesLeavesWhatAPublicListCarries(t *testing.T) {
	cases := []struct{ name, body string }{
		{"a supply result", `{"items":[{"e_number":"1306262018B00730","project_name":"定兴县测试住宅项目","location":"开放西路北侧",
			"district_name":"定兴县","region_code":"130626","area_ha":0.96,"land_use_code":"0701","method":"23","term_text":"住宅70年，商业40年",
			"term_years":70,"price_wan":12345.6,"plot_ratio_min":1.0,"plot_ratio_max":2.5,"agreed_start":"2019-12-21",
			"contract_date":"2018-12-31","approved_by":"定兴县人民政府"}],"total":120,"next":"/public/supplies?cursor=35&limit=50"}`},
		{"numbers in range under keys that are not axes", `{"area_ha":116.4,"price_wan":39.9}`},
		{"numbers in range in a sentence with words between", `{"note":"面积116.40公顷，成交价39.90万元"}`},
		{"an array of numbers out of range", `[1,2,3,200,39.9,2019,2020]`},
		{"a lone longitude", `{"lon":116.4}`},
		{"keys that only contain the letters of an axis", `{"index":116.4,"years":39.9,"prefix":1,"max":2}`},
		{"dates with dots", `{"d":"2019.12.21 - 2020.01.05"}`},
		{"an empty list", `{"items":[],"total":0,"next":null}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if found := FindCoordinates([]byte(c.body)); len(found) != 0 {
				t.Errorf("positions %q found in %s", found, c.body)
			}
		})
	}
}

// recorder is a testing.TB that keeps what it was told to report.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestAssertNoCoordinatesFailsTheTestWithWhereThePositionIs(t *testing.T) {
	var r recorder
	AssertNoCoordinates(&r, []byte(`{"items":[{"e_number":"1306262018B00730","geometry":{"type":"Point","coordinates":[115.78,39.26]}}]}`))
	want := []string{
		"the body reveals a position at $.items[0].geometry: a key that names a geometry",
		"the body reveals a position at $.items[0].geometry.coordinates: a key that names a geometry",
		"the body reveals a position at $.items[0].geometry.coordinates[0:2]: 115.78, 39.26 make a position",
	}
	if fmt.Sprint(r.errors) != fmt.Sprint(want) {
		t.Errorf("reported %q, want %q", r.errors, want)
	}
	r.errors = nil
	AssertNoCoordinates(&r, []byte(`{"items":[],"total":0,"next":null}`))
	if len(r.errors) != 0 {
		t.Errorf("reported %q for an empty list", r.errors)
	}
}
