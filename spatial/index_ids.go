package spatial

import (
	"math/bits"
	"slices"
)

// idNode is a node of a persistent hash trie from subject id to subject,
// one trie per kind: an update copies only the nodes on the path to the
// changed entry (about four for a million subjects) and shares the rest,
// so every snapshot of the index keeps its own consistent map for the
// price of a few small allocations per write. Ids are hashed with a
// bijection of 64-bit integers, so two ids never share a full hash and no
// collision lists are needed.
type idNode struct {
	bitmap uint32   // which of the 32 branches are present
	slots  []idSlot // the present branches, in branch order
}

// idSlot is a branch of an idNode: a subtrie, or a single subject.
type idSlot struct {
	child *idNode
	leaf  *Subject
}

const (
	idBits = 5 // hash bits consumed per level
	idMask = 1<<idBits - 1
)

// idHash mixes an id into 64 well-spread bits (the SplitMix64 finaliser,
// a bijection) so that consecutive database ids fill the trie evenly.
func idHash(id int64) uint64 {
	z := uint64(id)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// branch returns the branch bit of hash h at the level of shift in n and
// the position of that branch among n's slots.
func (n *idNode) branch(h uint64, shift uint) (bit uint32, pos int) {
	bit = 1 << ((h >> shift) & idMask)
	return bit, bits.OnesCount32(n.bitmap & (bit - 1))
}

// get returns the subject with id, or nil.
func (n *idNode) get(id int64) *Subject {
	h := idHash(id)
	for shift := uint(0); n != nil; shift += idBits {
		bit, pos := n.branch(h, shift)
		if n.bitmap&bit == 0 {
			return nil
		}
		s := &n.slots[pos]
		if s.child == nil {
			if s.leaf.ID == id {
				return s.leaf
			}
			return nil
		}
		n = s.child
	}
	return nil
}

// with returns a trie holding s in place of any subject with its id. The
// receiver is left untouched unless inPlace, which only a trie that no
// snapshot shares yet may use (the bulk loader's).
func (n *idNode) with(s *Subject, inPlace bool) *idNode {
	return n.insert(idHash(s.ID), s, 0, inPlace)
}

func (n *idNode) insert(h uint64, s *Subject, shift uint, inPlace bool) *idNode {
	if n == nil {
		n, inPlace = &idNode{}, true
	}
	m := n
	if !inPlace {
		m = &idNode{bitmap: n.bitmap, slots: slices.Clone(n.slots)}
	}
	bit, pos := m.branch(h, shift)
	if m.bitmap&bit == 0 {
		m.bitmap |= bit
		m.slots = slices.Insert(m.slots, pos, idSlot{leaf: s})
		return m
	}
	slot := m.slots[pos]
	switch {
	case slot.child != nil:
		m.slots[pos].child = slot.child.insert(h, s, shift+idBits, inPlace)
	case slot.leaf.ID == s.ID:
		m.slots[pos].leaf = s
	default:
		var child *idNode
		child = child.insert(idHash(slot.leaf.ID), slot.leaf, shift+idBits, true)
		child = child.insert(h, s, shift+idBits, true)
		m.slots[pos] = idSlot{child: child}
	}
	return m
}

// without returns a trie without the subject with id, and whether there
// was one; the receiver is left untouched.
func (n *idNode) without(id int64) (*idNode, bool) {
	return n.remove(idHash(id), id, 0)
}

func (n *idNode) remove(h uint64, id int64, shift uint) (*idNode, bool) {
	if n == nil {
		return nil, false
	}
	bit, pos := n.branch(h, shift)
	if n.bitmap&bit == 0 {
		return n, false
	}
	slot := n.slots[pos]
	var repl idSlot
	drop := false
	if slot.child != nil {
		c, ok := slot.child.remove(h, id, shift+idBits)
		switch {
		case !ok:
			return n, false
		case c == nil:
			drop = true
		case len(c.slots) == 1 && c.slots[0].child == nil:
			repl = c.slots[0] // a lone subject moves up to where it is alone
		default:
			repl = idSlot{child: c}
		}
	} else {
		if slot.leaf.ID != id {
			return n, false
		}
		drop = true
	}
	if !drop {
		m := &idNode{bitmap: n.bitmap, slots: slices.Clone(n.slots)}
		m.slots[pos] = repl
		return m, true
	}
	if n.bitmap == bit {
		return nil, true
	}
	m := &idNode{bitmap: n.bitmap &^ bit, slots: make([]idSlot, 0, len(n.slots)-1)}
	m.slots = append(append(m.slots, n.slots[:pos]...), n.slots[pos+1:]...)
	return m, true
}
