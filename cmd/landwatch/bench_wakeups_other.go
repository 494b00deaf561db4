//go:build !linux

package main

import (
	"errors"
	"time"
)

// twoCores and wakeRoundTrips pin threads to cores, which only Linux is
// asked to do here.
func twoCores() (a, b int, err error) {
	return 0, 0, errors.New("threads are pinned to cores on Linux only")
}

func wakeRoundTrips(a, b, n int, pause time.Duration) (timings, error) {
	return timings{}, errors.New("threads are pinned to cores on Linux only")
}
