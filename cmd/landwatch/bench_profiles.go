package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// startProfiles starts the CPU profile and notes where the allocation
// profile goes; the function it returns writes both, once. Go counts
// allocations from the start of the process, so the allocation profile
// as it stands now is written beside it (mem + ".base"): `go tool pprof
// -base FILE.base FILE` leaves the timed runs alone.
func startProfiles(cpu, mem string) (func(), error) {
	if mem != "" {
		runtime.GC() // the profile reflects the allocations up to the last collection
		writeProfile("allocs", mem+".base")
	}
	var cpuFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, err
		}
		cpuFile = f
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			if cpuFile != nil {
				pprof.StopCPUProfile()
				cpuFile.Close()
			}
			runtime.GC()
			writeProfile("allocs", mem)
		})
	}, nil
}

// startWaitProfiles records where goroutines wait on locks (mutex) and
// block (block), for the files named (empty for none): a lock every tile
// request takes would show there as eight clients queue on it. The
// function it returns writes them, once.
func startWaitProfiles(mutex, block string) func() {
	if mutex != "" {
		runtime.SetMutexProfileFraction(1)
	}
	if block != "" {
		runtime.SetBlockProfileRate(int(time.Microsecond))
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			writeProfile("mutex", mutex)
			writeProfile("block", block)
			runtime.SetMutexProfileFraction(0)
			runtime.SetBlockProfileRate(0)
		})
	}
}

// writeProfile writes the named pprof profile to path, when one is given.
func writeProfile(name, path string) {
	if path == "" {
		return
	}
	if f, err := os.Create(path); err == nil {
		pprof.Lookup(name).WriteTo(f, 0)
		f.Close()
	}
}
