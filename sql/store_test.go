package sql_test

import (
	"context"
	"testing"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

func TestCreateSupplyKeepsThePlaneAreaOfItsZone(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	sup := sqltest.NewSupply("1306262018B00730")
	warnings, err := st.CreateSupply(ctx, land.SystemScope("clerk-130626"), sup)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings = %v, want none", warnings)
	}
	got, err := st.GetSupply(ctx, land.SystemScope("test"), "1306262018B00730")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != sup.ID || got.RegionCode != "130626" || got.Kind != land.KindTransfer || got.LandUseCode != "0701" {
		t.Errorf("stored supply = id %d region %s kind %s land use %s", got.ID, got.RegionCode, got.Kind, got.LandUseCode)
	}
	if len(got.Parcels) != 1 {
		t.Fatalf("parcels = %d, want 1", len(got.Parcels))
	}
	p := got.Parcels[0]
	if p.GKEPSG != 4527 {
		t.Errorf("zone EPSG = %d, want 4527", p.GKEPSG)
	}
	if diff := p.PlaneAreaM2 - 9600; diff > 0.01 || diff < -0.01 {
		t.Errorf("plane area = %.4f m², want 9600 (100 m square less a 20 m hole)", p.PlaneAreaM2)
	}
	var postgis float64
	if err := st.Pool().QueryRow(ctx, `SELECT ST_Area(ST_Transform(geom, 4527)) FROM parcel WHERE id = $1`, p.ID).Scan(&postgis); err != nil {
		t.Fatal(err)
	}
	if diff := postgis - p.PlaneAreaM2; diff > 0.01 || diff < -0.01 {
		t.Errorf("PostGIS plane area %.4f differs from ours %.4f", postgis, p.PlaneAreaM2)
	}
	if got.Stage != land.StageSupplied {
		t.Errorf("stage = %s, want supplied", got.Stage)
	}
}

func TestCreateSupplyRefusesBadRecordsWithoutWritingAnything(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sqltest.NewSupply("1306262018B00731")); err != nil {
		t.Fatal(err)
	}
	selfCrossing := orb.MultiPolygon{{{{115.78, 39.26}, {115.79, 39.27}, {115.79, 39.26}, {115.78, 39.27}, {115.78, 39.26}}}}
	cases := []struct {
		name  string
		edit  func(*land.Supply)
		code  land.Code
		field string
	}{
		{"a malformed e-supervision number is invalid", func(s *land.Supply) { s.ENumber = "13062618B0073" }, land.CodeInvalid, "e_number"},
		{"an e-supervision number already used is a conflict", func(s *land.Supply) { s.ENumber = "1306262018B00731" }, land.CodeConflict, "e_number"},
		{"an unknown land use is invalid", func(s *land.Supply) { s.LandUseOriginal = "月球用地" }, land.CodeInvalid, "land_use_original"},
		{"a self-intersecting boundary is invalid", func(s *land.Supply) { s.Parcels[0].Geometry = selfCrossing }, land.CodeInvalid, "parcels[0].geometry"},
		{"a completion before any start is invalid", func(s *land.Supply) {
			s.Events = []land.Event{{Kind: land.EventCompletion, OccurredOn: land.NewDate(2020, 1, 1)}}
		}, land.CodeInvalid, "events[0].kind"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sup := sqltest.NewSupply("1306262018B00732")
			c.edit(sup)
			_, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sup)
			if land.ErrorCode(err) != c.code {
				t.Fatalf("error %v: code %q, want %q", err, land.ErrorCode(err), c.code)
			}
			if f := land.ErrorField(err); f != c.field {
				t.Errorf("field = %q, want %q (%v)", f, c.field, err)
			}
			n, err := st.CountSupplies(ctx)
			if err != nil || n != 1 {
				t.Errorf("supplies after a refused write = %d (%v), want 1", n, err)
			}
		})
	}
}

