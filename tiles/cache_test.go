package tiles

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"testing"
)

// TestATileDrawnIntoALentBufferIsTheSameTile draws a light tile over the
// bytes of a heavier one, as a cache without room lends the buffer of the
// tile before: nothing of the old tile may show through.
func TestATileDrawnIntoALentBufferIsTheSameTile(t *testing.T) {
	snap := demoIndex().Snapshot()
	heavy := Encode(snap, nil, 14, 13461, 6246, Filter{})
	light := Encode(snap, nil, 17, 107692, 49971, Filter{})
	if len(light) == 0 || len(light) >= len(heavy) {
		t.Fatalf("want a light tile under the heavy one's %d bytes, got %d", len(heavy), len(light))
	}
	dirty := bytes.Clone(heavy)
	again := EncodeInto(dirty, snap, nil, 17, 107692, 49971, Filter{})
	if !bytes.Equal(again, light) {
		t.Fatalf("drawn over a used buffer the tile has %d bytes, drawn afresh %d", len(again), len(light))
	}
	if &again[0] != &dirty[0] {
		t.Error("the tile did not reuse the room it was given")
	}
}

// TestOnlyACacheWithoutRoomLendsBuffers: a kept tile must own its bytes, so
// a cache that keeps tiles lends none, and Put says what it kept, so that
// the caller knows which tiles' buffers to give back.
func TestOnlyACacheWithoutRoomLendsBuffers(t *testing.T) {
	tile := NewTile([]byte{0x1a, 0x00})
	keeping := NewCache(1 << 20)
	if b := keeping.Lend(); b != nil {
		t.Errorf("a cache that keeps tiles lent a buffer of %d bytes", cap(b))
	}
	if !keeping.Put(14, 1, 2, "", tile, keeping.Generation()) {
		t.Error("a cache with room did not keep the tile")
	}
	if keeping.Put(14, 1, 3, "", tile, keeping.Generation()+1) {
		t.Error("a tile drawn before an invalidation was kept")
	}
	none := NewCache(0)
	if none.Put(14, 1, 2, "", tile, none.Generation()) {
		t.Error("a cache without room kept a tile")
	}
	none.Return(NewTile(make([]byte, 0, maxLent+1)))
	if b := none.Lend(); cap(b) > maxLent {
		t.Errorf("a buffer of %d bytes was kept to lend, over the %d allowed", cap(b), maxLent)
	}
}

// A tile's entity tag is its two CRC-32s, Castagnoli's then IEEE's, as
// sixteen hex digits in quotes: the form clients hold from before, so that
// their If-None-Match still matches an unchanged tile.
func TestATilesEntityTagIsItsTwoChecksums(t *testing.T) {
	data := []byte("\x1a\x05parcel tile bytes")
	tag := uint64(crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli)))<<32 | uint64(crc32.ChecksumIEEE(data))
	if got, want := NewTile(data).ETag, fmt.Sprintf(`"%016x"`, tag); got != want {
		t.Errorf("ETag = %s, want %s", got, want)
	}
	if got, want := NewTile(nil).ETag, `"0000000000000000"`; got != want {
		t.Errorf("ETag of no bytes = %s, want %s", got, want)
	}
}
