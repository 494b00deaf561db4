package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql"
)

// findingJSON is a finding with its steps, as GET /findings/{id} answers.
type findingJSON struct {
	sql.Finding
	Steps []sql.FindingStep `json:"steps"`
}

// idleLon and idleLat are the south-west corner of the land of idleSupply.
const idleLon, idleLat = 115.780, 39.260

// suspectedLand starts a server with one idleSupply, scans it as of a day
// and returns the server, an administrator, the supply's id and its one
// suspected-idle finding.
func suspectedLand(t *testing.T, number string, y int, m time.Month, d int) (*testServer, testClient, string, findingJSON) {
	t.Helper()
	ts := newTestServer(t, nil)
	c := ts.account(t, "admin", land.RoleAdmin, land.NationCode)
	supply := idleSupply(c, number, idleLon, idleLat)
	ts.scanIdle(t, y, m, d)
	found := findings(c, "kind=suspected_idle")
	if len(found) != 1 || found[0].Status != land.FindingOpen {
		t.Fatalf("suspicions: %+v, want one open", found)
	}
	return ts, c, supply, found[0]
}

// idleSupply creates a supply whose land was delivered on time and never
// started: agreed start 2022-03-01, so idle from 2023-03-02. It returns the
// supply's id.
func idleSupply(c testClient, number string, lon, lat float64) string {
	c.t.Helper()
	body := `{"e_number":"` + number + `","method":"23","project_name":"测试","area_ha":1,"land_use_original":"0701",
"contract_date":"2022-01-05","agreed_delivery":"2022-02-01","agreed_start":"2022-03-01","price_wan":500,
"events":[{"kind":"delivery","occurred_on":"2022-01-20"}],
"parcels":{"type":"Feature","properties":{},"geometry":` + square(lon, lat, 0.001) + `}}`
	resp, out := c.do("POST", "/api/v1/supplies", nil, []byte(body))
	c.status(http.StatusCreated, resp, out)
	var s struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(out, &s); err != nil || s.ID == 0 {
		c.t.Fatalf("created supply %s: %v", out, err)
	}
	return strconv.FormatInt(s.ID, 10)
}

// scanIdle records the idle-land scan as of a day, as the daily scan does.
func (ts *testServer) scanIdle(t *testing.T, y int, m time.Month, d int) {
	t.Helper()
	if _, err := ts.svc.ScanIdle(context.Background(), land.SystemScope("daily-scan"), land.NewDate(y, m, d), true); err != nil {
		t.Fatal(err)
	}
}

