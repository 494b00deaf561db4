package spatial

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// indexTestArea is where the random subjects of the index tests lie:
// about 900 m × 1100 m in Dingxing county, so that they overlap often.
var indexTestArea = orb.Bound{Min: orb.Point{115.78, 39.26}, Max: orb.Point{115.79, 39.27}}

// randomSubject returns a subject of a random kind, supply and liveness
// whose shape is a rectangle or a star of 10–80 m at a random place of
// indexTestArea; one time in eight it copies the shape of other (when not
// nil) to make duplicates.
func randomSubject(rng *rand.Rand, id int64, other *Subject) *Subject {
	s := &Subject{
		ID:       id,
		Kind:     Kind(1 + rng.IntN(int(kindEnd-1))),
		SupplyID: 1 + rng.Int64N(30),
		Live:     rng.IntN(5) != 0,
		Meta:     Meta{Region: "130626", ContractYear: 2020 + rng.IntN(5)},
	}
	if other != nil && rng.IntN(8) == 0 {
		s.Shape = other.Shape
		return s
	}
	lon := indexTestArea.Min[0] + rng.Float64()*(indexTestArea.Max[0]-indexTestArea.Min[0])
	lat := indexTestArea.Min[1] + rng.Float64()*(indexTestArea.Max[1]-indexTestArea.Min[1])
	w, h := (10+rng.Float64()*70)*1.16e-5, (10+rng.Float64()*70)*0.9e-5
	var ring orb.Ring
	if rng.IntN(2) == 0 {
		ring = orb.Ring{{lon, lat}, {lon + w, lat}, {lon + w, lat + h}, {lon, lat + h}, {lon, lat}}
	} else {
		for _, p := range localStar(rng, 0, 0, 1, 0.4, 1, 4+rng.IntN(8)) {
			ring = append(ring, orb.Point{lon + p[0]*w, lat + p[1]*h})
		}
	}
	s.Shape = Prepare(orb.MultiPolygon{{ring}})
	return s
}

// indexModel is the brute-force reference for the index: a plain map.
type indexModel map[subjectKey]*Subject

func (m indexModel) sorted() []*Subject {
	out := make([]*Subject, 0, len(m))
	for _, s := range m {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *Subject) int {
		if a.key().less(b.key()) {
			return -1
		}
		return 1
	})
	return out
}

// overlapsOf is OverlapsOf by brute force.
func (m indexModel) overlapsOf(shape *Prepared, exclude func(*Subject) bool, rule OverlapRule) []Overlap {
	var out []Overlap
	for _, s := range m.sorted() {
		if !overlapParty(s) || (exclude != nil && exclude(s)) {
			continue
		}
		if ov, ok := rule.Check(shape, s.Shape); ok {
			ov.B, ov.KindB, ov.SupplyB = s.ID, s.Kind, s.SupplyID
			out = append(out, ov)
		}
	}
	return out
}

// scan is ScanOverlaps by brute force over all pairs.
func (m indexModel) scan(in orb.Bound, rule OverlapRule) []Overlap {
	var out []Overlap
	all := m.sorted()
	for i, a := range all {
		for _, b := range all[i+1:] {
			if !overlapParty(a) || !overlapParty(b) || !overlapPair(a, b) {
				continue
			}
			if !a.Shape.Bound.Intersects(in) && !b.Shape.Bound.Intersects(in) {
				continue
			}
			if ov, ok := rule.Check(a.Shape, b.Shape); ok {
				ov.A, ov.KindA, ov.SupplyA = a.ID, a.Kind, a.SupplyID
				ov.B, ov.KindB, ov.SupplyB = b.ID, b.Kind, b.SupplyID
				out = append(out, ov)
			}
		}
	}
	return out
}

// randomBound returns a box of up to a fifth of indexTestArea.
func randomBound(rng *rand.Rand) orb.Bound {
	w := indexTestArea.Max[0] - indexTestArea.Min[0]
	h := indexTestArea.Max[1] - indexTestArea.Min[1]
	lon := indexTestArea.Min[0] + rng.Float64()*w
	lat := indexTestArea.Min[1] + rng.Float64()*h
	return orb.Bound{Min: orb.Point{lon, lat}, Max: orb.Point{lon + rng.Float64()*w/5, lat + rng.Float64()*h/5}}
}

