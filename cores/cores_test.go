package cores

import (
	"sync/atomic"
	"testing"
)

// Every index is handed out exactly once, whatever the block and however
// the count falls against it, and none is left when Each returns.
func TestEachCallsEveryIndexOnce(t *testing.T) {
	for _, c := range []struct{ n, block int }{{0, 64}, {1, 64}, {63, 64}, {64, 64}, {65, 64}, {1000, 7}, {5000, 256}} {
		calls := make([]atomic.Int32, c.n)
		Each(c.n, c.block, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if got := calls[i].Load(); got != 1 {
				t.Fatalf("n %d, block %d: index %d called %d times", c.n, c.block, i, got)
			}
		}
	}
}
