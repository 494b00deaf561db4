package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"landwatch/land"
)

// A refusal, an import's report and a write's warnings come in Chinese to
// a reader who asks for Chinese (the map's pages send the language chosen)
// and in English to one who does not.
func TestAnswersSpeakTheReadersLanguage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	clerk := ts.account(t, "clerk", land.RoleClerk, "130626")
	zh, en := http.Header{"Accept-Language": {"zh-CN,zh;q=0.9,en;q=0.8"}}, http.Header{"Accept-Language": {"en-GB,en;q=0.9"}}

	bad := []byte(`{"e_number":"1306262026B00040","method":"","project_name":"测试","area_ha":-1,"land_use_original":"0701"}`)
	for _, c := range []struct {
		header       http.Header
		detail, area string
	}{
		{zh, "2 个字段有误：供地方式：供地方式为必填项", "面积应大于 0 且小于 10000 公顷，而不是 -1"},
		{en, "2 fields are invalid: method: the supply method is required", "the area must be above 0 and below 10000 hectares, not -1"},
		{nil, "2 fields are invalid: method: the supply method is required", "the area must be above 0 and below 10000 hectares, not -1"},
	} {
		resp, b := clerk.do("POST", "/api/v1/supplies", c.header, bad)
		clerk.status(400, resp, b)
		var p Problem
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		reasons := map[string]string{}
		for _, e := range p.Errors {
			reasons[e.Field] = e.Reason
		}
		if !strings.HasPrefix(p.Detail, c.detail) || reasons["area_ha"] != c.area {
			t.Errorf("Accept-Language %q: detail %q, area_ha %q; want %q…, %q", c.header.Get("Accept-Language"), p.Detail, reasons["area_ha"], c.detail, c.area)
		}
	}

	// Another region's record, refused in the import's report.
	file := []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"e_number":"6529012026B00041",` +
		`"project_name":"外县","method":"23","land_use_original":"0701","area_ha":0.9585,"contract_date":"2026-01-05"},"geometry":` +
		square(115.70, 39.20, 0.001) + `}]}`)
	resp, b := clerk.do("POST", "/api/v1/imports?name=外县.geojson&dry_run=true", zh, file)
	clerk.status(http.StatusOK, resp, b)
	var rep importReport
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	want := "该记录属于行政区 652901，不在您的行政区 130626 范围内"
	if len(rep.Rejected) != 2 || rep.Rejected[0].Reason != want || !strings.HasPrefix(rep.Rejected[1].Reason, "没有电子监管号为") {
		t.Errorf("rejected %+v; want the supply, %q, and its parcel, which has no supply", rep.Rejected, want)
	}

	// A boundary drawn crossing itself (a bow tie) is refused with where it
	// crosses, in the reader's language.
	bowTie := []byte(`{"e_number":"1306262026B00043","method":"23","project_name":"测试","area_ha":0.5,"land_use_original":"0701",` +
		`"parcels":{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":` +
		`[[[115.780,39.260],[115.781,39.261],[115.781,39.260],[115.780,39.261],[115.780,39.260]]]}}]}}`)
	for _, c := range []struct {
		header http.Header
		want   string
	}{
		{zh, "多边形 0 的环 0（外环）在 (115.7805, 39.2605) 处自相交（顶点 0 至 1 之间的边与顶点 2 至 3 之间的边）"},
		{en, "polygon 0, ring 0 (outer) crosses itself at (115.7805, 39.2605) (edge from vertex 0 to 1 and edge from vertex 2 to 3)"},
	} {
		resp, b := clerk.do("POST", "/api/v1/supplies", c.header, bowTie)
		clerk.status(400, resp, b)
		if !strings.Contains(string(b), c.want) {
			t.Errorf("Accept-Language %q, a bow tie: %s; want %q", c.header.Get("Accept-Language"), b, c.want)
		}
	}

	// A write's warnings: a plot ratio maximum of 0 is read as none.
	ok := []byte(`{"e_number":"1306262026B00042","method":"23","project_name":"测试","area_ha":0.5,"land_use_original":"0701",` +
		`"plot_ratio_min":1.2,"plot_ratio_max":0}`)
	resp, b = clerk.do("POST", "/api/v1/supplies", zh, ok)
	clerk.status(201, resp, b)
	var w struct{ Warnings []string }
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(w.Warnings, "\n"), "下限为 1.2 时，上限 0 视为不设上限") {
		t.Errorf("warnings %q; want the plot ratio's in Chinese", w.Warnings)
	}
}

// Chinese is chosen when the request weighs it above English, by weight
// first and by order between equal weights.
func TestChineseIsWhatTheRequestWeighsHighest(t *testing.T) {
	for header, want := range map[string]bool{
		"zh-CN,zh;q=0.9,en;q=0.8": true, "zh": true, "en-GB,en;q=0.9": false, "": false,
		"en;q=0.1, zh": true, "en, zh-CN": false, "zh-TW;q=0.5, en;q=0.6": false, "fr, zh;q=0.8": true, "*, zh": false,
	} {
		r, _ := http.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Language", header)
		if got := chinese(r); got != want {
			t.Errorf("Accept-Language %q: Chinese %v, want %v", header, got, want)
		}
	}
}

// Why land is suspected idle (a finding's assessment) reads in Chinese to
// an inspector who asks for Chinese, in the list and in the finding alike.
func TestIdleAssessmentsSpeakTheReadersLanguage(t *testing.T) {
	t.Parallel()
	_, c, _, found := suspectedLand(t, "1306262022B00050", 2024, 6, 30)
	reason := func(header http.Header, path string) string {
		t.Helper()
		resp, b := c.do("GET", path, header, nil)
		c.status(http.StatusOK, resp, b)
		var f struct {
			Figures struct {
				Assessment struct{ Reason string } `json:"assessment"`
			} `json:"figures"`
			Items []json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
		if len(f.Items) == 1 { // a list: its one finding
			if err := json.Unmarshal(f.Items[0], &f); err != nil {
				t.Fatal(err)
			}
		}
		return f.Figures.Assessment.Reason
	}
	zh := http.Header{"Accept-Language": {"zh-CN"}}
	one := "/api/v1/findings/" + strconv.FormatInt(found.ID, 10)
	for _, c := range []struct {
		header http.Header
		path   string
		want   string
	}{
		{zh, one, "约定开工日期 2022-03-01后满 2 年未开工"},
		{zh, "/api/v1/findings?kind=suspected_idle", "约定开工日期 2022-03-01后满 2 年未开工"},
		{nil, one, "not started 2 full year(s) after the agreed start 2022-03-01"},
	} {
		if got := reason(c.header, c.path); got != c.want {
			t.Errorf("%s (Accept-Language %q): the assessment says %q, want %q", c.path, c.header.Get("Accept-Language"), got, c.want)
		}
	}
}
