package main

import "runtime"

// holdGCFloor holds mb megabytes that the collector counts as live heap but
// never reads, until the function it returns is called (deferred by the
// commands that serve); nothing for 0.
//
// Go paces its collections by the live heap: with GOGC=100 it collects
// each time as much again has been allocated. A county's register makes a
// live heap of tens of megabytes, and serving tiles allocates that much in
// a few seconds, so the server collected several times a second, and a
// request that meets a collection waits. Paris's cadastre (12 MB live)
// served from one core to eight connections, three alternating rounds:
// without the floor 133–145 collections a run and a light tile's p99
// 3.5–5.7 times its p50 (z16) and 3.6–3.7 (z17); with 64 MB, 42–45
// collections and 2.6–2.8 and 2.5–3.5 (BENCHMARKS.md, "from a client
// outside the process"). The pacer counts the floor as live, so that a
// collection comes once the live heap and the floor have been allocated
// again (GOGC=100): a small register's server collects every few seconds,
// while a province's, whose live heap is far larger, is left almost as it
// was.
//
// It is a block of bytes without pointers, never written: it costs the
// collector no marking, and the machine no resident memory, since the
// kernel gives a page only when it is touched. What it does cost is the
// garbage allowed between collections, up to twice the floor. (Go has no
// setting for a minimum heap goal; a block like this one is the known way
// to give it one. GOMEMLIMIT only ever collects sooner.) The operator who
// sets GOGC or GOMEMLIMIT paces the collector alone (loadConfig).
func holdGCFloor(mb int) (release func()) {
	floor := gcFloor(mb)
	return func() { runtime.KeepAlive(floor) }
}

// gcFloor is the block itself; nil for 0.
func gcFloor(mb int) []byte {
	if mb <= 0 {
		return nil
	}
	return make([]byte, mb<<20)
}
