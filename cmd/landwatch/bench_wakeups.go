package main

import (
	"fmt"
	"runtime"
	"time"
)

// machineWakeups is a sentence on how long this machine takes to wake a
// thread, on the same core and on another (wakeRoundTrips): the floor
// under the tail of any request that crosses cores, which a request at
// eight clients on two cores does several times (the client's write
// wakes the server's reader, its answer wakes the client).
func machineWakeups() (string, error) {
	const n, pause = 5000, 200 * time.Microsecond
	if runtime.NumCPU() < 2 {
		return "", nil
	}
	same, err := wakeRoundTrips(0, 0, n, pause)
	if err != nil {
		return "", err
	}
	cross, err := wakeRoundTrips(0, 1, n, pause)
	if err != nil {
		return "", err
	}
	slow := 0
	for _, d := range cross.d {
		if d > time.Millisecond {
			slow++
		}
	}
	return fmt.Sprintf("The machine itself, in the same run: two threads passing a byte back and forth through pipes, %d times %s apart, with no Go scheduler between them (`bench_wakeups_linux.go`). On one core a round trip took p50 %s, p99 %s, p99.9 %s; on two cores p50 %s, p99 %s, p99.9 %s, the slowest %s, and %d of the %d (%.2f %%) over a millisecond. A request at eight clients on two cores crosses between them several times (the client's write wakes the server's reader, the answer wakes the client, Go wakes an idle thread for the work made ready), so a few crossings at that rate land about one request in a hundred over a millisecond: for a tile that costs tens of microseconds, the p99 is these wakeups and not its own work.",
		n, dur(pause), dur(same.p(50)), dur(same.p(99)), dur(same.p(99.9)),
		dur(cross.p(50)), dur(cross.p(99)), dur(cross.p(99.9)), dur(cross.d[len(cross.d)-1]), slow, n, 100*float64(slow)/n), nil
}
