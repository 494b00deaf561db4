package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

// announcementJSON is a listing announcement of 定兴县 (130626) with its
// dates and one lot per number.
func announcementJSON(number, announced, regStart, regEnd, bidStart, bidEnd string, lots ...string) string {
	var ls []string
	for _, l := range lots {
		ls = append(ls, `{"number":"`+l+`","location":"城东","area_ha":1,"land_use_original":"城镇住宅用地","term_years":70,
"plot_ratio_min":1,"plot_ratio_max":2.5,"building_density_max":30,"green_ratio_min":35,"starting_price_wan":3000,
"bid_step_wan":50,"deposit_wan":600}`)
	}
	return `{"number":"` + number + `","region_code":"130626","authority":"定兴县自然资源和规划局","method":"挂牌",
"announced_on":"` + announced + `","registration_start":"` + regStart + `","registration_end":"` + regEnd + `",
"bidding_start":"` + bidStart + `","bidding_end":"` + bidEnd + `","lots":[` + strings.Join(ls, ",") + `]}`
}

type lotAnswer struct {
	ID     int64  `json:"id"`
	Number string `json:"number"`
	Status string `json:"status"`
	Deal   *struct {
		ID     int64  `json:"id"`
		Winner string `json:"winner"`
	} `json:"deal"`
	Supply *struct {
		ENumber string `json:"e_number"`
	} `json:"supply"`
}

type announcementAnswer struct {
	ID           int64       `json:"id"`
	Number       string      `json:"number"`
	Method       string      `json:"method"`
	ReviewStatus string      `json:"review_status"`
	Version      int         `json:"version"`
	LagWorkdays  *int        `json:"lag_workdays"`
	Late         bool        `json:"late"`
	Warnings     []string    `json:"warnings"`
	Lots         []lotAnswer `json:"lots"`
}

// clockedServer is a test server whose rules' clock stands at start
// until the test moves it with the returned value's Store.
func clockedServer(t *testing.T, start time.Time) (*atomic.Value, *testServer) {
	t.Helper()
	var now atomic.Value
	now.Store(start)
	svc := sqltest.ServiceWith(t, func(c *supervision.Config) { c.Now = func() time.Time { return now.Load().(time.Time) } })
	return &now, newTestServerOf(t, svc, nil)
}

func decodeInto[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return v
}

