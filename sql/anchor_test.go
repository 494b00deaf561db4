package sql_test

import (
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// TestDressedFabricInThePostGISTile: the supplies a benchmark generates on
// a real cadastre's parcels keep their stage, method and flags, and the
// PostGIS anchor tile carries them as landwatch's tiles do (the flags of
// today, no label below zoom 16, the label from it).
func TestDressedFabricInThePostGISTile(t *testing.T) {
	st := sqltest.Service(t).Store()
	ctx := context.Background()
	square := func(x float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x, 39.26}, {x + 0.001, 39.26}, {x + 0.001, 39.261}, {x, 39.261}, {x, 39.26}}}}
	}
	dress := []sql.FabricDress{
		{Stage: "idle", Method: "22", LandUse: "0601", ContractYear: 2015, AgreedStart: land.NewDate(2016, 6, 1), Late: true},
		{Stage: "completed", Method: "23", LandUse: "0701", ContractYear: 2019},
	}
	if _, err := st.LoadDressedFabric(ctx, "130626", []orb.MultiPolygon{square(115.7800), square(115.7820)}, dress); err != nil {
		t.Fatal(err)
	}
	tileOf := func(z uint32) map[string]map[string]any {
		n := math.Exp2(float64(z))
		x := uint32((115.7805 + 180) / 360 * n)
		s := math.Sin(39.2605 * math.Pi / 180)
		y := uint32((0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)) * n)
		b, err := st.PostGISTile(ctx, z, x, y)
		if err != nil {
			t.Fatal(err)
		}
		layers, err := mvt.Unmarshal(b)
		if err != nil {
			t.Fatal(err)
		}
		if len(layers) != 1 || layers[0].Name != "parcels" {
			t.Fatalf("z%d: %d layers, want only parcels (no overlaps, no findings)", z, len(layers))
		}
		byStage := map[string]map[string]any{}
		for _, f := range layers[0].Features {
			byStage[f.Properties["stage"].(string)] = f.Properties
		}
		return byStage
	}
	got := tileOf(14)
	if p := got["idle"]; p == nil || p["flags"] != "overdue_start,late_entry" || p["e_number"] != nil {
		t.Errorf("the idle supply at z14: %v, want flags overdue_start,late_entry and no label", p)
	}
	if p := got["completed"]; p == nil || p["flags"] != "" {
		t.Errorf("the completed supply at z14: %v, want no flags", p)
	}
	if p := tileOf(16)["idle"]; p == nil || p["e_number"] == nil {
		t.Errorf("the idle supply at z16: %v, want its label", p)
	}
}
