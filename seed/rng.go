package seed

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
)

// Purposes of the random streams: each block draws its geometry and its
// attributes from separate streams, so Fabric and City share parcels.
const (
	streamTown uint64 = iota + 1
	streamGeometry
	streamAttributes
	streamDates
)

// newRand returns the PCG stream of one purpose for one key (town, block …)
// under seed. Streams depend only on their arguments, never on the order in
// which goroutines run.
func newRand(seed int64, purpose, key uint64) *rand.Rand {
	return rand.New(rand.NewPCG(splitmix(uint64(seed)^purpose<<56), splitmix(key+purpose*0x9e3779b97f4a7c15)))
}

// splitmix is the SplitMix64 finaliser: it spreads nearby keys apart.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// uniform returns a number in [lo, hi).
func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// between returns an integer in [lo, hi].
func between(r *rand.Rand, lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// logUniform returns a number whose logarithm is uniform in [log lo, log hi).
func logUniform(r *rand.Rand, lo, hi float64) float64 {
	return math.Exp(uniform(r, math.Log(lo), math.Log(hi)))
}

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// pick returns an index drawn with the given weights.
func pick(r *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// workers is the number of goroutines parallel runs.
func workers() int { return max(1, runtime.GOMAXPROCS(0)) }

// parallel calls fn(w, i) for every i in [0, n) on all CPUs, w being the
// worker (0 ≤ w < workers()) that runs it, for scratch space. fn must write
// only to its own index, which keeps the result independent of scheduling.
func parallel(n int, fn func(w, i int)) {
	workers := min(workers(), n)
	if workers <= 1 {
		for i := range n {
			fn(0, i)
		}
		return
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				fn(w, i)
			}
		}()
	}
	wg.Wait()
}