// An announcement entered on the Spring Festival's make-up working
// Saturday (2026-02-14) nine days after its date (Thursday 2026-02-05) is
// on its 7th working day, on time; one of January is late. The deal of a
// lot follows, then the supply the lot became, and the chain is seen from
// each end; review, history, audit and region scope as every record.
func TestAnnouncementAndDealEndToEnd(t *testing.T) {
	_, ts := clockedServer(t, time.Date(2026, 2, 14, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	clerk := ts.account(t, "lot-clerk", land.RoleClerk, "130626")
	other := ts.account(t, "other-clerk", land.RoleClerk, "130627")
	reviewer := ts.account(t, "hebei-reviewer", land.RoleReviewer, "130000")
	admin := ts.account(t, "root", land.RoleAdmin, land.NationCode)

	// Bidding opens 15 days after the announcement: Order 39 asks 20; the
	// announcement is accepted with a warning.
	resp, body := clerk.do("POST", "/api/v1/announcements", nil, []byte(announcementJSON("定自然资告字〔2026〕2号",
		"2026-02-05", "2026-02-06", "2026-02-27", "2026-02-20", "2026-03-02", "DX2026-03", "DX2026-04")))
	clerk.status(http.StatusCreated, resp, body)
	feb := decodeInto[announcementAnswer](t, body)
	if feb.LagWorkdays == nil || *feb.LagWorkdays != 7 || feb.Late || feb.ReviewStatus != land.ReviewSubmitted || feb.Method != land.SaleListing {
		t.Fatalf("entered on the make-up Saturday: %s; want 7 working days, on time, submitted, listing", body)
	}
	if len(feb.Warnings) != 1 || !strings.HasPrefix(feb.Warnings[0], "bidding_start") {
		t.Fatalf("a notice of 15 days is not warned about: %s", body)
	}
	if len(feb.Lots) != 2 || feb.Lots[0].Status != land.LotUnsold {
		t.Fatalf("lots: %s", body)
	}
	resp, body = clerk.do("POST", "/api/v1/announcements", nil, []byte(announcementJSON("定自然资告字〔2026〕1号",
		"2026-01-05", "2026-01-06", "2026-02-03", "2026-01-26", "2026-02-05", "DX2026-01", "DX2026-02")))
	clerk.status(http.StatusCreated, resp, body)
	jan := decodeInto[announcementAnswer](t, body)
	if !jan.Late || len(jan.Warnings) != 0 {
		t.Fatalf("an announcement of January entered in February: %s; want late, no warning", body)
	}
	annPath := "/api/v1/announcements/" + strconv.FormatInt(jan.ID, 10)

	t.Run("a number is the region's once; a refusal names its field", func(t *testing.T) {
		resp, body := clerk.as(t).do("POST", "/api/v1/announcements", nil, []byte(announcementJSON("定自然资告字〔2026〕1号",
			"2026-01-05", "2026-01-06", "2026-02-03", "2026-01-26", "2026-02-05", "X")))
		clerk.as(t).status(http.StatusConflict, resp, body)
		resp, body = clerk.as(t).do("POST", "/api/v1/announcements", nil, []byte(announcementJSON("定自然资告字〔2026〕9号",
			"2026-01-05", "2026-01-20", "2026-01-10", "2026-01-26", "2026-02-05", "X")))
		clerk.as(t).status(http.StatusBadRequest, resp, body)
		if !strings.Contains(string(body), "registration_end") {
			t.Fatalf("the refusal does not name registration_end: %s", body)
		}
	})

	t.Run("the county lists them by page and filter; another county is refused", func(t *testing.T) {
		resp, body := clerk.as(t).do("GET", "/api/v1/announcements?region=130626&method=挂牌&limit=1", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		page := decodeInto[struct {
			Items []announcementAnswer `json:"items"`
			Total int                  `json:"total"`
			Next  *string              `json:"next"`
		}](t, body)
		if page.Total != 2 || len(page.Items) != 1 || page.Next == nil || len(page.Items[0].Lots) != 2 {
			t.Fatalf("first page: %s", body)
		}
		resp, body = clerk.as(t).do("GET", *page.Next, nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), "1号") || strings.Contains(string(body), "2号") {
			t.Fatalf("second page: %s", body)
		}
		resp, body = clerk.as(t).do("GET", "/api/v1/announcements?late=true&from=2026-01-01&to=2026-01-31", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), `"total":1`) || !strings.Contains(string(body), "1号") {
			t.Fatalf("late of January: %s", body)
		}
		resp, body = other.as(t).do("GET", annPath, nil, nil)
		other.as(t).status(http.StatusForbidden, resp, body)
		resp, body = other.as(t).do("GET", "/api/v1/announcements?region=130626", nil, nil)
		other.as(t).status(http.StatusForbidden, resp, body)
	})

	t.Run("a lot's boundary is put and read as GeoJSON with its status", func(t *testing.T) {
		resp, body := clerk.as(t).do("PUT", annPath+"/lots/DX2026-01/parcels", http.Header{"Content-Type": {"application/geo+json"}},
			[]byte(square(115.790, 39.260, 0.001)))
		clerk.as(t).status(http.StatusOK, resp, body)
		resp, body = clerk.as(t).do("PUT", annPath+"/lots/NONE/parcels", http.Header{"Content-Type": {"application/geo+json"}},
			[]byte(square(115.790, 39.260, 0.001)))
		clerk.as(t).status(http.StatusNotFound, resp, body)
		resp, body = clerk.as(t).do("GET", annPath, http.Header{"Accept": {"application/geo+json"}}, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), `"lot_number":"DX2026-01"`) || !strings.Contains(string(body), `"status":"unsold"`) {
			t.Fatalf("lot outline: %s", body)
		}
	})

	t.Run("a PATCH needs the current version and keeps the lots it names", func(t *testing.T) {
		resp, body := clerk.as(t).do("PATCH", annPath, http.Header{"If-Match": {`"v1"`}}, []byte(`{"authority":"定兴县自然资源局"}`))
		clerk.as(t).status(http.StatusPreconditionFailed, resp, body)
		resp, body = clerk.as(t).do("GET", annPath, nil, nil)
		before := decodeInto[announcementAnswer](t, body)
		lots := decodeInto[struct {
			Lots []json.RawMessage `json:"lots"`
		}](t, body).Lots
		patch := `{"authority":"定兴县自然资源局","lots":[` + string(lots[0]) + `,` + string(lots[1]) +
			`,{"number":"DX2026-05","area_ha":0.5,"land_use_original":"0601"}]}`
		resp, body = clerk.as(t).do("PATCH", annPath, http.Header{"If-Match": {resp.Header.Get("ETag")}}, []byte(patch))
		clerk.as(t).status(http.StatusOK, resp, body)
		after := decodeInto[announcementAnswer](t, body)
		if len(after.Lots) != 3 || after.Lots[0].ID != before.Lots[0].ID || !after.Late {
			t.Fatalf("after the PATCH: %s", body)
		}
	})

	var deal land.Deal
	t.Run("a deal before bidding started is refused; the lot's deal is one", func(t *testing.T) {
		early := `{"announcement_id":` + strconv.FormatInt(jan.ID, 10) + `,"lot_number":"DX2026-01","winner":"保定某置业有限公司","price_wan":4100,"deal_on":"2026-01-20"}`
		resp, body := clerk.as(t).do("POST", "/api/v1/deals", nil, []byte(early))
		clerk.as(t).status(http.StatusBadRequest, resp, body)
		if !strings.Contains(string(body), "deal_on") {
			t.Fatalf("the refusal does not name deal_on: %s", body)
		}
		good := strings.Replace(early, "2026-01-20", "2026-02-05", 1)
		good = strings.Replace(good, `}`, `,"publicity_start":"2026-02-06","publicity_end":"2026-02-16"}`, 1)
		resp, body = clerk.as(t).do("POST", "/api/v1/deals", nil, []byte(good))
		clerk.as(t).status(http.StatusCreated, resp, body)
		deal = decodeInto[land.Deal](t, body)
		if deal.LagWorkdays == nil || *deal.LagWorkdays != 7 || deal.Late || deal.AnnouncementNumber != "定自然资告字〔2026〕1号" || deal.RegionCode != "130626" {
			t.Fatalf("deal: %s", body)
		}
		resp, body = clerk.as(t).do("POST", "/api/v1/deals", nil, []byte(good))
		clerk.as(t).status(http.StatusConflict, resp, body)
		resp, body = clerk.as(t).do("GET", "/api/v1/deals?region=130626&announcement="+strconv.FormatInt(jan.ID, 10), nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), `"total":1`) {
			t.Fatalf("deals: %s", body)
		}
		resp, body = other.as(t).do("GET", "/api/v1/deals/"+strconv.FormatInt(deal.ID, 10), nil, nil)
		other.as(t).status(http.StatusForbidden, resp, body)
	})

	dealPath := "/api/v1/deals/" + strconv.FormatInt(deal.ID, 10)
	t.Run("a deal is corrected, reviewed by another person and has its history", func(t *testing.T) {
		resp, body := clerk.as(t).do("PATCH", dealPath, http.Header{"If-Match": {etag(deal.Version)}}, []byte(`{"price_wan":4150}`))
		clerk.as(t).status(http.StatusOK, resp, body)
		resp, body = clerk.as(t).do("PATCH", dealPath, http.Header{"If-Match": {etag(deal.Version + 1)}}, []byte(`{"lot_number":"DX2026-02"}`))
		clerk.as(t).status(http.StatusBadRequest, resp, body)
		resp, body = clerk.as(t).do("POST", dealPath+"/review", nil, []byte(`{"decision":"approve"}`))
		clerk.as(t).status(http.StatusForbidden, resp, body)
		resp, body = reviewer.as(t).do("POST", dealPath+"/review", nil, []byte(`{"decision":"approve"}`))
		reviewer.as(t).status(http.StatusOK, resp, body)
		if d := decodeInto[land.Deal](t, body); d.ReviewStatus != land.ReviewApproved || d.PriceWan != 4150 {
			t.Fatalf("after review: %s", body)
		}
		resp, body = clerk.as(t).do("GET", dealPath+"/history", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), `"total":3`) {
			t.Fatalf("deal history: %s", body)
		}
	})

	t.Run("the announcement is approved and its history holds lots, boundaries and deals", func(t *testing.T) {
		resp, body := reviewer.as(t).do("POST", annPath+"/review", nil, []byte(`{"decision":"approve"}`))
		reviewer.as(t).status(http.StatusOK, resp, body)
		resp, body = clerk.as(t).do("GET", annPath+"/history", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		for _, e := range []string{`"entity":"announcement"`, `"entity":"lot"`, `"entity":"lot_parcel"`, `"entity":"deal"`} {
			if !strings.Contains(string(body), e) {
				t.Fatalf("history lacks %s: %s", e, body)
			}
		}
	})

	t.Run("a supply names its lot and the chain is seen from both ends", func(t *testing.T) {
		sup := strings.Replace(supplyJSON("1306262026B00201", square(115.7902, 39.2602, 0.0003)), `"area_ha":1`,
			`"area_ha":1,"lot":{"announcement_number":"定自然资告字〔2026〕1号","lot_number":"DX2026-01"}`, 1)
		resp, body := clerk.as(t).do("POST", "/api/v1/supplies", nil, []byte(sup))
		clerk.as(t).status(http.StatusCreated, resp, body)
		// The county's plan of the announcement's year heads the chain.
		resp, body = clerk.as(t).do("POST", "/api/v1/plans", nil, []byte(planJSON("130626", "2026", "2026-01-02")))
		clerk.as(t).status(http.StatusCreated, resp, body)
		plan := decodeInto[planAnswer](t, body)
		resp, body = clerk.as(t).do("GET", "/api/v1/supplies/1306262026B00201/chain", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		chain := decodeInto[struct {
			Plan         *land.PlanRef       `json:"plan"`
			Announcement *announcementAnswer `json:"announcement"`
			Lot          *lotAnswer          `json:"lot"`
			Deal         *land.Deal          `json:"deal"`
		}](t, body)
		if chain.Announcement == nil || chain.Announcement.ID != jan.ID || chain.Lot == nil || chain.Lot.Number != "DX2026-01" ||
			chain.Deal == nil || chain.Deal.Winner != "保定某置业有限公司" || chain.Plan == nil || chain.Plan.ID != plan.ID {
			t.Fatalf("chain: %s", body)
		}
		_, body = clerk.as(t).do("GET", "/api/v1/supplies/1306262026B00201", nil, nil)
		if !strings.Contains(string(body), `"lot_number":"DX2026-01"`) {
			t.Fatalf("the supply does not name its lot: %s", body)
		}
		_, body = clerk.as(t).do("GET", annPath, nil, nil)
		a := decodeInto[announcementAnswer](t, body)
		if l := a.Lots[0]; l.Status != land.LotSold || l.Deal == nil || l.Supply == nil || l.Supply.ENumber != "1306262026B00201" {
			t.Fatalf("the lot's deal and supply: %s", body)
		}
		again := strings.ReplaceAll(strings.Replace(sup, "B00201", "B00202", 1), "115.7902", "115.7912")
		resp, body = clerk.as(t).do("POST", "/api/v1/supplies", nil, []byte(again))
		clerk.as(t).status(http.StatusConflict, resp, body)
		unknown := strings.Replace(again, "DX2026-01", "DX2026-99", 1)
		resp, body = clerk.as(t).do("POST", "/api/v1/supplies", nil, []byte(unknown))
		clerk.as(t).status(http.StatusBadRequest, resp, body)
		if !strings.Contains(string(body), `"lot"`) {
			t.Fatalf("the refusal does not name lot: %s", body)
		}
	})

	t.Run("the public sees approved announcements with their lots and deals, in words only", func(t *testing.T) {
		anon := ts.anonymous(t)
		resp, body := anon.do("GET", "/public/announcements?region=130626&method=listing", nil, nil)
		anon.status(http.StatusOK, resp, body)
		if resp.Header.Get("Cache-Control") != "public, max-age=300" {
			t.Errorf("Cache-Control %q", resp.Header.Get("Cache-Control"))
		}
		sqltest.AssertNoCoordinates(t, body)
		page := decodeInto[struct {
			Items []struct {
				Number string `json:"number"`
				Lots   []struct {
					Number string `json:"number"`
					Deal   *struct {
						Winner string `json:"winner"`
					} `json:"deal"`
				} `json:"lots"`
			} `json:"items"`
			Total int `json:"total"`
		}](t, body)
		if page.Total != 1 || page.Items[0].Number != "定自然资告字〔2026〕1号" || len(page.Items[0].Lots) != 3 ||
			page.Items[0].Lots[0].Deal == nil || page.Items[0].Lots[1].Deal != nil {
			t.Fatalf("public announcements (the February one waits for review): %s", body)
		}
		for _, leak := range []string{"lag_workdays", "submitted_by", "supply", "parcels"} {
			if strings.Contains(string(body), leak) {
				t.Errorf("the public list shows %s: %s", leak, body)
			}
		}
		resp, body = anon.do("GET", "/public/announcements/"+strconv.FormatInt(jan.ID, 10), nil, nil)
		anon.status(http.StatusOK, resp, body)
		resp, body = anon.do("GET", "/public/announcements/"+strconv.FormatInt(feb.ID, 10), nil, nil)
		anon.status(http.StatusNotFound, resp, body)
		resp, body = anon.do("GET", "/public/deals?q=保定", nil, nil)
		anon.status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), `"total":1`) || !strings.Contains(string(body), `"price_wan":4150`) {
			t.Fatalf("public deals: %s", body)
		}
		resp, body = anon.do("GET", "/public/deals/"+strconv.FormatInt(deal.ID, 10), nil, nil)
		anon.status(http.StatusOK, resp, body)
		for _, page := range []string{"/public-announcements.html", "/public-deals.html", "/js/publicannouncements.js", "/js/publicdeals.js", "/js/publiclots.js"} {
			resp, body := anon.do("GET", page, nil, nil)
			anon.status(http.StatusOK, resp, body)
		}
		_, body = anon.do("GET", "/js/publicwords.js", nil, nil)
		if !strings.Contains(string(body), "public-announcements.html") || !strings.Contains(string(body), "public-deals.html") {
			t.Error("the public pages' bar does not link the announcements and deals")
		}
	})

	t.Run("a correction waiting for review leaves the published version on the public side", func(t *testing.T) {
		anon := ts.anonymous(t)
		publicText := func(path string) string {
			t.Helper()
			resp, body := anon.do("GET", path, nil, nil)
			anon.status(http.StatusOK, resp, body)
			return string(body)
		}
		resp, body := clerk.as(t).do("GET", annPath, nil, nil)
		lots := decodeInto[struct {
			Lots []json.RawMessage `json:"lots"`
		}](t, body).Lots
		// The correction renames the authority and drops the third lot.
		patch := `{"authority":"定兴县自然资源和规划局（更正）","lots":[` + string(lots[0]) + `,` + string(lots[1]) + `]}`
		resp, body = clerk.as(t).do("PATCH", annPath, http.Header{"If-Match": {resp.Header.Get("ETag")}}, []byte(patch))
		clerk.as(t).status(http.StatusOK, resp, body)
		_, body = clerk.as(t).do("GET", dealPath, nil, nil)
		resp, body = clerk.as(t).do("PATCH", dealPath, http.Header{"If-Match": {etag(decodeInto[land.Deal](t, body).Version)}}, []byte(`{"price_wan":4200}`))
		clerk.as(t).status(http.StatusOK, resp, body)

		for _, path := range []string{"/public/announcements?region=130626", "/public/announcements/" + strconv.FormatInt(jan.ID, 10)} {
			if got := publicText(path); strings.Contains(got, "（更正）") || !strings.Contains(got, "DX2026-05") || !strings.Contains(got, `"price_wan":4150`) {
				t.Fatalf("%s while the corrections wait shows other than the approved version: %s", path, got)
			}
		}
		if got := publicText("/public/deals?q=保定"); !strings.Contains(got, `"total":1`) || !strings.Contains(got, `"price_wan":4150`) {
			t.Fatalf("the public deals while the deal's correction waits: %s", got)
		}

		for _, path := range []string{annPath, dealPath} {
			resp, body = reviewer.as(t).do("POST", path+"/review", nil, []byte(`{"decision":"approve"}`))
			reviewer.as(t).status(http.StatusOK, resp, body)
		}
		if got := publicText("/public/announcements/" + strconv.FormatInt(jan.ID, 10)); !strings.Contains(got, "（更正）") || strings.Contains(got, "DX2026-05") ||
			!strings.Contains(got, `"price_wan":4200`) {
			t.Fatalf("the approved corrections are not what is published: %s", got)
		}
	})

	t.Run("the audit log has the clerk's entries", func(t *testing.T) {
		resp, body := admin.as(t).do("GET", "/api/v1/audit?actor=lot-clerk", nil, nil)
		admin.as(t).status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), "/api/v1/announcements") || !strings.Contains(string(body), "/api/v1/deals") {
			t.Fatalf("no audit entries: %s", body)
		}
	})
}
