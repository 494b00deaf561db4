package spatial

import (
	"reflect"
	"testing"

	"github.com/paulmach/orb"
)

// slabShapes are boundaries of the shapes a load meets: real parcels of
// Paris, and rings a slab must cut to fit (repeated vertices, a ring that
// collapses, a hole, several parts, a ring long enough for chunk boxes).
func slabShapes(t *testing.T) []orb.MultiPolygon {
	square := orb.Ring{{116.3, 39.9}, {116.301, 39.9}, {116.301, 39.901}, {116.3, 39.901}, {116.3, 39.9}}
	repeated := orb.Ring{{116.31, 39.9}, {116.31, 39.9}, {116.311, 39.9}, {116.311, 39.901}, {116.311, 39.901}, {116.31, 39.901}, {116.31, 39.9}}
	collapsed := orb.Ring{{116.32, 39.9}, {116.32, 39.9}, {116.32, 39.9}, {116.32, 39.9}}
	hole := orb.Ring{{116.3002, 39.9002}, {116.3002, 39.9004}, {116.3004, 39.9004}, {116.3004, 39.9002}, {116.3002, 39.9002}}
	var long orb.Ring
	for k := range 40 {
		long = append(long, orb.Point{116.33 + float64(k)*1e-4, 39.9 + float64(k%2)*1e-5})
	}
	long = append(long, orb.Point{116.334, 39.91}, orb.Point{116.33, 39.91}, long[0])
	shapes := []orb.MultiPolygon{
		{{square}}, {{repeated}}, {{collapsed}}, {{square, hole}}, {{square}, {repeated}},
		{{long}}, {{collapsed}, {square}}, {{long, hole}},
	}
	return append(shapes, loadParisBlock(t)[:200]...)
}

// TestASlabKeepsWhatTheHeapWould: subjects decoded and prepared in a slab
// equal those made piece by piece, and stay so after the rest of the batch
// is carved after them (nothing one shape gave back is still its own).
func TestASlabKeepsWhatTheHeapWould(t *testing.T) {
	shapes := slabShapes(t)
	var want []*Prepared
	var wkbs [][]byte
	vertices := 0
	for _, mp := range shapes {
		b, err := EncodeEWKB(mp)
		if err != nil {
			t.Fatal(err)
		}
		wkbs = append(wkbs, b)
		vertices += (len(b) - 9) / 16
		g, err := DecodeWKB(b)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, Prepare(g))
	}
	for _, size := range []struct{ n, vertices int }{{len(shapes), vertices}, {3, 10}, {1, 1}} {
		slab := NewSlab(size.n, size.vertices)
		var got []*Subject
		for i, b := range wkbs {
			g, err := slab.DecodeWKB(b)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, slab.Subject(Subject{ID: int64(i + 1), Kind: KindSupplyParcel, Shape: slab.Prepare(g)}))
		}
		for i, sub := range got {
			if sub.ID != int64(i+1) || !reflect.DeepEqual(sub.Shape, want[i]) {
				t.Fatalf("sized for %d subjects and %d vertices: shape %d differs from the one made without a slab:\n%+v\n%+v",
					size.n, size.vertices, i, *sub.Shape, *want[i])
			}
			if cap(sub.Shape.xy) != len(sub.Shape.xy) || cap(sub.Shape.rings) != len(sub.Shape.rings) {
				t.Fatalf("shape %d can still grow into the slab: xy %d of %d, rings %d of %d", i,
					len(sub.Shape.xy), cap(sub.Shape.xy), len(sub.Shape.rings), cap(sub.Shape.rings))
			}
		}
	}
}
