package importer

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestRingsAreAssembledByHowTheyNest(t *testing.T) {
	tests := []struct {
		name, file   string
		rings        []int // rings per part, in order
		areaM2       float64
		warningLines []int // of 圈号 warnings
		warningRings []string
	}{
		{"an island inside a hole is a part of its own", "island_in_hole.txt",
			[]int{2, 1}, 10000 - 3600 + 400, nil, nil},
		{"two holes each with an island give three parts", "two_holes_two_islands.txt",
			[]int{3, 1, 1}, 10000 - 900 - 900 + 100 + 100, nil, nil},
		{"a ring numbered 2 beside ring 1 is a second part holding the hole 圈号 3", "second_part_numbered_2.txt",
			[]int{1, 2}, 5000 + 4000 - 400, nil, nil},
		{"a hole listed before its outer ring is still its hole", "hole_before_outer.txt",
			[]int{2}, 10000 - 400, nil, nil},
		{"a hole and an island running the other way round are read by nesting with a warning each", "rings_the_wrong_way.txt",
			[]int{2, 1}, 10000 - 3600 + 400, []int{17, 22}, []string{"圈号 2", "圈号 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := parseCoord(t, "testdata/coord/"+tt.file)
			if len(b.Rejected) != 0 || len(b.Parcels) != 1 {
				t.Fatalf("%d parcels, rejections %+v", len(b.Parcels), b.Rejected)
			}
			p := b.Parcels[0].Parcel
			var rings []int
			for _, poly := range p.Geometry {
				rings = append(rings, len(poly))
			}
			if !slices.Equal(rings, tt.rings) {
				t.Errorf("rings per part %v, want %v", rings, tt.rings)
			}
			// Outer rings less holes plus islands, as written in the plane.
			if math.Abs(p.PlaneAreaM2-tt.areaM2) > 1e-6*tt.areaM2 {
				t.Errorf("plane area %.6f m², want %.0f", p.PlaneAreaM2, tt.areaM2)
			}
			var lines []int
			for i, w := range b.Warnings {
				if w.Field != "圈号" {
					t.Errorf("unexpected warning %+v", w)
					continue
				}
				lines = append(lines, w.Line)
				if i < len(tt.warningRings) && !strings.Contains(w.Message, tt.warningRings[i]) {
					t.Errorf("warning %q, want it to name %s", w.Message, tt.warningRings[i])
				}
			}
			if !slices.Equal(lines, tt.warningLines) {
				t.Errorf("圈号 warnings at lines %v, want %v", lines, tt.warningLines)
			}
		})
	}
}

func TestGeometryRejectionsNameTheRingNumberAndLines(t *testing.T) {
	tests := []struct {
		name, file string
		says       []string
	}{
		{"a hole crossing its outer ring names both rings and the crossing edges by line", "crossing_hole.txt",
			[]string{"the edge from lines 13–14 of ring 圈号 1 from line 12", "the edge from lines 18–19 of ring 圈号 2 from line 17", "cross at"}},
		{"a self-crossing ring names its edges by line", "bowtie.txt",
			[]string{"ring 圈号 1 from line 12 crosses itself", "edge from lines 12–13", "edge from lines 14–15"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := parseCoord(t, "testdata/coord/"+tt.file)
			if len(b.Parcels) != 0 || len(b.Rejected) != 1 {
				t.Fatalf("%d parcels, rejections %+v", len(b.Parcels), b.Rejected)
			}
			r := b.Rejected[0]
			if r.Field != "geometry" || r.Line != 11 {
				t.Errorf("rejection %+v, want field geometry at the header line 11", r)
			}
			for _, s := range tt.says {
				if !strings.Contains(r.Reason, s) {
					t.Errorf("rejection %q, want it to say %q", r.Reason, s)
				}
			}
			for _, internal := range []string{"polygon", "vertex", "ring 0", "(hole)"} {
				if strings.Contains(r.Reason, internal) {
					t.Errorf("rejection %q names places by internal index (%q)", r.Reason, internal)
				}
			}
		})
	}
}

func TestGeoJSONGeometryRejectionsCountPartsFromOne(t *testing.T) {
	// A square whose hole crosses its east side, as the second part of a
	// MultiPolygon.
	multi := `{"type": "MultiPolygon", "coordinates": [
	  [[[115.70, 39.26], [115.701, 39.26], [115.701, 39.261], [115.70, 39.261], [115.70, 39.26]]],
	  [[[115.78, 39.26], [115.781, 39.26], [115.781, 39.261], [115.78, 39.261], [115.78, 39.26]],
	   [[115.7808, 39.2604], [115.7808, 39.2606], [115.7812, 39.2606], [115.7812, 39.2604], [115.7808, 39.2604]]]]}`
	b := geoJSONOf(collection(feature(`{"number": "A1"}`, multi)))
	if len(b.Rejected) != 1 || b.Rejected[0].Field != "geometry" {
		t.Fatalf("rejections %+v, want one of the geometry", b.Rejected)
	}
	reason := b.Rejected[0].Reason
	for _, s := range []string{"the edge from positions 2–3 of part 2, outer ring", "the edge from positions 2–3 of part 2, hole 1"} {
		if !strings.Contains(reason, s) {
			t.Errorf("rejection %q, want it to say %q", reason, s)
		}
	}
}
