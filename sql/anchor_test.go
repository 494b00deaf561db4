package sql_test

import (
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"

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
	// tileOf returns the parcels of the tile at the idle supply's middle by
	// stage, and its labels by their parcel's id.
	tileOf := func(z uint32) (map[string]*geojson.Feature, map[any]map[string]any) {
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
		byStage, labels := map[string]*geojson.Feature{}, map[any]map[string]any{}
		for _, l := range layers {
			switch l.Name {
			case "parcels":
				for _, f := range l.Features {
					byStage[f.Properties["stage"].(string)] = f
				}
			case "labels":
				for _, f := range l.Features {
					labels[f.ID] = f.Properties
				}
			default:
				t.Fatalf("z%d: a layer %s, want only parcels and labels (no overlaps, no findings)", z, l.Name)
			}
		}
		return byStage, labels
	}
	got, labels := tileOf(14)
	if f := got["idle"]; f == nil || f.Properties["flags"] != "overdue_start,late_entry" {
		t.Errorf("the idle supply at z14: %v, want flags overdue_start,late_entry", f)
	}
	if f := got["completed"]; f == nil || f.Properties["flags"] != "" {
		t.Errorf("the completed supply at z14: %v, want no flags", f)
	}
	if len(labels) > 0 {
		t.Errorf("labels at z14: %v, want none", labels)
	}
	got, labels = tileOf(16)
	if f := got["idle"]; f == nil || labels[f.ID]["e_number"] == nil {
		t.Errorf("the idle supply at z16: %v, labels %v; want its label under its parcel's id", f, labels)
	}
}
