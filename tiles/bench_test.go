package tiles

import "testing"

// BenchmarkEncodeZ14 encodes the busiest z14 tile of the demo city.
func BenchmarkEncodeZ14(b *testing.B) {
	snap := demoIndex().Snapshot()
	b.ReportAllocs()
	for b.Loop() {
		Encode(snap, nil, 14, 13461, 6246, Filter{})
	}
}

// BenchmarkEncodeParisZ14 encodes the densest z14 tile of the real Paris
// cadastre (reference/parcels), the tile of the size limit.
func BenchmarkEncodeParisZ14(b *testing.B) {
	ix := parisIndex()
	tl := densestTile(ix, 14)
	snap := ix.Snapshot()
	b.ReportAllocs()
	for b.Loop() {
		Encode(snap, nil, tl[0], tl[1], tl[2], Filter{})
	}
}
