package spatial

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

func TestReadersSeeConsistentSnapshotsWhileWritersWrite(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 13))
	ix := NewIndex()
	subjects := make([]*Subject, 200)
	for i := range subjects {
		subjects[i] = randomSubject(rng, int64(i), nil)
	}
	ix.Put(subjects[:100]...)
	var (
		readers sync.WaitGroup
		writing atomic.Bool
	)
	writing.Store(true)
	errs := make([]error, 3)
	versions := make([]map[uint64]bool, 3)
	for r := range versions {
		versions[r] = map[uint64]bool{}
		readers.Add(1)
		go func() {
			defer readers.Done()
			rrng := rand.New(rand.NewPCG(uint64(r), 14))
			for i := 0; writing.Load() || i < 100; i++ {
				snap := ix.Snapshot()
				versions[r][snap.Version()] = true
				if errs[r] = checkSnapshotConsistency(snap); errs[r] != nil {
					return
				}
				snap.OverlapsOf(subjects[rrng.IntN(len(subjects))].Shape, nil, DefaultOverlapRule())
			}
		}()
	}
	for i := range 300 {
		s := subjects[rng.IntN(len(subjects))]
		if i%3 == 0 {
			ix.Delete(s.Kind, s.ID)
		} else {
			ix.Put(&Subject{ID: s.ID, Kind: s.Kind, Live: true, Shape: subjects[rng.IntN(len(subjects))].Shape})
		}
		runtime.Gosched()
	}
	writing.Store(false)
	readers.Wait()
	seen := map[uint64]bool{}
	for r := range versions {
		if errs[r] != nil {
			t.Errorf("reader %d: %v", r, errs[r])
		}
		for v := range versions[r] {
			seen[v] = true
		}
	}
	t.Logf("300 writes; the readers saw %d versions", len(seen))
	if len(seen) < 2 {
		t.Errorf("the readers saw only %d version: the test did not read while writing", len(seen))
	}
}

// checkSnapshotConsistency checks that everything Search finds in snap,
// Get finds too, the same, and that Search finds Len subjects.
func checkSnapshotConsistency(snap *Snapshot) error {
	n := 0
	var err error
	snap.Search(Everywhere(), func(s *Subject) bool {
		n++
		if got, ok := snap.Get(s.Kind, s.ID); !ok || got != s {
			err = fmt.Errorf("version %d: Search found %v %d but Get gives %p", snap.Version(), s.Kind, s.ID, got)
			return false
		}
		return true
	})
	if err == nil && n != snap.Len() {
		err = fmt.Errorf("version %d: Search found %d subjects, Len says %d", snap.Version(), n, snap.Len())
	}
	return err
}

func TestScanOverlapsStopsWhenCancelled(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 15))
	ix := NewIndex()
	for i := range 500 {
		ix.Put(randomSubject(rng, int64(i), nil))
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := ix.ScanOverlaps(ctx, Everywhere(), DefaultOverlapRule(), 2, func(done, total int) {
		calls++
		cancel()
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("ScanOverlaps after cancel returned %v, want context.Canceled", err)
	}
	if calls == 0 {
		t.Fatal("progress was never called")
	}
}

func TestScanOverlapsReportsProgressUpToTheTotal(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 16))
	ix := NewIndex()
	for i := range 700 {
		ix.Put(randomSubject(rng, int64(i), nil))
	}
	last, total := 0, 0
	_, err := ix.ScanOverlaps(context.Background(), Everywhere(), DefaultOverlapRule(), 2, func(done, n int) {
		if done <= last {
			t.Errorf("progress went from %d to %d", last, done)
		}
		last, total = done, n
	})
	if err != nil {
		t.Fatal(err)
	}
	if last != total || total == 0 {
		t.Fatalf("progress ended at %d of %d", last, total)
	}
}
