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

// transactionJSON is a transaction of kind on supply eNumber (1 ha in the
// tests' supplies): half a hectare, with the term its kind takes.
func transactionJSON(kind, eNumber, certificate, registeredOn string) string {
	term := ""
	switch kind {
	case land.TransactionLease:
		term = `,"lease_years":10`
	case land.TransactionMortgage:
		term = `,"starts_on":"` + registeredOn + `","ends_on":"2029-12-31"`
	}
	return `{"kind":"` + kind + `","e_number":"` + eNumber + `","party_from":"定兴县某置业有限公司","party_to":"某银行定兴支行",
"amount_wan":600,"area_ha":0.5,"certificate_no":"` + certificate + `","registered_on":"` + registeredOn + `"` + term + `}`
}

type transactionAnswer struct {
	ID           int64    `json:"id"`
	Kind         string   `json:"kind"`
	SupplyID     int64    `json:"supply_id"`
	ENumber      string   `json:"e_number"`
	RegionCode   string   `json:"region_code"`
	ReviewStatus string   `json:"review_status"`
	Version      int      `json:"version"`
	LagWorkdays  *int     `json:"lag_workdays"`
	Late         bool     `json:"late"`
	ReleasedOn   string   `json:"released_on"`
	Warnings     []string `json:"warnings"`
}

func decodeTransaction(t *testing.T, body []byte) transactionAnswer {
	t.Helper()
	var x transactionAnswer
	if err := json.Unmarshal(body, &x); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return x
}

