// Package cores spreads independent work over every core: the checks of an
// import's records and boundaries, and the overlap checks of what it wrote.
package cores

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn for every index below n, block indexes at a time on every
// core, and returns when all are done. fn must be safe to call
// concurrently; results written by index keep the input's order.
func Each(n, block int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (n+block-1)/block) {
		wg.Go(func() {
			for from := int(next.Add(int64(block)) - int64(block)); from < n; from = int(next.Add(int64(block)) - int64(block)) {
				for i := from; i < min(from+block, n); i++ {
					fn(i)
				}
			}
		})
	}
	wg.Wait()
}
