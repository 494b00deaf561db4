package supervision

import "testing"

// A pair's key sorts as the engine sorts pairs (supply parcels before
// reserve land, then by id) and stays a number every JSON reader holds.
func TestPairKeysSortAsThePairsAndFitJSONNumbers(t *testing.T) {
	supply := func(id int64) OverlapParty { return OverlapParty{ParcelID: id} }
	reserve := func(id int64) OverlapParty { return OverlapParty{ParcelID: id, Reserve: "CB1"} }
	const big = 1<<25 - 1
	ordered := []PairOverlap{
		{A: supply(1), B: supply(2)},
		{A: supply(1), B: supply(big)},
		{A: supply(1), B: reserve(1)},
		{A: supply(2), B: supply(1)},
		{A: supply(big), B: reserve(big)},
		{A: reserve(1), B: reserve(2)},
		{A: reserve(big), B: reserve(big)},
	}
	for i := 1; i < len(ordered); i++ {
		if a, b := pairKey(ordered[i-1]), pairKey(ordered[i]); a >= b {
			t.Errorf("pair %d's key %d is not below pair %d's %d", i-1, a, i, b)
		}
	}
	if k := pairKey(ordered[len(ordered)-1]); k >= 1<<53 {
		t.Errorf("key %d is not below 2^53", k)
	}
}
