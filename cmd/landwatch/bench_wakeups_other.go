//go:build !linux

package main

import (
	"errors"
	"time"
)

// wakeRoundTrips pins threads to cores, which only Linux is asked to do
// here.
func wakeRoundTrips(a, b, n int, pause time.Duration) (timings, error) {
	return timings{}, errors.New("bench tiles: threads are pinned to cores on Linux only")
}
