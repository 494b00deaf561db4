package sql_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// The index load computes the flags of every supply set-based (one pass
// over the events, the findings and the mortgages); the change feed
// computes them row by row. On a register where every flag is set on some
// supplies and held off on others by each thing that holds it off (an
// event recorded, withdrawn or not; a finding closed; a mortgage released;
// a stage past the flag; an agreed day not yet come), both give every
// parcel the same row. So does the change feed's set-based read of many
// changes, for the parcels and the supplies it is given.
func TestTheIndexLoadFlagsEverySupplyAsTheChangeFeedDoes(t *testing.T) {
	ctx := context.Background()
	st := sqltest.Store(t)
	sys := land.SystemScope("test")
	rnd := rand.New(rand.NewPCG(18, 3))
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := st.Pool().Exec(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	stages := []land.Stage{land.StageSupplied, land.StageDelivered, land.StageConstruction, land.StageCompleted,
		land.StageIdle, land.StageReclaimed}
	var ids []int64
	parcelOf := map[int64]int64{}
	for i := range 80 {
		sup := sqltest.NewSupply(fmt.Sprintf("1306262018B%05d", i+1))
		sup.Parcels[0].Geometry = sqltest.Square(4348000+float64(i/10)*300, 393000+float64(i%10)*300, 100, 20)
		if _, err := st.CreateSupply(ctx, sys, sup); err != nil {
			t.Fatalf("create %s: %v", sup.ENumber, err)
		}
		ids = append(ids, sup.ID)
		parcelOf[sup.ID] = sup.Parcels[0].ID
	}
	day := func() any { // passed, to come, or none
		return []any{"2019-06-01", "2099-06-01", nil}[rnd.IntN(3)]
	}
	for i, id := range ids {
		exec(`UPDATE supply SET stage = $2, late = $3, agreed_delivery = $4, agreed_start = $5, agreed_completion = $6 WHERE id = $1`,
			id, stages[rnd.IntN(len(stages))], rnd.IntN(5) == 0, day(), day(), day())
		for range rnd.IntN(4) {
			kind := []string{"delivery", "construction_start", "completion", "inspection"}[rnd.IntN(4)]
			exec(`INSERT INTO event (supply_id, kind, occurred_on, recorded_by, late, withdrawn) VALUES ($1, $2, '2020-01-01', 'test', $3, $4)`,
				id, kind, rnd.IntN(4) == 0, rnd.IntN(3) == 0)
		}
		for range rnd.IntN(3) {
			kind := []string{"overlap", "reserve_overlap", "suspected_idle", "late_entry"}[rnd.IntN(4)]
			other := any(nil)
			if kind == "overlap" {
				other = ids[(i+1+rnd.IntN(len(ids)-1))%len(ids)]
			}
			exec(`INSERT INTO finding (kind, subject_key, supply_id, other_supply_id, region_code, rule, status)
				VALUES ($1, $2, $3, $4, '130626', 'test', $5)`,
				kind, fmt.Sprintf("test-%d-%d", id, rnd.Int()), id, other, []string{"open", "closed"}[rnd.IntN(2)])
		}
		if rnd.IntN(4) == 0 {
			exec(`INSERT INTO land_transaction (kind, supply_id, region_code, party_from, party_to, area_ha, certificate_no,
				registered_on, released_on, updated_by) VALUES ('mortgage', $1, '130626', 'a', 'b', 0.5, $2, '2021-01-01', $3, 'test')`,
				id, fmt.Sprintf("M%d", id), []any{nil, "2022-01-01"}[rnd.IntN(2)])
		}
	}
	// A third of the parcels are named by parcel, another third by supply.
	var namedParcels, namedSupplies []int64
	for i, id := range ids {
		switch i % 3 {
		case 0:
			namedParcels = append(namedParcels, parcelOf[id])
		case 1:
			namedSupplies = append(namedSupplies, id)
		}
	}
	load, perRow, changed, err := st.IndexRowsThreeWays(ctx, namedParcels, namedSupplies)
	if err != nil {
		t.Fatal(err)
	}
	byID := func(a, b sql.ParcelRow) int { return int(a.ID - b.ID) }
	slices.SortFunc(load, byID)
	slices.SortFunc(perRow, byID)
	slices.SortFunc(changed, byID)
	var wantChanged []sql.ParcelRow
	for _, r := range perRow {
		if slices.Contains(namedParcels, r.ID) || slices.Contains(namedSupplies, r.SupplyID) {
			wantChanged = append(wantChanged, r)
		}
	}
	if len(wantChanged) != len(namedParcels)+len(namedSupplies) {
		t.Fatalf("%d parcels named, want %d", len(wantChanged), len(namedParcels)+len(namedSupplies))
	}
	if !reflect.DeepEqual(changed, wantChanged) {
		t.Errorf("the feed's set-based read of %d named parcels differs from its read row by row:\n%+v\n%+v", len(wantChanged), changed, wantChanged)
	}
	if len(load) != len(ids) || len(perRow) != len(ids) {
		t.Fatalf("rows: load %d, row by row %d, want %d", len(load), len(perRow), len(ids))
	}
	every := []land.Flag{land.FlagOverdueDelivery, land.FlagOverdueStart, land.FlagOverdueCompletion,
		land.FlagOverlap, land.FlagSuspectedIdle, land.FlagLateEntry, land.FlagMortgaged}
	set := map[land.Flag]int{}
	for i := range load {
		if !reflect.DeepEqual(load[i], perRow[i]) {
			t.Errorf("parcel %d: the load reads flags %v, row by row %v\n%+v\n%+v", load[i].ID,
				land.Flag(load[i].Flags).Names(), land.Flag(perRow[i].Flags).Names(), load[i], perRow[i])
		}
		for _, f := range every {
			if land.Flag(perRow[i].Flags)&f != 0 {
				set[f]++
			}
		}
	}
	for _, f := range every {
		if set[f] == 0 || set[f] == len(ids) {
			t.Errorf("flag %v is on %d of %d supplies: the fixture must set it on some and not on others", f.Names(), set[f], len(ids))
		}
	}
}
