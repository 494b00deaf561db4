package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/sql/sqltest"
)

// Mortgaged land is marked on the map: a mortgage entered through the API
// puts the flag mortgaged on its supply's parcels in the tile, within the
// change feed's round, and its release takes it away; the neighbouring
// supply, leased not mortgaged, never carries it.
func TestMortgagedLandIsMarkedInTheTiles(t *testing.T) {
	ts := newTestServerOf(t, sqltest.Running(t), nil)
	clerk := ts.account(t, "mortgage-clerk", land.RoleClerk, "130626")
	for i, n := range []string{"1306262026B00701", "1306262026B00702"} {
		resp, body := clerk.do("POST", "/api/v1/supplies", nil, []byte(supplyJSON(n, square(115.870+float64(i)*0.002, 39.290, 0.001))))
		clerk.status(http.StatusCreated, resp, body)
	}
	flagsOf := func(number string) (string, bool) {
		p, ok := parcelOf(clerk, tilePath(115.8715, 39.2905, 16), number)
		s, _ := p["flags"].(string)
		return s, ok
	}
	mortgaged := func(number string) bool {
		flags, ok := flagsOf(number)
		return ok && strings.Contains(","+flags+",", ",mortgaged,")
	}
	waitFor(t, 10*time.Second, "both parcels in their tile", func() bool {
		_, a := flagsOf("1306262026B00701")
		_, b := flagsOf("1306262026B00702")
		return a && b
	})
	if mortgaged("1306262026B00701") {
		t.Fatal("marked mortgaged before any mortgage")
	}

	resp, body := clerk.do("POST", "/api/v1/transactions", nil, []byte(transactionJSON("抵押", "1306262026B00701", "DY-MAP-001", "2026-02-05")))
	clerk.status(http.StatusCreated, resp, body)
	made := decodeTransaction(t, body)
	resp, body = clerk.do("POST", "/api/v1/transactions", nil, []byte(transactionJSON("出租", "1306262026B00702", "ZL-MAP-001", "2026-02-05")))
	clerk.status(http.StatusCreated, resp, body)
	waitFor(t, 10*time.Second, "the mortgaged parcel marked", func() bool { return mortgaged("1306262026B00701") })
	if mortgaged("1306262026B00702") {
		t.Fatal("the leased parcel is marked mortgaged")
	}

	resp, body = clerk.do("POST", fmt.Sprintf("/api/v1/transactions/%d/release", made.ID), nil, []byte(`{"released_on":"2026-02-12"}`))
	clerk.status(http.StatusOK, resp, body)
	waitFor(t, 10*time.Second, "the mark gone after the release", func() bool {
		_, ok := flagsOf("1306262026B00701")
		return ok && !mortgaged("1306262026B00701")
	})
}
