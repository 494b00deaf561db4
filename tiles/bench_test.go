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