// checkSnapshot compares a snapshot with the model: Len, Get, Search,
// OverlapsOf and ScanOverlaps.
func checkSnapshot(t *testing.T, rng *rand.Rand, snap *Snapshot, m indexModel, step string) {
	t.Helper()
	if snap.Len() != len(m) {
		t.Fatalf("%s: Len = %d, want %d", step, snap.Len(), len(m))
	}
	for k, s := range m {
		if got, ok := snap.Get(k.kind, k.id); !ok || got != s {
			t.Fatalf("%s: Get(%v, %d) = %p, %v; want %p", step, k.kind, k.id, got, ok, s)
		}
	}
	for range 5 {
		k := subjectKey{Kind(1 + rng.IntN(int(kindEnd-1))), rng.Int64N(1000)}
		if _, ok := snap.Get(k.kind, k.id); ok != (m[k] != nil) {
			t.Fatalf("%s: Get(%v, %d) found = %v, want %v", step, k.kind, k.id, ok, m[k] != nil)
		}
	}
	for range 10 {
		b := randomBound(rng)
		var got, want []subjectKey
		snap.Search(b, func(s *Subject) bool { got = append(got, s.key()); return true })
		for k, s := range m {
			if s.Shape.Bound.Intersects(b) {
				want = append(want, k)
			}
		}
		sortKeys(got)
		sortKeys(want)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: Search(%v) found %v, want %v", step, b, got, want)
		}
	}
	rule := OverlapRule{MinAreaM2: 1, MinShare: 0.01}
	for range 5 {
		probe := randomSubject(rng, 0, nil)
		exclude := func(s *Subject) bool { return s.SupplyID == probe.SupplyID }
		got, want := snap.OverlapsOf(probe.Shape, exclude, rule), m.overlapsOf(probe.Shape, exclude, rule)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: OverlapsOf gives %v, want %v", step, got, want)
		}
	}
	for _, in := range []orb.Bound{Everywhere(), randomBound(rng)} {
		got, err := snap.ScanOverlaps(context.Background(), in, rule, 3, nil)
		if err != nil {
			t.Fatalf("%s: ScanOverlaps: %v", step, err)
		}
		if want := m.scan(in, rule); !slices.Equal(got, want) {
			t.Fatalf("%s: ScanOverlaps(%v) gives %d pairs, want %d:\n got %v\nwant %v", step, in, len(got), len(want), got, want)
		}
	}
}

func sortKeys(ks []subjectKey) {
	slices.SortFunc(ks, func(a, b subjectKey) int {
		if a.less(b) {
			return -1
		}
		if b.less(a) {
			return 1
		}
		return 0
	})
}

func TestIndexAgreesWithBruteForceThroughPutReplaceAndDelete(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 10))
	ix := NewIndex()
	m := indexModel{}
	var last *Subject
	for step := range 12 {
		before, beforeModel := ix.Snapshot(), maps(m)
		var batch []*Subject
		for range 40 {
			s := randomSubject(rng, rng.Int64N(300), last)
			batch = append(batch, s)
			m[s.key()] = s
			last = s
		}
		ix.Put(batch...)
		kind := Kind(1 + rng.IntN(int(kindEnd-1)))
		var gone []int64
		for range 15 {
			id := rng.Int64N(300)
			gone = append(gone, id)
			delete(m, subjectKey{kind, id})
		}
		ix.Delete(kind, gone...)
		checkSnapshot(t, rng, ix.Snapshot(), m, fmt.Sprintf("step %d", step))
		// The snapshot taken before the writes still shows the old state.
		checkSnapshot(t, rng, before, beforeModel, fmt.Sprintf("the snapshot before step %d", step))
		if ix.Snapshot().Version() <= before.Version() {
			t.Fatalf("step %d: version %d did not grow from %d", step, ix.Snapshot().Version(), before.Version())
		}
	}
}

