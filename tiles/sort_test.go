package tiles

import (
	"math/rand/v2"
	"slices"
	"testing"

	"landwatch/spatial"
)

// TestParcelsAreSortedAsAComparingSortWould: the radix sort of the parcels
// found gives the order of a comparing sort, for every size around its
// switch from one to the other and ids small and large, of every kind.
func TestParcelsAreSortedAsAComparingSortWould(t *testing.T) {
	var scratch []found
	for seed := uint64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		for _, n := range []int{0, 1, 63, 64, 65, 1000, 7000} {
			span := []int64{1 << 12, 1 << 20, 1 << 40}[rng.IntN(3)]
			seen := map[uint64]bool{}
			var in []found
			for len(in) < n {
				kind := spatial.Kind(1 + rng.IntN(4))
				if o := uint64(kind)<<56 | uint64(rng.Int64N(span)+1); !seen[o] {
					seen[o] = true
					in = append(in, found{order: o})
				}
			}
			want := make([]uint64, len(in))
			for i, f := range in {
				want[i] = f.order
			}
			slices.Sort(want)
			var got []found
			got, scratch = sortFound(slices.Clone(in), scratch)
			for i := range want {
				if got[i].order != want[i] {
					t.Fatalf("seed %d, %d parcels: at %d the order is %x, want %x", seed, n, i, got[i].order, want[i])
				}
			}
			if len(got) != len(want) {
				t.Fatalf("seed %d: %d parcels sorted into %d", seed, n, len(got))
			}
		}
	}
}