// transactionPage lists transactions and returns their certificate
// numbers, the total and the next link.
func transactionPage(c testClient, query string) (certs []string, total int, next string) {
	c.t.Helper()
	resp, body := c.do("GET", query, nil, nil)
	c.status(http.StatusOK, resp, body)
	var page struct {
		Items []struct {
			CertificateNo string `json:"certificate_no"`
		} `json:"items"`
		Total int     `json:"total"`
		Next  *string `json:"next"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		c.t.Fatalf("%v: %s", err, body)
	}
	for _, it := range page.Items {
		certs = append(certs, it.CertificateNo)
	}
	if page.Next != nil {
		next = *page.Next
	}
	return certs, page.Total, next
}

// A clerk enters a mortgage on the Spring Festival's make-up working
// Saturday (2026-02-14): registered on Thursday 2026-02-05 it is on its 7th
// working day, on time (counting the Saturday as a weekend would say 6); a
// lease entered on the first working day after the festival (Tuesday
// 2026-02-24) is 8 working days late. The records are listed by kind,
// supply, active mortgage and lateness a page at a time, changed with
// If-Match, released, reviewed by the province, kept in their history and
// the audit log, and another county can neither see them nor enter one on
// the county's land.
func TestTransactionEndToEnd(t *testing.T) {
	var now atomic.Value
	now.Store(time.Date(2026, 2, 14, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	svc := sqltest.ServiceWith(t, func(c *supervision.Config) { c.Now = func() time.Time { return now.Load().(time.Time) } })
	ts := newTestServerOf(t, svc, nil)
	clerk := ts.account(t, "trans-clerk", land.RoleClerk, "130626")
	other := ts.account(t, "other-clerk", land.RoleClerk, "130627")
	reviewer := ts.account(t, "hebei-reviewer", land.RoleReviewer, "130000")
	admin := ts.account(t, "root", land.RoleAdmin, land.NationCode)

	for i, n := range []string{"1306262026B00201", "1306262026B00202"} {
		resp, body := clerk.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON(n, square(115.790+float64(i)*0.01, 39.260, 0.001))))
		clerk.status(http.StatusCreated, resp, body)
	}
	resp, body := clerk.do("POST", "/api/v1/transactions", nil, []byte(transactionJSON("抵押", "1306262026B00201", "DY-2026-001", "2026-02-05")))
	clerk.status(http.StatusCreated, resp, body)
	made := decodeTransaction(t, body)
	if made.Kind != land.TransactionMortgage || made.RegionCode != "130626" || made.SupplyID == 0 || made.ReviewStatus != land.ReviewSubmitted ||
		made.LagWorkdays == nil || *made.LagWorkdays != 7 || made.Late {
		t.Fatalf("entered on the make-up Saturday: %s; want a mortgage of 130626, 7 working days, on time, submitted", body)
	}
	if len(made.Warnings) != 1 || !strings.Contains(made.Warnings[0], "not approved") {
		t.Fatalf("warnings %q: want the supply's review named", made.Warnings)
	}

	t.Run("entered after the festival it is late", func(t *testing.T) {
		now.Store(time.Date(2026, 2, 24, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)))
		defer now.Store(time.Date(2026, 2, 24, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)))
		resp, body := clerk.as(t).do("POST", "/api/v1/transactions", nil, []byte(transactionJSON("lease", "1306262026B00202", "ZL-2026-001", "2026-02-05")))
		clerk.as(t).status(http.StatusCreated, resp, body)
		if x := decodeTransaction(t, body); x.LagWorkdays == nil || *x.LagWorkdays != 8 || !x.Late {
			t.Fatalf("%s: want 8 working days, late", body)
		}
		resp, body = clerk.as(t).do("POST", "/api/v1/transactions", nil, []byte(transactionJSON("转让", "1306262026B00202", "ZR-2026-001", "2026-02-20")))
		clerk.as(t).status(http.StatusCreated, resp, body)
		if certs, _, _ := transactionPage(clerk.as(t), "/api/v1/transactions?late=true"); strings.Join(certs, ",") != "ZL-2026-001" {
			t.Fatalf("the late list: %v", certs)
		}
		// Counted against the county among the register's records: three
		// entered, the lease late.
		resp, body = clerk.as(t).do("GET", "/api/v1/timeliness?region=130626&from=2000-01-01&to=2100-12-31", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), `"records":3,"records_late":1`) {
			t.Fatalf("timeliness of the county: %s", body)
		}
	})

	t.Run("refusals name the field", func(t *testing.T) {
		c := clerk.as(t)
		for _, tt := range []struct{ body, field string }{
			{strings.Replace(transactionJSON("mortgage", "1306262026B00201", "DY-X", "2026-02-05"), `"area_ha":0.5`, `"area_ha":1.5`, 1), "area_ha"},
			{strings.Replace(transactionJSON("mortgage", "1306262026B00201", "DY-X", "2026-02-05"), `"area_ha":0.5`, `"area_ha":0.5,"parcel_ids":[999999]`, 1), "parcel_ids[0]"},
			{transactionJSON("mortgage", "1306262026B09999", "DY-X", "2026-02-05"), "e_number"},
			{transactionJSON("gift", "1306262026B00201", "DY-X", "2026-02-05"), "kind"},
			{strings.Replace(transactionJSON("lease", "1306262026B00201", "DY-X", "2026-02-05"), `"lease_years":10`, `"lease_years":30`, 1), "lease_years"},
		} {
			resp, body := c.do("POST", "/api/v1/transactions", nil, []byte(tt.body))
			c.status(http.StatusBadRequest, resp, body)
			if !strings.Contains(string(body), `"field":"`+tt.field+`"`) {
				t.Errorf("the refusal does not name %s: %s", tt.field, body)
			}
		}
		resp, body := c.do("POST", "/api/v1/transactions", nil, []byte(transactionJSON("mortgage", "1306262026B00202", "DY-2026-001", "2026-02-05")))
		c.status(http.StatusConflict, resp, body)
	})

	t.Run("a part of the supply's parcels is named by their ids", func(t *testing.T) {
		c := clerk.as(t)
		resp, body := c.do("GET", "/api/v1/supplies/1306262026B00201", nil, nil)
		c.status(http.StatusOK, resp, body)
		var sup struct {
			Parcels []struct {
				ID int64 `json:"id"`
			} `json:"parcels"`
		}
		if err := json.Unmarshal(body, &sup); err != nil || len(sup.Parcels) != 1 {
			t.Fatalf("%v: %s", err, body)
		}
		part := strings.Replace(transactionJSON("lease", "1306262026B00201", "ZL-2026-002", "2026-02-20"), `"area_ha":0.5`,
			`"area_ha":0.2,"parcel_ids":[`+strconv.FormatInt(sup.Parcels[0].ID, 10)+`]`, 1)
		resp, body = c.do("POST", "/api/v1/transactions", nil, []byte(part))
		c.status(http.StatusCreated, resp, body)
	})

	t.Run("the county lists them by kind, supply and active mortgage a page at a time", func(t *testing.T) {
		c := clerk.as(t)
		if certs, total, _ := transactionPage(c, "/api/v1/transactions?region=130626&kind=抵押&active=true"); total != 1 || certs[0] != "DY-2026-001" {
			t.Fatalf("active mortgages: %v (%d)", certs, total)
		}
		if certs, total, _ := transactionPage(c, "/api/v1/supplies/1306262026B00202/transactions"); total != 2 || strings.Join(certs, ",") != "ZL-2026-001,ZR-2026-001" {
			t.Fatalf("the supply's transactions: %v", certs)
		}
		if certs, _, _ := transactionPage(c, "/api/v1/transactions?supply=1306262026B00201&kind=lease"); strings.Join(certs, ",") != "ZL-2026-002" {
			t.Fatalf("the supply's leases: %v", certs)
		}
		first, total, next := transactionPage(c, "/api/v1/transactions?limit=2")
		if total != 4 || len(first) != 2 || next == "" {
			t.Fatalf("first page %v of %d, next %q", first, total, next)
		}
		rest, _, next := transactionPage(c, next)
		if len(rest) != 2 || next != "" || rest[0] == first[1] {
			t.Fatalf("second page %v, next %q", rest, next)
		}
	})

	t.Run("another county cannot see them nor enter one on the county's land", func(t *testing.T) {
		o := other.as(t)
		resp, body := o.do("GET", "/api/v1/transactions/DY-2026-001", nil, nil)
		o.status(http.StatusForbidden, resp, body)
		resp, body = o.do("GET", "/api/v1/transactions?region=130626", nil, nil)
		o.status(http.StatusForbidden, resp, body)
		if certs, _, _ := transactionPage(o, "/api/v1/transactions"); len(certs) != 0 {
			t.Fatalf("another county sees %v", certs)
		}
		resp, body = o.do("POST", "/api/v1/transactions", nil, []byte(transactionJSON("mortgage", "1306262026B00201", "DY-B", "2026-02-05")))
		o.status(http.StatusForbidden, resp, body)
	})

	t.Run("a PATCH needs the current version and keeps the first lag", func(t *testing.T) {
		c := clerk.as(t)
		resp, body := c.do("PATCH", "/api/v1/transactions/DY-2026-001", http.Header{"If-Match": {`"v9"`}}, []byte(`{"party_to":"某农商银行"}`))
		c.status(http.StatusPreconditionFailed, resp, body)
		resp, body = c.do("PATCH", "/api/v1/transactions/DY-2026-001", http.Header{"If-Match": {`"v1"`}}, []byte(`{"lag_workdays":0}`))
		c.status(http.StatusBadRequest, resp, body)
		resp, body = c.do("PATCH", "/api/v1/transactions/DY-2026-001", http.Header{"If-Match": {`"v1"`}}, []byte(`{"party_to":"某农商银行"}`))
		c.status(http.StatusOK, resp, body)
		if x := decodeTransaction(t, body); x.Version != 2 || *x.LagWorkdays != 7 || x.Late {
			t.Fatalf("after the PATCH: %s", body)
		}
	})

	t.Run("a mortgage is released once, not before its registration; a lease is not released", func(t *testing.T) {
		c := clerk.as(t)
		resp, body := c.do("POST", "/api/v1/transactions/DY-2026-001/release", nil, []byte(`{"released_on":"2026-02-04"}`))
		c.status(http.StatusBadRequest, resp, body)
		if !strings.Contains(string(body), `"field":"released_on"`) {
			t.Fatalf("a release before the registration: %s", body)
		}
		resp, body = c.do("POST", "/api/v1/transactions/ZL-2026-001/release", nil, []byte(`{"released_on":"2026-02-20"}`))
		c.status(http.StatusBadRequest, resp, body)
		resp, body = c.do("POST", "/api/v1/transactions/DY-2026-001/release", http.Header{"If-Match": {`"v2"`}}, []byte(`{"released_on":"2026-02-20"}`))
		c.status(http.StatusOK, resp, body)
		if x := decodeTransaction(t, body); x.ReleasedOn != "2026-02-20" || x.Version != 3 {
			t.Fatalf("after the release: %s", body)
		}
		resp, body = c.do("POST", "/api/v1/transactions/DY-2026-001/release", nil, []byte(`{"released_on":"2026-02-21"}`))
		c.status(http.StatusConflict, resp, body)
		if certs, _, _ := transactionPage(c, "/api/v1/transactions?active=true"); len(certs) != 0 {
			t.Fatalf("a released mortgage is still active: %v", certs)
		}
		mortgaged, err := svc.MortgagedSupplies(t.Context(), land.SystemScope("test"), "130626")
		if err != nil || len(mortgaged) != 0 {
			t.Fatalf("mortgaged supplies after the release: %v, %v", mortgaged, err)
		}
	})

	t.Run("the province's reviewer approves it; the clerk may not", func(t *testing.T) {
		approvedByReviewerNotClerk(t, clerk, reviewer, "/api/v1/transactions/DY-2026-001")
	})

	t.Run("its history holds every version", func(t *testing.T) {
		resp, body := clerk.as(t).do("GET", "/api/v1/transactions/DY-2026-001/history", nil, nil)
		clerk.as(t).status(http.StatusOK, resp, body)
		var h struct {
			Items []struct {
				Entity    string `json:"entity"`
				Version   int    `json:"version"`
				ChangedBy string `json:"changed_by"`
			} `json:"items"`
		}
		if err := json.Unmarshal(body, &h); err != nil {
			t.Fatal(err)
		}
		if len(h.Items) != 4 || h.Items[0].Entity != "land_transaction" || h.Items[0].ChangedBy != "trans-clerk" || h.Items[3].ChangedBy != "hebei-reviewer" {
			t.Fatalf("history: %s", body)
		}
	})

	t.Run("the audit log has the clerk's entries", func(t *testing.T) {
		resp, body := admin.as(t).do("GET", "/api/v1/audit?actor=trans-clerk", nil, nil)
		admin.as(t).status(http.StatusOK, resp, body)
		if !strings.Contains(string(body), "/api/v1/transactions") || !strings.Contains(string(body), "/release") {
			t.Fatalf("no audit entry of the transaction's creation and release: %s", body)
		}
	})
}

// A mortgage on land suspected idle, and a transfer on land determined idle
// by its events before any scan, are accepted with a warning naming the
// idle stage and a finding of kind idle_transaction naming the
// transaction, one per transaction however often it changes (DESIGN §4.2).
func TestATransactionOnIdleLandIsAcceptedWithAWarningAndAFinding(t *testing.T) {
	t.Parallel()
	ts, c, _, suspicion := suspectedLand(t, "1306262022B00301", 2024, 6, 30)

	resp, body := c.do("POST", "/api/v1/transactions", nil, []byte(transactionJSON("mortgage", "1306262022B00301", "DY-IDLE-1", "2024-07-01")))
	c.status(http.StatusCreated, resp, body)
	x := decodeTransaction(t, body)
	flagged := findings(c, "kind=idle_transaction")
	if len(flagged) != 1 {
		t.Fatalf("idle_transaction findings: %+v, want one", flagged)
	}
	f := flagged[0]
	if !strings.HasPrefix(f.Rule, "闲置土地未处置即转让") || strings.Contains(f.Rule, "DESIGN") {
		t.Errorf("the finding's rule %q, want the law's words, as the users read them", f.Rule)
	}
	want := []string{"suspected idle", "finding #" + strconv.FormatInt(suspicion.ID, 10), "suspected_idle, open",
		"finding #" + strconv.FormatInt(f.ID, 10) + " (idle_transaction)", "mortgage"}
	var warning string
	for _, w := range x.Warnings {
		if strings.HasPrefix(w, "idle_land:") {
			warning = w
		}
	}
	for _, s := range want {
		if !strings.Contains(warning, s) {
			t.Errorf("the warning %q does not say %q", warning, s)
		}
	}
	if f.SupplyID == nil || *f.SupplyID != x.SupplyID || !strings.Contains(string(f.Figures), `"transaction_id":`+strconv.FormatInt(x.ID, 10)) ||
		!strings.Contains(string(f.Figures), "DY-IDLE-1") || f.Status != land.FindingOpen {
		t.Fatalf("the finding does not name the transaction: %+v %s", f, f.Figures)
	}

	resp, body = c.do("PATCH", "/api/v1/transactions/DY-IDLE-1", http.Header{"If-Match": {`"v1"`}}, []byte(`{"amount_wan":650}`))
	c.status(http.StatusOK, resp, body)
	if again := findings(c, "kind=idle_transaction"); len(again) != 1 || again[0].ID != f.ID {
		t.Fatalf("after a change: %+v, want the same one finding", again)
	}

	determined := `{"e_number":"1306262022B00302","method":"23","project_name":"测试","area_ha":1,"land_use_original":"0701",
"contract_date":"2022-01-05","agreed_delivery":"2022-02-01","agreed_start":"2022-03-01","price_wan":500,
"events":[{"kind":"delivery","occurred_on":"2022-01-20"},{"kind":"idle_determination","occurred_on":"2024-05-10","cause":"holder","document_no":"定自然资闲认〔2024〕1号"}],
"parcels":{"type":"Feature","properties":{},"geometry":` + square(idleLon+0.01, idleLat, 0.001) + `}}`
	resp, body = c.do("POST", "/api/v1/supplies", nil, []byte(determined))
	c.status(http.StatusCreated, resp, body)
	resp, body = c.do("POST", "/api/v1/transactions", nil, []byte(transactionJSON("transfer", "1306262022B00302", "ZR-IDLE-1", "2024-07-01")))
	c.status(http.StatusCreated, resp, body)
	if y := decodeTransaction(t, body); !strings.Contains(strings.Join(y.Warnings, "|"), "determined idle (认定闲置) and not disposed of: the transfer") {
		t.Fatalf("warnings on determined land: %q", y.Warnings)
	}
	if n := len(findings(c, "kind=idle_transaction")); n != 2 {
		t.Fatalf("%d idle_transaction findings, want 2", n)
	}

	resp, body = c.do("POST", "/api/v1/transactions", nil, []byte(transactionJSON("lease", "1306262026B00010", "ZL-OK-1", "2026-02-05")))
	if resp.StatusCode == http.StatusCreated && strings.Contains(string(body), "idle_land") {
		t.Fatalf("a lease on land not idle warns: %s", body)
	}
	_ = ts
}
