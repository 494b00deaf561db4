package tiles

import (
	"testing"

	"landwatch/spatial"
)

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
func BenchmarkEncodeParisZ14(b *testing.B) { benchmarkDensest(b, parisIndex(), 14) }

// BenchmarkEncodeCambridgeZ14 encodes the densest z14 tile of the real
// Cambridge cadastre, the slowest tile of the real cadastres.
func BenchmarkEncodeCambridgeZ14(b *testing.B) { benchmarkDensest(b, cambridgeIndex(), 14) }

// benchmarkDensest encodes the densest tile of zoom z of ix.
func benchmarkDensest(b *testing.B, ix *spatial.Index, z uint32) {
	tl := densestTile(ix, z)
	snap := ix.Snapshot()
	b.ReportAllocs()
	for b.Loop() {
		Encode(snap, nil, tl[0], tl[1], tl[2], Filter{})
	}
	b.ReportMetric(float64(len(Encode(snap, nil, tl[0], tl[1], tl[2], Filter{}))), "bytes/tile")
}
