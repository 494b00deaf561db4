package spatial

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"

	"landwatch/land"
)

// Kind is what a subject of the index stands for. Ids are unique within
// a kind.
type Kind uint8

// The kinds of subjects.
const (
	KindSupplyParcel Kind = iota + 1 // a parcel (宗地) of a supply (供地)
	KindReserve                      // reserve land (收购储备), live while still in reserve
	KindFootprint                    // a construction footprint: evidence, never an overlap party
	KindLot                          // a lot announced and not sold yet (出让公告 宗地): drawn, never an overlap party
	kindEnd                          // one past the last kind
)

// String names the kind in English, as the glossary does.
func (k Kind) String() string {
	switch k {
	case KindSupplyParcel:
		return "supply parcel"
	case KindReserve:
		return "reserve"
	case KindFootprint:
		return "footprint"
	case KindLot:
		return "lot"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Valid reports whether k is one of the kinds above.
func (k Kind) Valid() bool { return k >= KindSupplyParcel && k < kindEnd }

// Subject is one shape in the index with what the map and the rules need
// to know about it without asking the database. A Subject must not be
// changed once it is in an index: put a new one with the same kind and id
// instead.
type Subject struct {
	ID       int64 // parcel, reserve, footprint or lot parcel id, unique within Kind
	Kind     Kind
	SupplyID int64 // the supply a parcel belongs to; 0 when none
	Live     bool  // a parcel of a supply not reclaimed or cancelled, a reserve still in reserve
	Shape    *Prepared
	Meta     Meta
}

// Meta holds the attributes drawn on map tiles and, for evidence layers,
// what the rules need to know.
type Meta struct {
	ENumber      string // e-supervision number (电子监管号) of the supply
	Stage        string // development stage (储备, 已供未交 …) as the land package names it
	Flags        uint32 // overdue, suspected idle, overlap … as the land package defines them
	LandUse      string // land use code (土地用途), GB/T 21010-2017
	Method       string // supply method code (供地方式)
	ContractYear int    // year of the contract or allocation decision
	Region       string // 6-digit administrative division code
	// Reserve is a reserve number (储备编号): reserve land's own, or the
	// reserve a supply names as its land's source (土地来源 储备), whose land
	// the supply may cover.
	Reserve string
	// Project is the supply's project name (项目名称), cut to 24 characters
	// when read: a label at high zoom, so a long name costs no more memory.
	Project string
	// Collective marks a parcel of collective construction land
	// (集体建设用地), owned by a village collective, not the state.
	Collective bool
	// Observed is the day a construction footprint was seen (imagery or
	// survey); zero for other kinds.
	Observed land.Date
	// Lot and Announcement are an unsold lot's number (宗地编号) and its
	// announcement's id, which a click on the lot asks for.
	Lot          string
	Announcement int64
}

// key returns the subject's identity in the index.
func (s *Subject) key() subjectKey { return subjectKey{s.Kind, s.ID} }

// subjectKey orders subjects by kind, then id.
type subjectKey struct {
	kind Kind
	id   int64
}

func (k subjectKey) less(o subjectKey) bool {
	return k.kind < o.kind || (k.kind == o.kind && k.id < o.id)
}

// searchable reports whether s has a shape to put in the tree.
func (s *Subject) searchable() bool { return s.Shape != nil && len(s.Shape.Geom) > 0 }

// Index is the in-memory spatial index of landwatch: an R-tree of subjects
// by their longitude/latitude boxes plus a map by kind and id, derived
// from PostGIS and kept current by writes and the change feed.
//
// Readers never wait: every read goes to an immutable Snapshot, and a
// writer builds the next snapshot beside the current one — the R-tree is
// copied on write, the id map is persistent — and swaps it in atomically.
// Writers take turns on a mutex. An Index is safe for concurrent use.
type Index struct {
	mu   sync.Mutex // serialises writers
	snap atomic.Pointer[Snapshot]
}

// Snapshot is one consistent, immutable state of an Index. A tile request
// or a scan takes one and reads only from it, whatever writers do
// meanwhile.
type Snapshot struct {
	tree    *rtree.RTreeG[*Subject]
	ids     [kindEnd]*idNode
	count   int
	version uint64
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	ix := &Index{}
	ix.snap.Store(&Snapshot{tree: &rtree.RTreeG[*Subject]{}})
	return ix
}

// Snapshot returns the current state of the index.
func (ix *Index) Snapshot() *Snapshot { return ix.snap.Load() }

// Put inserts subjects, each replacing any subject of the same kind and
// id; nil subjects are ignored. The new state becomes visible to readers
// at once, all subjects together. It panics on a subject of an unknown
// kind, which is a programming error.
func (ix *Index) Put(subjects ...*Subject) {
	ix.write(func(next *Snapshot) {
		for _, s := range subjects {
			if s != nil {
				next.put(s, false)
			}
		}
	})
}

// Delete removes the subjects of kind with the given ids; ids not in the
// index are ignored.
func (ix *Index) Delete(kind Kind, ids ...int64) {
	ix.write(func(next *Snapshot) {
		for _, id := range ids {
			next.delete(kind, id)
		}
	})
}

// write runs change on a copy of the current snapshot and publishes it.
func (ix *Index) write(change func(next *Snapshot)) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	cur := ix.snap.Load()
	next := &Snapshot{tree: cur.tree.Copy(), ids: cur.ids, count: cur.count, version: cur.version + 1}
	change(next)
	ix.snap.Store(next)
}

// put adds s to a snapshot under construction.
func (s *Snapshot) put(sub *Subject, inPlace bool) {
	if !sub.Kind.Valid() {
		panic(fmt.Sprintf("spatial: Index.Put of subject %d of unknown kind %d", sub.ID, sub.Kind))
	}
	if old := s.ids[sub.Kind].get(sub.ID); old != nil {
		s.unlink(old)
	} else {
		s.count++
	}
	s.ids[sub.Kind] = s.ids[sub.Kind].with(sub, inPlace)
	if sub.searchable() {
		b := sub.Shape.Bound
		s.tree.Insert(b.Min, b.Max, sub)
	}
}

// delete removes the subject of kind and id from a snapshot under
// construction.
func (s *Snapshot) delete(kind Kind, id int64) {
	if !kind.Valid() {
		return
	}
	old := s.ids[kind].get(id)
	if old == nil {
		return
	}
	s.unlink(old)
	s.ids[kind], _ = s.ids[kind].without(id)
	s.count--
}

// unlink takes old out of the tree.
func (s *Snapshot) unlink(old *Subject) {
	if old.searchable() {
		b := old.Shape.Bound
		s.tree.Delete(b.Min, b.Max, old)
	}
}

// Get returns the current subject of kind and id.
func (ix *Index) Get(kind Kind, id int64) (*Subject, bool) { return ix.Snapshot().Get(kind, id) }

// Len returns the number of subjects in the index.
func (ix *Index) Len() int { return ix.Snapshot().Len() }

// Search calls fn for each current subject whose box meets b (longitude/
// latitude), until fn returns false.
func (ix *Index) Search(b orb.Bound, fn func(*Subject) bool) { ix.Snapshot().Search(b, fn) }

// Get returns the subject of kind and id in this snapshot.
func (s *Snapshot) Get(kind Kind, id int64) (*Subject, bool) {
	if !kind.Valid() {
		return nil, false
	}
	sub := s.ids[kind].get(id)
	return sub, sub != nil
}

// Len returns the number of subjects in this snapshot.
func (s *Snapshot) Len() int { return s.count }

// Version counts the writes that led to this snapshot: a later snapshot of
// the same index has a larger version. Caches use it to tell states apart.
func (s *Snapshot) Version() uint64 { return s.version }

// Search calls fn for each subject of this snapshot whose box meets b
// (longitude/latitude), in no particular order, until fn returns false.
// Subjects without a shape are never found.
func (s *Snapshot) Search(b orb.Bound, fn func(*Subject) bool) {
	s.tree.Search(b.Min, b.Max, func(_, _ [2]float64, sub *Subject) bool { return fn(sub) })
}

// Extent returns the box of the subjects for which keep returns true (all
// when keep is nil), and false when there is none.
func (s *Snapshot) Extent(keep func(*Subject) bool) (orb.Bound, bool) {
	var b orb.Bound
	found := false
	s.Search(Everywhere(), func(sub *Subject) bool {
		if keep != nil && !keep(sub) {
			return true
		}
		if found {
			b = b.Union(sub.Shape.Bound)
		} else {
			b, found = sub.Shape.Bound, true
		}
		return true
	})
	return b, found
}
