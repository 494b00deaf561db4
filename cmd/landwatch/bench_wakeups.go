package main

import (
	"fmt"
	"time"
)

// machineWakeups is a sentence of figures on how long this machine takes
// to wake a thread, on the same core and on another (wakeRoundTrips): the
// floor under the tail of any request that crosses cores. Where the
// threads cannot be pinned (one core allowed, another system) it says so
// instead: the benchmark's other figures stand without it.
func machineWakeups() string {
	const n, pause = 5000, 200 * time.Microsecond
	var same, cross timings
	a, b, err := twoCores()
	if err == nil {
		same, err = wakeRoundTrips(a, a, n, pause)
	}
	if err == nil {
		cross, err = wakeRoundTrips(a, b, n, pause)
	}
	if err != nil {
		return fmt.Sprintf("The machine's own wakeups were not measured: %v.", err)
	}
	slow := 0
	for _, d := range cross.d {
		if d > time.Millisecond {
			slow++
		}
	}
	return fmt.Sprintf("The machine itself, in the same run: two threads passing a byte back and forth through pipes, %d times %s apart, with no Go scheduler between them (`bench_wakeups_linux.go`). On one core (%d) a round trip took p50 %s, p99 %s, p99.9 %s; on two (%d and %d) p50 %s, p99 %s, p99.9 %s, the slowest %s, and %d of the %d (%.2f %%) over a millisecond.",
		n, dur(pause), a, dur(same.p(50)), dur(same.p(99)), dur(same.p(99.9)),
		a, b, dur(cross.p(50)), dur(cross.p(99)), dur(cross.p(99.9)), dur(cross.d[len(cross.d)-1]), slow, n, 100*float64(slow)/n)
}
