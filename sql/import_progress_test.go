package sql_test

import (
	"context"
	"slices"
	"testing"

	"landwatch/land"
	"landwatch/sql"
	"landwatch/sql/sqltest"
)

// A long import tells how far it has come: each step from 0 to all its
// records, never backwards, in the order the import takes them, the
// overlap check last.
func TestAnImportTellsHowFarEachStepHasCome(t *testing.T) {
	svc := sqltest.Running(t)
	d := genCity(t, 2500, 7)
	batch := cityBatch(t, d)
	type call struct {
		step        string
		done, total int
	}
	var calls []call
	rep, err := svc.Import(context.Background(), land.SystemScope("test"), batch, sql.ImportOptions{
		Progress: func(step string, done, total int) { calls = append(calls, call{step, done, total}) }})
	if err != nil || len(rep.Rejected) != 0 {
		t.Fatalf("import: %v, rejected %+v", err, rep.Rejected)
	}
	totals := map[string]int{"supplies": len(batch.Supplies), "boundaries": len(rep.BoundariesChanged),
		"overlap check": len(rep.BoundariesChanged)}
	var steps []string
	dones := map[string][]int{}
	for _, c := range calls {
		if len(steps) == 0 || steps[len(steps)-1] != c.step {
			steps = append(steps, c.step)
		}
		if c.total != totals[c.step] {
			t.Errorf("%s: told of %d records, want %d", c.step, c.total, totals[c.step])
		}
		dones[c.step] = append(dones[c.step], c.done)
	}
	if want := []string{"supplies", "boundaries", "overlap check"}; !slices.Equal(steps, want) {
		t.Fatalf("steps told of %q, want %q", steps, want)
	}
	for step, ds := range dones {
		if ds[0] != 0 || ds[len(ds)-1] != totals[step] || !slices.IsSorted(ds) {
			t.Errorf("%s went %v, want from 0 up to %d", step, ds, totals[step])
		}
	}
	if n := len(dones["supplies"]); n < 3 {
		t.Errorf("the supplies, written in chunks of 2,000, were told of %d times (%v): not after each chunk", n, dones["supplies"])
	}
}
