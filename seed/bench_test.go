package seed

import (
	"fmt"
	"testing"

	"landwatch/land"
)

// The benchmarks report the generation time of each size; run them with
// go test -bench . -benchtime 1x -benchmem (the million takes ~10 s each).

func BenchmarkCity(b *testing.B) {
	for _, n := range []int{20_000, 100_000} {
		b.Run(fmt.Sprintf("parcels=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			o := smallCity(n)
			for b.Loop() {
				if _, err := City(o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMillion(b *testing.B) {
	o := smallCity(1_000_000)
	b.Run("City", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := City(o); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Stream", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Stream(o, func(*land.Supply) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Fabric", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Fabric(o); err != nil {
				b.Fatal(err)
			}
		}
	})
}