func maps(m indexModel) indexModel {
	out := make(indexModel, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func TestBuilderBuildsTheSameIndexAsPut(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 11))
	b := NewBuilder(0)
	m := indexModel{}
	var last *Subject
	for range 600 {
		s := randomSubject(rng, rng.Int64N(400), last)
		if rng.IntN(20) == 0 {
			s.Shape = Prepare(nil) // a subject without geometry is found by Get only
		}
		b.Add(s)
		m[s.key()] = s
		last = s
	}
	ix := b.Build()
	if b.Len() != 0 {
		t.Fatalf("the builder still holds %d subjects after Build", b.Len())
	}
	checkSnapshot(t, rng, ix.Snapshot(), m, "after Build")

	// Replace swaps in another set wholesale.
	b2 := NewBuilder(10)
	m2 := indexModel{}
	for i := range 50 {
		s := randomSubject(rng, int64(i), nil)
		b2.Add(s)
		m2[s.key()] = s
	}
	old := ix.Snapshot()
	ix.Replace(b2)
	checkSnapshot(t, rng, ix.Snapshot(), m2, "after Replace")
	checkSnapshot(t, rng, old, m, "the snapshot before Replace")
}

func TestIDTrieAgreesWithAMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 12))
	var root *idNode
	m := map[int64]*Subject{}
	for i := range 20000 {
		// Small, negative and huge ids, and runs of neighbours.
		id := rng.Int64N(3000) - 1000
		if rng.IntN(10) == 0 {
			id = math.MaxInt64 - rng.Int64N(5)
		}
		if rng.IntN(3) == 0 {
			var ok bool
			root, ok = root.without(id)
			if ok != (m[id] != nil) {
				t.Fatalf("op %d: without(%d) reported %v, want %v", i, id, ok, m[id] != nil)
			}
			delete(m, id)
		} else {
			s := &Subject{ID: id}
			root = root.with(s, false)
			m[id] = s
		}
		if i%1000 == 0 {
			for id, s := range m {
				if got := root.get(id); got != s {
					t.Fatalf("op %d: get(%d) = %p, want %p", i, id, got, s)
				}
			}
		}
	}
	for id := range m {
		root, _ = root.without(id)
	}
	if root != nil {
		t.Fatalf("the trie is not empty after removing every id: %+v", root)
	}
}

func TestOverlapsOfSubjectSkipsItselfAndItsOwnSupply(t *testing.T) {
	shape := Prepare(orb.MultiPolygon{{{{115.78, 39.26}, {115.781, 39.26}, {115.781, 39.261}, {115.78, 39.261}, {115.78, 39.26}}}})
	sub := &Subject{ID: 1, Kind: KindSupplyParcel, SupplyID: 7, Live: true, Shape: shape}
	ix := NewIndex()
	ix.Put(sub,
		&Subject{ID: 2, Kind: KindSupplyParcel, SupplyID: 7, Live: true, Shape: shape},  // same supply
		&Subject{ID: 3, Kind: KindSupplyParcel, SupplyID: 8, Live: true, Shape: shape},  // another supply
		&Subject{ID: 4, Kind: KindSupplyParcel, SupplyID: 9, Live: false, Shape: shape}, // reclaimed
		&Subject{ID: 1, Kind: KindReserve, Live: true, Shape: shape},                    // still in reserve
		&Subject{ID: 2, Kind: KindReserve, Live: false, Shape: shape},                   // supplied already
		&Subject{ID: 1, Kind: KindFootprint, Live: true, Shape: shape},                  // evidence only
	)
	got := ix.Snapshot().OverlapsOfSubject(sub, DefaultOverlapRule())
	var pairs []string
	for _, o := range got {
		pairs = append(pairs, fmt.Sprintf("%v %d/%v %d", o.KindA, o.A, o.KindB, o.B))
		if math.Abs(o.AreaM2-shape.Area()) > 1e-6 || o.ShareA != 1 || o.ShareB != 1 {
			t.Errorf("overlap %+v: want the whole parcel, %.3f m², shares 1", o, shape.Area())
		}
	}
	want := []string{"supply parcel 1/supply parcel 3", "supply parcel 1/reserve 1"}
	if !slices.Equal(pairs, want) {
		t.Fatalf("OverlapsOfSubject found %v, want %v", pairs, want)
	}
}
