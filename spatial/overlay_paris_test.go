package spatial

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// loadParisBlock reads testdata/paris18e_block.geojson.gz: 1,389
// neighbouring parcels of the relocated Paris 18e cadastre (see
// testdata/README.md), in file order.
func loadParisBlock(t testing.TB) []orb.MultiPolygon {
	t.Helper()
	f, err := os.Open("testdata/paris18e_block.geojson.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties struct {
				ID string `json:"id"`
			} `json:"properties"`
			Geometry json.RawMessage `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(raw, &fc); err != nil {
		t.Fatal(err)
	}
	out := make([]orb.MultiPolygon, 0, len(fc.Features))
	for _, ft := range fc.Features {
		mp, err := ParseGeoJSONGeometry(ft.Geometry)
		if err != nil {
			t.Fatalf("parcel %s: %v", ft.Properties.ID, err)
		}
		out = append(out, mp)
	}
	if len(out) != 1389 {
		t.Fatalf("the block holds %d parcels, expected 1389", len(out))
	}
	return out
}

// pairArea is an intersecting pair of the block by index (i < j), with the
// area of the intersection and of the smaller parcel in zone 39.
type pairArea struct {
	i, j          int
	area, smaller float64
}

// postgisBlockPairs asks PostGIS for every pair of parcels whose interiors
// intersect, with the area of their intersection after ST_Transform to
// EPSG:4527 (see postgisIntersections).
func postgisBlockPairs(t *testing.T, parcels []orb.MultiPolygon) []pairArea {
	t.Helper()
	conn := oracle(t)
	ctx := context.Background()
	_, err := conn.Exec(ctx, `
		CREATE TEMP TABLE block_parcels AS
		SELECT i::int - 1 AS i, ST_Transform(ST_GeomFromEWKB(g), 4527) AS g
		FROM unnest($1::bytea[]) WITH ORDINALITY AS u(g, i)`, ewkbs(t, parcels...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `CREATE INDEX ON block_parcels USING gist (g); ANALYZE block_parcels`); err != nil {
		t.Fatal(err)
	}
	rows, err := conn.Query(ctx, `
		SELECT a.i, b.i, ST_Area(ST_Intersection(a.g, b.g)), least(ST_Area(a.g), ST_Area(b.g))
		FROM block_parcels a JOIN block_parcels b ON a.i < b.i AND ST_Intersects(a.g, b.g)
		WHERE ST_Relate(a.g, b.g, 'T********')
		ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	var out []pairArea
	for rows.Next() {
		var p pairArea
		if err := rows.Scan(&p.i, &p.j, &p.area, &p.smaller); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOverlapsOfTheParisBlockAgreeWithPostGIS(t *testing.T) {
	parcels := loadParisBlock(t)
	want := postgisBlockPairs(t, parcels)
	b := NewBuilder(len(parcels))
	for i, mp := range parcels {
		// One supply per parcel: every pair of neighbours is a candidate.
		b.Add(&Subject{ID: int64(i), Kind: KindSupplyParcel, SupplyID: int64(i + 1), Live: true, Shape: Prepare(mp)})
	}
	ix := b.Build()
	for _, c := range []struct {
		name  string
		rule  OverlapRule
		pairs int // found by PostGIS when the block was cut
	}{
		{"interiors intersecting (rule {0, 0})", OverlapRule{}, 18},
		{"the default rule (1 m², 0.1 %)", DefaultOverlapRule(), 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ix.ScanOverlaps(context.Background(), Everywhere(), c.rule, 2, nil)
			if err != nil {
				t.Fatal(err)
			}
			var wantPairs, gotPairs []string
			wantArea := map[string]float64{}
			for _, p := range want {
				if p.area > InteriorEpsilonM2 && p.area >= c.rule.MinAreaM2 && p.area >= c.rule.MinShare*p.smaller {
					key := fmt.Sprintf("%d-%d", p.i, p.j)
					wantPairs = append(wantPairs, key)
					wantArea[key] = p.area
				}
			}
			worst := 0.0
			for _, o := range got {
				key := fmt.Sprintf("%d-%d", o.A, o.B)
				gotPairs = append(gotPairs, key)
				if w, ok := wantArea[key]; ok {
					if rel := math.Abs(o.AreaM2-w) / w; rel > 0.005 {
						t.Errorf("pair %s: %.6g m², PostGIS %.6g", key, o.AreaM2, w)
					} else {
						worst = max(worst, rel)
					}
				}
			}
			if !slices.Equal(gotPairs, wantPairs) {
				t.Fatalf("ScanOverlaps found %v, PostGIS %v", gotPairs, wantPairs)
			}
			if len(gotPairs) != c.pairs {
				t.Errorf("found %d pairs, the block was cut with %d", len(gotPairs), c.pairs)
			}
			t.Logf("%d pairs, identical to PostGIS's; largest relative area error %.2g", len(gotPairs), worst)
		})
	}
}
