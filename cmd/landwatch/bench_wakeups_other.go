//go:build !linux

package main

import (
	"errors"
	"time"
)

// errNoPinning is why twoCores and wakeRoundTrips measure nothing here:
// they pin threads to cores, which only Linux is asked to do.
var errNoPinning = errors.New("threads are pinned to cores on Linux only")

func twoCores() (a, b int, err error) { return 0, 0, errNoPinning }

func wakeRoundTrips(a, b, n int, pause time.Duration) (timings, error) {
	return timings{}, errNoPinning
}