func TestUpdateSupplyNeedsTheCurrentVersionAndKeepsHistory(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	sup := sqltest.NewSupply("1306262018B00733")
	if _, err := st.CreateSupply(ctx, land.SystemScope("clerk-a"), sup); err != nil {
		t.Fatal(err)
	}
	rename := func(s *land.Supply) error { s.Holder = "新权利人有限公司"; return nil }
	updated, _, err := st.UpdateSupply(ctx, land.SystemScope("clerk-b"), "1306262018B00733", sup.Version, rename)
	if err != nil {
		t.Fatalf("update with the current version: %v", err)
	}
	if updated.Version != sup.Version+1 || updated.Holder != "新权利人有限公司" || updated.UpdatedBy != "clerk-b" {
		t.Errorf("after update: version %d holder %q by %q", updated.Version, updated.Holder, updated.UpdatedBy)
	}
	_, _, err = st.UpdateSupply(ctx, land.SystemScope("clerk-c"), "1306262018B00733", sup.Version, rename)
	if land.ErrorCode(err) != land.CodeStale {
		t.Fatalf("update with a stale version: %v, want code stale", err)
	}
	hist, err := st.History(ctx, land.SystemScope("test"), "1306262018B00733", false)
	if err != nil {
		t.Fatal(err)
	}
	var supplyVersions []sql.Version
	for _, v := range hist {
		if v.Entity == "supply" {
			supplyVersions = append(supplyVersions, v)
		}
	}
	if len(supplyVersions) != 2 {
		t.Fatalf("supply versions in history = %d, want 2 (%+v)", len(supplyVersions), hist)
	}
	if supplyVersions[0].ChangedBy != "clerk-a" || supplyVersions[1].ChangedBy != "clerk-b" {
		t.Errorf("history authors = %s, %s; want clerk-a, clerk-b", supplyVersions[0].ChangedBy, supplyVersions[1].ChangedBy)
	}
}

func TestEventsMoveTheStageInOrder(t *testing.T) {
	st := sqltest.Store(t)
	ctx := context.Background()
	if _, err := st.CreateSupply(ctx, land.SystemScope("clerk"), sqltest.NewSupply("1306262018B00734")); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name  string
		event land.Event
		code  land.Code
		stage land.Stage
	}{
		{"a completion before the start is refused", land.Event{Kind: land.EventCompletion, OccurredOn: land.NewDate(2019, 3, 1)}, land.CodeInvalid, ""},
		{"a delivery makes it delivered", land.Event{Kind: land.EventDelivery, OccurredOn: land.NewDate(2019, 1, 20)}, "", land.StageDelivered},
		{"a second delivery is a conflict", land.Event{Kind: land.EventDelivery, OccurredOn: land.NewDate(2019, 1, 21)}, land.CodeConflict, ""},
		{"a start makes it under construction", land.Event{Kind: land.EventStart, OccurredOn: land.NewDate(2019, 6, 1)}, "", land.StageConstruction},
		{"an event in the future is refused", land.Event{Kind: land.EventCompletion, OccurredOn: land.NewDate(2099, 1, 1)}, land.CodeInvalid, ""},
		{"a completion makes it completed", land.Event{Kind: land.EventCompletion, OccurredOn: land.NewDate(2021, 6, 1)}, "", land.StageCompleted},
		{"an acceptance makes it accepted", land.Event{Kind: land.EventAcceptance, OccurredOn: land.NewDate(2021, 9, 1)}, "", land.StageAccepted},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			_, stage, err := st.AddEvent(ctx, land.SystemScope("inspector"), "1306262018B00734", s.event)
			if land.ErrorCode(err) != s.code {
				t.Fatalf("error %v, want code %q", err, s.code)
			}
			if err == nil && stage != s.stage {
				t.Errorf("stage = %s, want %s", stage, s.stage)
			}
		})
	}
	got, err := st.GetSupply(ctx, land.SystemScope("test"), "1306262018B00734")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Events) != 4 || got.Stage != land.StageAccepted {
		t.Errorf("stored: %d events, stage %s; want 4 events, accepted", len(got.Events), got.Stage)
	}
}

func sqlFindings(kind, status string) sql.FindingFilter {
	return sql.FindingFilter{Kind: kind, Status: status}
}
