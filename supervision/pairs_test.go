package supervision_test

import (
	"compress/gzip"
	"context"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"landwatch/land"
	"landwatch/seed"
	"landwatch/spatial"
	"landwatch/sql"
	"landwatch/sql/sqltest"
	"landwatch/supervision"
)

func TestMaintainedPairsEqualAFreshScanAndPostGISAfterRandomEdits(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 10))
	// 400 squares of 30–80 m scattered over 1 km², many overlapping.
	square := func() orb.MultiPolygon {
		return sqltest.Square(4348000+rng.Float64()*1000, 393000+rng.Float64()*1000, 30+rng.Float64()*50, 0)
	}
	parcels := make([]orb.MultiPolygon, 400)
	for i := range parcels {
		parcels[i] = square()
	}
	maintainedPairsAgainstPostGIS(t, rng, parcels, square)
}

// The same on a real cadastre: a dense town block of Paris's 18th
// arrondissement moved into China (shared edges, slivers, parcels of tens
// of vertices), its edits copies of real parcels shifted by a few metres.
func TestMaintainedPairsOfARealCadastreEqualAFreshScanAndPostGIS(t *testing.T) {
	// A fixed seed: a shifted real parcel can land a pair exactly on the
	// rule's thresholds, where the engine's exact area and PostGIS's may
	// round to either side.
	fixed := uint64(20261206)
	t.Logf("seed %d", fixed)
	rng := rand.New(rand.NewPCG(fixed, 11))
	f, err := os.Open("../spatial/testdata/paris18e_block.geojson.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	parcels, err := seed.ReadParcels("paris18e_block.geojson", gz)
	if err != nil {
		t.Fatal(err)
	}
	shifted := func() orb.MultiPolygon {
		g := orb.Clone(parcels[rng.IntN(len(parcels))]).(orb.MultiPolygon)
		dx, dy := (rng.Float64()-0.5)*0.0001, (rng.Float64()-0.5)*0.0001 // up to about 5 m
		for _, poly := range g {
			for _, ring := range poly {
				for i := range ring {
					ring[i][0] += dx
					ring[i][1] += dy
				}
			}
		}
		return g
	}
	maintainedPairsAgainstPostGIS(t, rng, parcels, shifted)
}

// maintainedPairsAgainstPostGIS loads parcels, makes random edits with
// plain SQL (moves, redraws with newParcel, reclaims, parcels added and
// deleted), and after each round compares the pairs the engine maintains
// with a fresh scan and with the PostGIS self-join.
func maintainedPairsAgainstPostGIS(t *testing.T, rng *rand.Rand, parcels []orb.MultiPolygon, newParcel func() orb.MultiPolygon) {
	st := sqltest.Store(t)
	ctx := context.Background()
	square := newParcel
	ewkb := func(g orb.MultiPolygon) []byte {
		b, err := spatial.EncodeEWKB(g)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	ids, err := st.LoadFabric(ctx, "130626", parcels)
	if err != nil {
		t.Fatal(err)
	}
	e := startEngine(t, st)
	rule := e.Rule()
	for round := range 6 {
		for range 40 {
			id := ids[rng.IntN(len(ids))]
			var q string
			var args []any
			switch rng.IntN(5) {
			case 0, 1: // move
				q, args = `UPDATE parcel SET geom = ST_Translate(geom, $2, $3) WHERE id = $1`, []any{id, (rng.Float64() - 0.5) * 0.002, (rng.Float64() - 0.5) * 0.002}
			case 2: // redraw
				g := square()
				area, _ := spatial.PlaneArea(g)
				q, args = `UPDATE parcel SET geom = ST_GeomFromEWKB($2), plane_area_m2 = $3 WHERE id = $1`, []any{id, ewkb(g), area}
			case 3: // reclaim or revive the supply
				q, args = `UPDATE supply SET stage = CASE WHEN stage = 'reclaimed' THEN 'supplied' ELSE 'reclaimed' END
					WHERE id = (SELECT supply_id FROM parcel WHERE id = $1)`, []any{id}
			case 4: // a second parcel for the supply, or one gone
				if rng.IntN(2) == 0 {
					g := square()
					area, _ := spatial.PlaneArea(g)
					q, args = `INSERT INTO parcel (supply_id, geom, plane_area_m2, gk_epsg, updated_by)
						SELECT supply_id, ST_GeomFromEWKB($2), $3, gk_epsg, 'test' FROM parcel WHERE id = $1`, []any{id, ewkb(g), area}
				} else {
					q, args = `DELETE FROM parcel WHERE id = $1`, []any{id}
				}
			}
			if _, err := st.Pool().Exec(ctx, q, args...); err != nil {
				t.Fatal(err)
			}
		}
		if err := e.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		kept, err := e.Overlaps(ctx, land.SystemScope("test"), supervision.OverlapScope{}, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		snap := e.Index().Snapshot()
		fresh, err := snap.ScanOverlaps(ctx, spatial.Everywhere(), rule, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := pairsOf(snap, fresh); !reflect.DeepEqual(kept, want) {
			t.Fatalf("round %d: %d maintained pairs differ from the %d of a fresh scan", round, len(kept), len(want))
		}
		inRegion, err := e.Overlaps(ctx, land.SystemScope("test"), supervision.OverlapScope{Region: "130626"}, 0, nil)
		if err != nil || !reflect.DeepEqual(inRegion, kept) {
			t.Fatalf("round %d: the region's pairs (%d, %v) differ from everywhere's (%d)", round, len(inRegion), err, len(kept))
		}
		// PostGIS measures every parcel; the engine only live ones.
		theirs, err := st.PostGISOverlapScan(ctx, rule.MinAreaM2, rule.MinShare)
		if err != nil {
			t.Fatal(err)
		}
		ours := map[[2]int64]float64{}
		for _, p := range kept {
			ours[[2]int64{p.A.ParcelID, p.B.ParcelID}] = p.AreaM2
		}
		live := func(id int64) bool { s, ok := snap.Get(spatial.KindSupplyParcel, id); return ok && s.Live }
		matched := 0
		for _, p := range theirs {
			if !live(p.ParcelA) || !live(p.ParcelB) {
				continue
			}
			a, ok := ours[[2]int64{p.ParcelA, p.ParcelB}]
			if !ok || math.Abs(a-p.AreaM2) > 1e-3*p.AreaM2+0.01 {
				t.Errorf("round %d: PostGIS pair %d–%d of %.2f m², maintained %.2f (%v)", round, p.ParcelA, p.ParcelB, p.AreaM2, a, ok)
			}
			matched++
		}
		if matched != len(kept) {
			t.Errorf("round %d: PostGIS finds %d live pairs, the engine keeps %d", round, matched, len(kept))
		}
		// A check reads a parcel's overlaps from the pairs kept: they are
		// what measuring it again finds, seen from its side.
		for _, id := range ids {
			fromPairs, measured := e.OverlapsOfParcelBothWays(id)
			if !sameOverlaps(fromPairs, measured) {
				t.Errorf("round %d: parcel %d has the kept overlaps %+v, measured again %+v", round, id, fromPairs, measured)
			}
		}
		// A supply's check (a few parcels among hundreds of pairs: they are
		// measured again) reports what the pairs kept hold for its parcels.
		if sub, ok := snap.Get(spatial.KindSupplyParcel, ids[rng.IntN(len(ids))]); ok {
			checkedAsKept(t, ctx, st, e, round, sub.SupplyID)
		}
		t.Logf("round %d: %d pairs", round, len(kept))
	}
}

// checkedAsKept checks a supply and holds the overlaps reported to those
// the pairs kept give its parcels.
func checkedAsKept(t *testing.T, ctx context.Context, st *sql.Store, e *supervision.Engine, round int, supply int64) {
	t.Helper()
	reported, err := e.CheckSupplies(ctx, land.SystemScope("test"), supply)
	if err != nil {
		t.Fatal(err)
	}
	parcels, err := st.ParcelIDsOf(ctx, []int64{supply})
	if err != nil {
		t.Fatal(err)
	}
	var kept []spatial.Overlap
	for _, id := range parcels {
		fromPairs, _ := e.OverlapsOfParcelBothWays(id)
		kept = append(kept, fromPairs...)
	}
	got := make([]spatial.Overlap, len(reported))
	for i, r := range reported {
		got[i] = spatial.Overlap{KindA: spatial.KindSupplyParcel, A: r.ParcelID, KindB: spatial.KindSupplyParcel, B: r.OtherParcelID,
			AreaM2: r.AreaM2, ShareA: r.Share, ShareB: r.OtherShare}
	}
	for i := range kept {
		kept[i].SupplyA, kept[i].SupplyB = 0, 0
	}
	if !sameOverlaps(got, kept) {
		t.Errorf("round %d: the check of supply %d reported %+v, the pairs kept hold %+v", round, supply, got, kept)
	}
}

// sameOverlaps reports whether a and b hold the same overlaps, in any
// order, their figures equal to rounding.
func sameOverlaps(a, b []spatial.Overlap) bool {
	if len(a) != len(b) {
		return false
	}
	key := func(o spatial.Overlap) [4]int64 { return [4]int64{int64(o.KindA), o.A, int64(o.KindB), o.B} }
	byKey := map[[4]int64]spatial.Overlap{}
	for _, o := range a {
		byKey[key(o)] = o
	}
	close := func(x, y float64) bool { return math.Abs(x-y) <= 1e-9*math.Max(1, math.Abs(x)) }
	for _, o := range b {
		p, ok := byKey[key(o)]
		if !ok || p.SupplyA != o.SupplyA || p.SupplyB != o.SupplyB || !close(p.AreaM2, o.AreaM2) ||
			!close(p.ShareA, o.ShareA) || !close(p.ShareB, o.ShareB) {
			return false
		}
	}
	return true
}

// pairsOf names the parties of overlaps as the engine does.
func pairsOf(snap *spatial.Snapshot, found []spatial.Overlap) []supervision.PairOverlap {
	party := func(kind spatial.Kind, id int64) supervision.OverlapParty {
		p := supervision.OverlapParty{ParcelID: id}
		if s, ok := snap.Get(kind, id); ok {
			p.SupplyID, p.ENumber, p.Region = s.SupplyID, s.Meta.ENumber, s.Meta.Region
		}
		return p
	}
	out := make([]supervision.PairOverlap, len(found))
	for i, o := range found {
		out[i] = supervision.PairOverlap{A: party(o.KindA, o.A), B: party(o.KindB, o.B), AreaM2: o.AreaM2, ShareA: o.ShareA, ShareB: o.ShareB}
	}
	return out
}
