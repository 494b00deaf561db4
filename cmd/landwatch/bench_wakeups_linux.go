package main

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// wakeRoundTrips times n round trips of a byte between two threads pinned
// to cores a and b, through pipes, pause apart (so that the other core
// goes idle between them, as a server's does between requests). A round
// trip is two wakeups of a thread blocked in the kernel, with no Go
// scheduler between: what this machine itself takes to wake a thread,
// on its own core or on another.
//
// The pinned threads end with their goroutines (they stay locked), so
// that no thread of the process keeps the pinning.
func wakeRoundTrips(a, b, n int, pause time.Duration) (timings, error) {
	var ping, pong [2]int
	if err := syscall.Pipe2(ping[:], syscall.O_CLOEXEC); err != nil {
		return timings{}, err
	}
	if err := syscall.Pipe2(pong[:], syscall.O_CLOEXEC); err != nil {
		closeFDs(ping[:])
		return timings{}, err
	}
	// Each side closes the end it writes to when it stops, so that the
	// other, waiting to read, stops too rather than waiting for ever; the
	// ends read from are closed after both.
	defer closeFDs([]int{ping[0], pong[0]})
	pinned, echoed := make(chan error, 1), make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer closeFDs([]int{pong[1]})
		err := pin(b)
		pinned <- err
		if err == nil {
			echoed <- echo(ping[0], pong[1])
		}
	}()
	if err := <-pinned; err != nil {
		closeFDs([]int{ping[1]})
		return timings{}, err
	}
	timed := make(chan timings, 1)
	go func() {
		runtime.LockOSThread()
		defer closeFDs([]int{ping[1]})
		timed <- bounce(a, n, pause, ping[1], pong[0])
	}()
	t := <-timed
	if err := <-echoed; err != nil && t.err == nil {
		t.err = err
	}
	return t, t.err
}

// echo writes back every byte it reads until it reads 'q'.
func echo(in, out int) error {
	b := make([]byte, 1)
	for {
		if err := readByte(in, b); err != nil {
			return err
		}
		if b[0] == 'q' {
			return nil
		}
		if _, err := syscall.Write(out, b); err != nil {
			return err
		}
	}
}

// bounce, on core cpu, sends n bytes to echo and times each one's return,
// then tells echo to stop.
func bounce(cpu, n int, pause time.Duration, out, in int) timings {
	var t timings
	defer func() { _, _ = syscall.Write(out, []byte{'q'}) }()
	if t.err = pin(cpu); t.err != nil {
		return t
	}
	b := []byte{'x'}
	t.d = make([]time.Duration, 0, n)
	for range n {
		t0 := time.Now()
		if _, t.err = syscall.Write(out, b); t.err != nil {
			return t
		}
		if t.err = readByte(in, b); t.err != nil {
			return t
		}
		t.d = append(t.d, time.Since(t0))
		time.Sleep(pause)
	}
	slices.Sort(t.d)
	return t
}

// readByte reads one byte into b; a pipe closed is an error here.
func readByte(fd int, b []byte) error {
	n, err := syscall.Read(fd, b)
	if err == nil && n == 0 {
		err = errors.New("bench tiles: a wakeup's pipe closed")
	}
	return err
}

// twoCores returns two cores this process may run on: the wakeups are
// timed between them.
func twoCores() (a, b int, err error) {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		return 0, 0, err
	}
	var cores []int
	for c := 0; c < len(set)*64 && len(cores) < 2; c++ {
		if set.IsSet(c) {
			cores = append(cores, c)
		}
	}
	if len(cores) < 2 {
		return 0, 0, errors.New("this process may run on one core only")
	}
	return cores[0], cores[1], nil
}

// pin binds the calling thread to one core.
func pin(cpu int) error {
	var set unix.CPUSet
	set.Set(cpu)
	if err := unix.SchedSetaffinity(0, &set); err != nil {
		return fmt.Errorf("pinning a thread to core %d: %w", cpu, err)
	}
	return nil
}

func closeFDs(fds []int) {
	for _, fd := range fds {
		_ = syscall.Close(fd)
	}
}
