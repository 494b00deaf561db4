package spatial

import (
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

func TestRingDepthsCountTheRingsHoldingEachOne(t *testing.T) {
	tests := []struct {
		name          string
		rings         []orb.Ring
		depth, parent []int
	}{
		{"an island in a hole, listed innermost first",
			[]orb.Ring{box(4, 4, 6, 6), box(2, 2, 8, 8), box(0, 0, 10, 10)}, []int{2, 1, 0}, []int{1, 2, -1}},
		{"two parts side by side, a hole in the second",
			[]orb.Ring{box(0, 0, 10, 10), box(20, 0, 30, 10), box(22, 2, 24, 4)}, []int{0, 0, 1}, []int{-1, -1, 1}},
		{"a ring touching another's boundary from inside is held by it",
			[]orb.Ring{box(0, 0, 10, 10), box(0, 2, 4, 4)}, []int{0, 1}, []int{-1, 0}},
		{"a ring lying wholly on another's boundary is not held by it",
			[]orb.Ring{box(0, 0, 10, 10), box(0, 0, 10, 10)}, []int{0, 0}, []int{-1, -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			depth, parent := RingDepths(tt.rings)
			if !slices.Equal(depth, tt.depth) || !slices.Equal(parent, tt.parent) {
				t.Errorf("depths %v, parents %v; want %v, %v", depth, parent, tt.depth, tt.parent)
			}
		})
	}
}
