package main

import (
	"context"
	"strconv"
	"testing"

	"landwatch/land"
	"landwatch/seed"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// The demo county's plan of the year is loaded as `landwatch seed` loads
// it, approved, so that the public side publishes it, and its progress
// counts the year's supplies: partway in every class that was supplied.
func TestTheDemoCityLoadsItsPlan(t *testing.T) {
	ctx := context.Background()
	svc := sqltest.Service(t)
	o := seed.Default()
	o.Parcels = 1500
	demo := loadDemoCity(t, o, svc.Import)
	key := demo.Plan.RegionCode + "-" + strconv.Itoa(demo.Plan.Year)
	p, err := svc.GetPlan(ctx, land.SystemScope("test"), key)
	if err != nil || p.ReviewStatus != land.ReviewApproved || p.Progress == nil {
		t.Fatalf("%s: %+v %v", key, p, err)
	}
	if p.Progress.Share == nil || *p.Progress.Share < 0.5 || *p.Progress.Share > 1 {
		t.Fatalf("the plan's progress %+v: want partway", p.Progress)
	}
	items, total, _, err := svc.PublicPlans(ctx, sql.PublicPlanFilter{Region: o.RegionCode})
	if err != nil || total != 1 || items[0].Progress == nil {
		t.Fatalf("published plans %+v %v", items, err)
	}
}