// findings lists the findings of a query.
func findings(c testClient, query string) []findingJSON {
	c.t.Helper()
	resp, body := c.do("GET", "/api/v1/findings?"+query, nil, nil)
	c.status(http.StatusOK, resp, body)
	var page struct {
		Items []findingJSON `json:"items"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		c.t.Fatal(err)
	}
	return page.Items
}

// finding reads one finding with its steps.
func finding(c testClient, id int64) findingJSON {
	c.t.Helper()
	resp, body := c.do("GET", "/api/v1/findings/"+strconv.FormatInt(id, 10), nil, nil)
	c.status(http.StatusOK, resp, body)
	var f findingJSON
	if err := json.Unmarshal(body, &f); err != nil {
		c.t.Fatal(err)
	}
	return f
}

// move patches a finding and returns the answer's status and body.
func move(c testClient, id int64, body string) (int, string) {
	c.t.Helper()
	resp, out := c.do("PATCH", "/api/v1/findings/"+strconv.FormatInt(id, 10), nil, []byte(body))
	return resp.StatusCode, string(out)
}

// verifyOnSite records a field verification made in the middle of the
// square of idleSupply.
func verifyOnSite(c testClient, id int64, lon, lat float64, verdict string) {
	c.t.Helper()
	body := `{"lon":` + strconv.FormatFloat(lon+0.0005, 'f', -1, 64) + `,"lat":` + strconv.FormatFloat(lat+0.0005, 'f', -1, 64) +
		`,"accuracy_m":8,"observed_at":"2026-11-20T10:00:00+08:00","verdict":"` + verdict + `"}`
	resp, out := c.do("POST", "/api/v1/findings/"+strconv.FormatInt(id, 10)+"/verifications", nil, []byte(body))
	c.status(http.StatusCreated, resp, out)
}

// The life of a suspicion of idle land as DESIGN §4.2 tracks it: the
// investigation notice and its clock, a field verification of a finding
// nobody was assigned, and a determination that a later scan leaves alone.
func TestASuspicionOfIdleLandGoesThroughItsNoticeAndKeepsItsDecision(t *testing.T) {
	t.Parallel()
	ts, c, supply, found := suspectedLand(t, "1306262022B00010", 2024, 6, 30)
	id := found.ID

	t.Run("the notice is due 30 days after the suspicion was found and is overdue after that", func(t *testing.T) {
		c := c.as(t)
		f := finding(c, id)
		if f.NoticeDueOn != land.NewDate(2024, 7, 30) || f.NoticeOverdue == nil || !*f.NoticeOverdue {
			t.Errorf("notice due %s, overdue %v; want due 2024-07-30 and overdue", f.NoticeDueOn, f.NoticeOverdue)
		}
		if got := findings(c, "notice=overdue"); len(got) != 1 || got[0].ID != id {
			t.Errorf("overdue notices: %+v, want the finding", got)
		}
		if got := findings(c, "notice=issued"); len(got) != 0 {
			t.Errorf("issued notices: %+v, want none", got)
		}
		resp, body := c.do("GET", "/api/v1/findings?notice=late", nil, nil)
		c.status(http.StatusBadRequest, resp, body)
		if !strings.Contains(string(body), `"field":"notice"`) {
			t.Errorf("an unknown notice filter: %s", body)
		}
	})

	t.Run("a verification of an open finding verifies it and is recorded in its steps", func(t *testing.T) {
		c := c.as(t)
		verifyOnSite(c, id, idleLon, idleLat, land.VerdictIdleConfirmed)
		f := finding(c, id)
		if f.Status != land.FindingVerified {
			t.Errorf("status %s after the verification, want verified", f.Status)
		}
		if n := len(f.Steps); n == 0 || f.Steps[n-1].Step != land.StepVerification || f.Steps[n-1].From != land.FindingOpen || f.Steps[n-1].To != land.FindingVerified {
			t.Errorf("steps %+v, want the verification moving it from open to verified", f.Steps)
		}
	})

	t.Run("the notice is recorded once, not in the future, and the status stays", func(t *testing.T) {
		c := c.as(t)
		if code, body := move(c, id, `{"step":"notice","reason":"调查通知书送达","document_no":"定自然资闲调〔2099〕1号","decided_on":"2099-01-01"}`); code != 400 || !strings.Contains(body, `"field":"decided_on"`) {
			t.Errorf("a notice dated in the future: %d %s", code, body)
		}
		if code, body := move(c, id, `{"step":"notice","reason":"调查通知书送达","document_no":"定自然资闲调〔2024〕1号","decided_on":"2024-07-15"}`); code != 200 {
			t.Fatalf("the notice: %d %s", code, body)
		}
		f := finding(c, id)
		if f.Status != land.FindingVerified || f.NoticeNo != "定自然资闲调〔2024〕1号" || f.NoticedOn != land.NewDate(2024, 7, 15) || f.NoticeOverdue == nil || *f.NoticeOverdue {
			t.Errorf("after the notice: %+v", f)
		}
		if last := f.Steps[len(f.Steps)-1]; last.Step != land.StepNotice || last.From != last.To {
			t.Errorf("last step %+v, want the notice leaving the status", last)
		}
		if code, body := move(c, id, `{"step":"notice","reason":"again","document_no":"2号","decided_on":"2024-07-16"}`); code != 409 {
			t.Errorf("a second notice: %d %s", code, body)
		}
		if got := findings(c, "notice=overdue"); len(got) != 0 {
			t.Errorf("overdue notices after the notice: %+v", got)
		}
		if got := findings(c, "notice=issued"); len(got) != 1 {
			t.Errorf("issued notices: %+v, want the finding", got)
		}
	})

	t.Run("a determined finding stays determined when a later scan no longer suspects the land", func(t *testing.T) {
		c := c.as(t)
		if code, body := move(c, id, `{"status":"determined","reason":"认定","document_no":"定自然资闲认〔2024〕3号","decided_on":"2024-08-01","cause":"holder"}`); code != 200 {
			t.Fatalf("determination: %d %s", code, body)
		}
		resp, body := c.do("POST", "/api/v1/supplies/"+supply+"/events", nil, []byte(`{"kind":"construction_start","occurred_on":"2024-08-20"}`))
		c.status(http.StatusCreated, resp, body)
		ts.scanIdle(t, 2024, 9, 1)
		if f := finding(c, id); f.Status != land.FindingDetermined || f.ClosedReason != "" {
			t.Errorf("after the scan: status %s, closed %q; want it still determined", f.Status, f.ClosedReason)
		}
	})

	t.Run("a finding in disposal stays there when a later scan no longer suspects the land", func(t *testing.T) {
		c := c.as(t)
		if code, body := move(c, id, `{"status":"disposal","reason":"征缴闲置费","document_no":"定自然资闲处〔2024〕4号","decided_on":"2024-09-10","measure":"fee"}`); code != 200 {
			t.Fatalf("disposal: %d %s", code, body)
		}
		ts.scanIdle(t, 2024, 10, 1)
		if f := finding(c, id); f.Status != land.FindingDisposal {
			t.Errorf("after the scan: status %s, want disposal", f.Status)
		}
		if code, body := move(c, id, `{"status":"closed","reason":"处置完毕"}`); code != 200 {
			t.Errorf("the disposal ends by its own step: %d %s", code, body)
		}
	})

	t.Run("an overlap takes no investigation notice", func(t *testing.T) {
		c := c.as(t)
		if f := finding(c, id); f.NoticeDueOn.IsZero() {
			t.Error("the suspicion lost its notice clock")
		}
		resp, body := c.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON("1306262026B00011", square(idleLon+0.0005, idleLat, 0.001))))
		c.status(http.StatusCreated, resp, body)
		over := findings(c, "kind=overlap")
		if len(over) != 1 || !over[0].NoticeDueOn.IsZero() || over[0].NoticeOverdue != nil {
			t.Fatalf("overlaps %+v, want one without a notice clock", over)
		}
		if code, body := move(c, over[0].ID, `{"step":"notice","reason":"x","document_no":"1号","decided_on":"2024-07-15"}`); code != 400 || !strings.Contains(body, `"field":"step"`) {
			t.Errorf("a notice on an overlap: %d %s", code, body)
		}
	})
}

// A dismissal (不予认定) sticks: the scan does not raise the same suspicion
// again until the evidence changes, and the new finding says what changed.
func TestADismissedSuspicionIsRaisedAgainOnlyWhenTheEvidenceChanges(t *testing.T) {
	t.Parallel()
	ts, c, supply, suspected := suspectedLand(t, "1306262022B00020", 2023, 6, 30)
	if suspected.Grade != land.IdleGradeFee {
		t.Fatalf("suspicion %+v, want the fee grade", suspected)
	}
	first := []findingJSON{suspected}
	dismiss := func(t *testing.T, id int64) {
		t.Helper()
		if code, body := move(c.as(t), id, `{"status":"dismissed","reason":"用地单位已申请规划调整，不予认定"}`); code != 200 {
			t.Fatalf("dismissal: %d %s", code, body)
		}
	}
	dismiss(t, first[0].ID)

	t.Run("a scan with nothing new leaves the dismissal as it is", func(t *testing.T) {
		c := c.as(t)
		ts.scanIdle(t, 2023, 7, 30)
		all := findings(c, "kind=suspected_idle")
		if len(all) != 1 || all[0].Status != land.FindingDismissed {
			t.Errorf("suspicions %+v, want the one dismissed", all)
		}
		if code, body := move(c, first[0].ID, `{"status":"closed","reason":"结案"}`); code != 200 {
			t.Fatalf("closing the dismissal: %d %s", code, body)
		}
		ts.scanIdle(t, 2023, 8, 30)
		if all := findings(c, "kind=suspected_idle"); len(all) != 1 {
			t.Errorf("suspicions %+v after the dismissal closed, want no new one", all)
		}
	})

	var second findingJSON
	t.Run("a new event raises it again, naming the event", func(t *testing.T) {
		c := c.as(t)
		resp, body := c.do("POST", "/api/v1/supplies/"+supply+"/events", nil, []byte(`{"kind":"progress","occurred_on":"2023-09-01","developed_share":0}`))
		c.status(http.StatusCreated, resp, body)
		ts.scanIdle(t, 2023, 9, 30)
		open := findings(c, "kind=suspected_idle&status=open")
		if len(open) != 1 || open[0].Follows == nil || *open[0].Follows != first[0].ID || !strings.Contains(open[0].ReopenedBecause, "new event: progress of 2023-09-01") {
			t.Fatalf("open suspicions %+v, want one following the dismissal and naming the event", open)
		}
		second = open[0]
		if second.NoticeDueOn != land.NewDate(2023, 10, 30) {
			t.Errorf("notice due %s, want 30 days after the new suspicion", second.NoticeDueOn)
		}
	})

	t.Run("a new verification of a dismissed finding still open supersedes it", func(t *testing.T) {
		c := c.as(t)
		dismiss(t, second.ID)
		ts.scanIdle(t, 2023, 10, 30)
		if open := findings(c, "kind=suspected_idle&status=open"); len(open) != 0 {
			t.Fatalf("open suspicions %+v, want none while the dismissal holds", open)
		}
		verifyOnSite(c, second.ID, idleLon, idleLat, land.VerdictIdleConfirmed)
		if f := finding(c, second.ID); f.Status != land.FindingDismissed {
			t.Errorf("a verification moved a dismissed finding to %s", f.Status)
		}
		ts.scanIdle(t, 2023, 11, 30)
		open := findings(c, "kind=suspected_idle&status=open")
		if len(open) != 1 || *open[0].Follows != second.ID || !strings.Contains(open[0].ReopenedBecause, "new field verification: idle_confirmed") {
			t.Fatalf("open suspicions %+v, want one naming the verification", open)
		}
		if f := finding(c, second.ID); f.Status != land.FindingClosed || !strings.Contains(f.ClosedReason, "superseded") {
			t.Errorf("the dismissed finding: %s %q, want it closed as superseded", f.Status, f.ClosedReason)
		}
		dismiss(t, open[0].ID)
	})

	t.Run("another year of idleness raises it again", func(t *testing.T) {
		c := c.as(t)
		ts.scanIdle(t, 2024, 3, 1)
		if open := findings(c, "kind=suspected_idle&status=open"); len(open) != 0 {
			t.Fatalf("open suspicions %+v on the last day of the first year", open)
		}
		ts.scanIdle(t, 2024, 3, 2)
		open := findings(c, "kind=suspected_idle&status=open")
		if len(open) != 1 || open[0].Grade != land.IdleGradeRecovery || !strings.Contains(open[0].ReopenedBecause, "idle 2 full year(s), 1 when dismissed") {
			t.Fatalf("open suspicions %+v, want one of the second year naming it", open)
		}
	})
}
