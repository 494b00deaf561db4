package main

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"landwatch/land"
	"landwatch/seed"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// The demo city is one county; a second county's demo records (唐县,
// 130627, another seed) beside it give the prefecture a league. Each
// county's late entries in the league are exactly the events the generator
// planted late (lateEntryShare: weeks after their day), the late_entry scan
// opens one finding per late record, and the counties are ranked.
func TestTheLeagueRanksTheDemoCountiesByTheLateEntriesPlanted(t *testing.T) {
	ctx := context.Background()
	svc := sqltest.Service(t)
	first := seed.Default()
	first.Parcels = 1500
	second := first
	second.Seed, second.RegionCode, second.CenterLon, second.Parcels = 7, "130627", 116.30, 1000
	planted := map[string]int{}
	lateEvents := 0
	period, err := land.ParsePeriod("2026")
	if err != nil {
		t.Fatal(err)
	}
	type steps struct{ onTime, late int }
	development := map[land.EventKind]*steps{land.EventDelivery: {}, land.EventStart: {}, land.EventCompletion: {}}
	backlog := map[string]int{}
	for _, o := range []seed.Options{first, second} {
		demo := loadDemoCity(t, o, svc.Import)
		for _, s := range demo.Supplies {
			f := land.Overdue(s, s.Events, period.To)
			for _, flag := range []land.Flag{land.FlagOverdueDelivery, land.FlagOverdueStart, land.FlagOverdueCompletion} {
				if f&flag != 0 {
					backlog[o.RegionCode]++
				}
			}
		}
		for _, s := range demo.Supplies {
			if s.ContractDate.Before(period.From) || s.ContractDate.After(period.To) {
				continue
			}
			agreed := map[land.EventKind]land.Date{land.EventDelivery: s.AgreedDelivery, land.EventStart: s.AgreedStart, land.EventCompletion: s.AgreedCompletion}
			seen := map[land.EventKind]bool{}
			for _, e := range s.Events {
				st, counted := development[e.Kind]
				if !counted || seen[e.Kind] {
					continue
				}
				seen[e.Kind] = true
				if due := agreed[e.Kind]; due.IsZero() || !e.OccurredOn.After(due) {
					st.onTime++
				} else {
					st.late++
				}
			}
		}
		for _, s := range demo.Supplies {
			for _, e := range s.Events {
				_, late := svc.Rules().Lag(e.OccurredOn, e.RecordedAt)
				if !late {
					continue
				}
				lateEvents++
				if day := svc.Rules().DayOf(e.RecordedAt); !day.Before(period.From) && !day.After(period.To) {
					planted[o.RegionCode]++
				}
			}
		}
	}
	if planted["130626"] == 0 || planted["130627"] == 0 {
		t.Fatalf("the generator planted %v late entries in 2026: want some in each county", planted)
	}
	analyst := land.UserScope(land.User{Name: "city-analyst", Role: land.RoleAnalyst, Region: "130600"}, "")
	began := time.Now()
	rows, err := svc.League(ctx, analyst, "", period)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the league of %d regions in %s", len(rows), time.Since(began).Round(time.Millisecond))
	ranked := map[string]land.LeagueRow{}
	for _, r := range rows {
		ranked[r.Region] = r
	}
	for code, n := range planted {
		r := ranked[code]
		if r.Backlog != backlog[code] {
			t.Errorf("%s: backlog %d, land.Overdue finds %d at the period's end", code, r.Backlog, backlog[code])
		}
		if r.LateByKind["event"] != n || r.Late < n || r.Records == 0 || r.Rank == 0 {
			t.Errorf("%s: %d events late (%v) of %d records, rank %d; want the %d planted", code, r.LateByKind["event"], r.LateByKind, r.Records, r.Rank, n)
		}
		t.Logf("%s %s: %d records in 2026, %d late %v (%.1f %%), median lag %.0f, backlog %d, idle %d+%d, overlaps %d, score %.1f, rank %d of %d",
			code, r.Name, r.Records, r.Late, r.LateByKind, r.LateShare*100, r.MedianLag, r.Backlog, r.IdleSuspected, r.IdleDetermined, r.Overlaps, r.Score, r.Rank, len(rows))
	}
	a, b := ranked["130626"], ranked["130627"]
	if (a.Score > b.Score) != (a.Rank < b.Rank) {
		t.Errorf("ranks %d and %d do not follow the scores %v and %v", a.Rank, b.Rank, a.Score, b.Score)
	}

	// The statistics summary's development of the 2026 contracts is the
	// generator's.
	sum, err := svc.StatisticsSummary(ctx, analyst, "", period.From, period.To)
	if err != nil {
		t.Fatal(err)
	}
	for kind, got := range map[land.EventKind]sql.DevelopmentFigures{land.EventDelivery: sum.Delivered, land.EventStart: sum.Started, land.EventCompletion: sum.Completed} {
		if want := development[kind]; got.OnTime.Count != want.onTime || got.Late.Count != want.late {
			t.Errorf("%s: %d on time, %d late; the generator made %d and %d", kind, got.OnTime.Count, got.Late.Count, want.onTime, want.late)
		}
	}
	if sum.Delivered.OnTime.Count+sum.Delivered.Late.Count == 0 || sum.Overlaps.Count == 0 {
		t.Errorf("summary %+v: want deliveries and overlaps in 2026", sum)
	}

	start := time.Now()
	res, err := svc.ScanReporting(ctx, land.SystemScope("scan"), first.Today)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("reporting scan in %s: %+v", time.Since(start).Round(time.Millisecond), res)
	events := 0
	page, _, _, err := svc.ListFindings(ctx, land.SystemScope("test"), sql.FindingFilter{Kind: land.FindingLateEntry, Limit: 5000})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range page {
		var fig struct {
			Record string `json:"record"`
		}
		if json.Unmarshal(f.Figures, &fig) == nil && fig.Record == "event" {
			events++
		}
	}
	// The other kinds of the demo (reserves, plans, transactions …) are
	// imported now and late by their own dates: they have findings too.
	if len(page) <= events {
		t.Errorf("%d late_entry findings, all of events: want the other record kinds' too", len(page))
	}
	if events != lateEvents || res.LateEntryNew != res.LateEntries || len(page) != res.LateEntries {
		t.Errorf("%d late_entry findings of events (%d in all, %d new), want one per planted late event: %d", events, res.LateEntries, res.LateEntryNew, lateEvents)
	}
	again, err := svc.ScanReporting(ctx, land.SystemScope("scan"), first.Today)
	if err != nil || again.LateEntryNew != 0 || again.LateEntryClosed != 0 {
		t.Errorf("a second scan: %+v (%v), want nothing new or closed", again, err)
	}
}
