package tiles

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"math"
	"sync"

	"github.com/paulmach/orb"
)

// MaxZoom is the deepest zoom served; clients zoom further into its tiles.
const MaxZoom = 22

// Tile is an encoded tile with its entity tag and, once asked for, its
// gzipped form.
type Tile struct {
	Data []byte
	ETag string

	gzipOnce sync.Once
	gz       []byte
}

// NewTile wraps encoded tile bytes. The entity tag is two CRC-32s of them,
// Castagnoli's and IEEE's, which the processor computes in hardware: FNV-1a,
// a multiplication for every byte, took a twentieth of a dense tile's time.
func NewTile(data []byte) *Tile {
	var sums [8]byte
	binary.BigEndian.PutUint32(sums[:4], crc32.Checksum(data, castagnoli))
	binary.BigEndian.PutUint32(sums[4:], crc32.ChecksumIEEE(data))
	var tag [18]byte // "%016x" quoted, without fmt's boxing of the number
	tag[0], tag[17] = '"', '"'
	hex.Encode(tag[1:17], sums[:])
	return &Tile{Data: data, ETag: string(tag[:])}
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Gzipped returns the tile compressed with gzip, computed once, with a
// writer from the cache's pool: a new gzip writer allocates close to a
// megabyte, more than most tiles it compresses.
func (c *Cache) Gzipped(t *Tile) []byte {
	t.gzipOnce.Do(func() {
		var b bytes.Buffer
		w, _ := c.gzippers.Get().(*gzip.Writer)
		if w == nil {
			w, _ = gzip.NewWriterLevel(&b, gzip.BestSpeed)
		} else {
			w.Reset(&b)
		}
		w.Write(t.Data)
		w.Close()
		c.gzippers.Put(w)
		t.gz = b.Bytes()
	})
	return t.gz
}

type tileID struct{ z, x, y uint32 }

type cacheKey struct {
	tile   tileID
	filter string
}

type cacheEntry struct {
	key  cacheKey
	tile *Tile
	size int64
}

// Cache keeps encoded tiles in memory up to a byte budget, least recently
// used first out, and forgets exactly the tiles a changed parcel's old and
// new extents touch, at every zoom and for every filter.
type Cache struct {
	mu      sync.Mutex
	budget  int64
	used    int64
	gen     uint64 // bumped by every invalidation
	lru     *list.List
	entries map[cacheKey]*list.Element
	byTile  map[tileID]map[string]struct{}

	gzippers sync.Pool // of *gzip.Writer
	lent     sync.Pool // of *[]byte: the buffers of tiles not kept (Lend)
}

// NewCache returns a cache of budget bytes; 0 turns caching off.
func NewCache(budget int64) *Cache {
	return &Cache{budget: budget, lru: list.New(), entries: map[cacheKey]*list.Element{}, byTile: map[tileID]map[string]struct{}{}}
}

// Generation returns the invalidation count; take it before reading the
// index for a tile and give it to Put, so that a tile computed from data
// older than an invalidation is not kept.
func (c *Cache) Generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// Get returns a cached tile.
func (c *Cache) Get(z, x, y uint32, filter string) (*Tile, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[cacheKey{tileID{z, x, y}, filter}]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cacheEntry).tile, true
}

// Put keeps a tile computed when the cache was at generation gen, and
// reports whether it did.
func (c *Cache) Put(z, x, y uint32, filter string, t *Tile, gen uint64) bool {
	size := int64(len(t.Data)) + 128
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.budget == 0 || gen != c.gen || size > c.budget {
		return false
	}
	k := cacheKey{tileID{z, x, y}, filter}
	if el, ok := c.entries[k]; ok {
		c.remove(el)
	}
	c.entries[k] = c.lru.PushFront(&cacheEntry{key: k, tile: t, size: size})
	if c.byTile[k.tile] == nil {
		c.byTile[k.tile] = map[string]struct{}{}
	}
	c.byTile[k.tile][filter] = struct{}{}
	c.used += size
	for c.used > c.budget {
		c.remove(c.lru.Back())
	}
	return true
}

// Lend returns a buffer to draw a tile into (EncodeInto) when the cache
// keeps none (LANDWATCH_TILE_CACHE_MB=0), and nil when it keeps tiles,
// which must each have a buffer of their own size. Uncached, a dense
// tile's bytes were most of what a request left for the collector.
func (c *Cache) Lend() []byte {
	if c.budget > 0 {
		return nil
	}
	if b, ok := c.lent.Get().(*[]byte); ok {
		return *b
	}
	return nil
}

// Return takes back the buffer of a tile Put did not keep, once the tile
// is written. A tile heavier than any a zoom should give is left to the
// collector, so that one odd tile does not hold its room for ever.
func (c *Cache) Return(t *Tile) {
	if c.budget > 0 || cap(t.Data) > maxLent {
		return
	}
	b := t.Data[:0]
	c.lent.Put(&b)
}

// maxLent is the largest buffer Return keeps: about three times the
// densest tile of the real cadastres at zoom 14 (175 KB).
const maxLent = 512 << 10

func (c *Cache) remove(el *list.Element) {
	e := el.Value.(*cacheEntry)
	c.lru.Remove(el)
	delete(c.entries, e.key)
	if fs := c.byTile[e.key.tile]; fs != nil {
		delete(fs, e.key.filter)
		if len(fs) == 0 {
			delete(c.byTile, e.key.tile)
		}
	}
	c.used -= e.size
}

// Len returns the number of cached tiles.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// Invalidate forgets every tile, at every zoom, that the box (longitude/
// latitude) touches, buffer included. An empty box (Min > Max) forgets
// nothing.
func (c *Cache) Invalidate(b orb.Bound) {
	if b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if len(c.entries) == 0 {
		return
	}
	for z := uint32(0); z <= MaxZoom; z++ {
		x0, y0, x1, y1 := tileRange(b, z)
		if (x1-x0+1)*(y1-y0+1) > uint32(len(c.byTile)) {
			// A large box at a deep zoom: walk the cache instead.
			for id := range c.byTile {
				if id.z == z && id.x >= x0 && id.x <= x1 && id.y >= y0 && id.y <= y1 {
					c.dropTile(id)
				}
			}
			continue
		}
		for x := x0; x <= x1; x++ {
			for y := y0; y <= y1; y++ {
				c.dropTile(tileID{z, x, y})
			}
		}
	}
}

// Clear forgets every tile.
func (c *Cache) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.lru.Init()
	c.entries = map[cacheKey]*list.Element{}
	c.byTile = map[tileID]map[string]struct{}{}
	c.used = 0
}

func (c *Cache) dropTile(id tileID) {
	for f := range c.byTile[id] {
		if el, ok := c.entries[cacheKey{id, f}]; ok {
			c.remove(el)
		}
	}
}

// tileRange returns the tiles of zoom z whose buffered extent touches b.
func tileRange(b orb.Bound, z uint32) (x0, y0, x1, y1 uint32) {
	n := math.Exp2(float64(z))
	pad := float64(buffer) / Extent
	fx := func(lon float64) float64 { return (lon + 180) / 360 * n }
	fy := func(lat float64) float64 {
		s := math.Sin(lat * math.Pi / 180)
		return (0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)) * n
	}
	clamp := func(v float64) uint32 { return uint32(max(0, min(n-1, math.Floor(v)))) }
	return clamp(fx(b.Min[0]) - pad), clamp(fy(b.Max[1]) - pad), clamp(fx(b.Max[0]) + pad), clamp(fy(b.Min[1]) + pad)
}
