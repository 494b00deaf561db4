package seed

import (
	"math"
	"slices"

	"landwatch/spatial"
)

// Town sizes. A town holds at most townCapacity parcels; a larger city is
// several towns east of the seat (east keeps them in the seat's 3° zone).
const (
	townCapacity = 25000
	// groundPerParcel is the land, streets included, that one parcel takes
	// on average (m²), measured on generated towns; it sizes the zoning
	// radius before any block is drawn.
	groundPerParcel = 12000.0
	// minBlockSide leaves out blocks squeezed between converging streets.
	minBlockSide = 40.0
)

// townRadius is the expected radius (m) of a town of n parcels.
func townRadius(n int) float64 { return math.Sqrt(float64(n) * groundPerParcel / math.Pi) }

// plan is the layout of a whole city: its zone and its towns, each with
// the number of parcels it should hold and its blocks from the centre out.
type plan struct {
	zone    spatial.Zone
	cm      float64
	towns   []*town
	targets []int
	blocks  [][]blockRef
}

// blockRef names block (i, j) of a town, with its distance from the centre.
type blockRef struct {
	i, j int
	dist float64
}

// key identifies the block for its random streams.
func (b blockRef) key(town int) uint64 {
	return uint64(town)<<40 | uint64(b.i)<<20 | uint64(b.j)
}

// newPlan lays out the towns of the city described by o.
func newPlan(o Options, reg region, pl *pools) *plan {
	zone := spatial.Zone3Of(o.CenterLon)
	cm := zone.CentralMeridian()
	n0, e0 := spatial.ToPlane(cm, o.CenterLon, o.CenterLat)

	count := (o.Parcels + townCapacity - 1) / townCapacity
	p := &plan{zone: zone, cm: cm}
	// Towns are far enough apart that the blocks of two neighbours, each
	// within extent of a centre moved by up to 1 km, never meet.
	spacing := 2*townRadius(townCapacity)*1.3 + 3000
	slots := townSlots(count)
	r := newRand(o.Seed, streamTown, 0)
	townNames := newNamePool(r, pl.streetFirst, pl.streetSecond)
	for k := range count {
		target := o.Parcels / count
		if k < o.Parcels%count {
			target++
		}
		tr := newRand(o.Seed, streamTown, uint64(k)+1)
		radius := townRadius(target)
		extent := radius*1.7 + 1500
		if count > 1 {
			extent = min(extent, spacing/2-1500)
		}
		t := &town{
			index:           k,
			name:            reg.county,
			radius:          radius,
			industryBearing: uniform(tr, 0, 2*math.Pi),
		}
		if k > 0 {
			t.name = townNames.take("新") + "镇"
		}
		angle := uniform(tr, -0.2, 0.2)
		if k == 0 {
			angle = uniform(tr, -0.05, 0.05)
		}
		t.cos, t.sin = math.Cos(angle), math.Sin(angle)
		t.centerE = e0 + float64(slots[k][0])*spacing + uniform(tr, -1000, 1000)*min(1, float64(k))
		t.centerN = n0 + float64(slots[k][1])*spacing + uniform(tr, -1000, 1000)*min(1, float64(k))
		t.ns = layStreets(tr, extent)
		t.ew = layStreets(tr, extent)
		streets := newNamePool(tr, pl.streetFirst, pl.streetSecond)
		nameStreets(t.ns, streets, "经")
		nameStreets(t.ew, streets, "纬")
		if k == 0 {
			t.river = &river{
				y0:        uniform(tr, 0.25, 0.45) * radius * float64(1-2*tr.IntN(2)),
				amp:       uniform(tr, 300, 700),
				wave:      uniform(tr, 1500, 3000),
				phase:     uniform(tr, 0, 2*math.Pi),
				halfWidth: uniform(tr, 40, 70),
			}
		}
		p.towns = append(p.towns, t)
		p.targets = append(p.targets, target)
		p.blocks = append(p.blocks, t.blockOrder(extent))
	}
	return p
}

// townSlots places count towns on a grid: the seat at (0, 0), the others
// east of it or level with it, nearest first (east first among equals).
func townSlots(count int) [][2]int {
	side := int(math.Ceil(math.Sqrt(float64(count)))) + 1
	var slots [][2]int
	for ix := 0; ix <= side; ix++ {
		for iy := -side; iy <= side; iy++ {
			slots = append(slots, [2]int{ix, iy})
		}
	}
	slices.SortStableFunc(slots, func(a, b [2]int) int {
		da, db := a[0]*a[0]+a[1]*a[1], b[0]*b[0]+b[1]*b[1]
		if da != db {
			return da - db
		}
		if a[0] != b[0] {
			return b[0] - a[0] // east first
		}
		return a[1] - b[1]
	})
	return slots[:count]
}

// blockOrder lists the town's blocks within extent of the centre, nearest
// first, leaving out those in the river corridor.
func (t *town) blockOrder(extent float64) []blockRef {
	var blocks []blockRef
	for i := 0; i+1 < len(t.ns); i++ {
		for j := 0; j+1 < len(t.ew); j++ {
			x, y := t.localCenter(i, j)
			d := math.Hypot(x, y)
			if d > extent {
				continue
			}
			w, h := quadSize(t.blockQuad(i, j))
			if w < minBlockSide || h < minBlockSide || t.inRiver(x, y, h) {
				continue
			}
			blocks = append(blocks, blockRef{i: i, j: j, dist: d})
		}
	}
	slices.SortStableFunc(blocks, func(a, b blockRef) int {
		switch {
		case a.dist < b.dist:
			return -1
		case a.dist > b.dist:
			return 1
		}
		return 0
	})
	return blocks
}
