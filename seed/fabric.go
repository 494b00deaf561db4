package seed

import (
	"github.com/paulmach/orb"

	"landwatch/land"
)

// chunkBlocks is how many blocks are drawn at once, in parallel, before the
// parcel count is checked against the town's target.
const chunkBlocks = 256

// fabric is the drawn city: for each town, its blocks from the centre out.
type fabric struct {
	plan   *plan
	towns  [][]blockOut
	total  int // parcels
	drafts int
}

// buildFabric draws each town's blocks, nearest the centre first, until the
// town holds its share of the parcels. Blocks are drawn in parallel; each
// has its own random stream, so the result does not depend on scheduling.
func buildFabric(o Options, tpl *templates) (*fabric, error) {
	reg, err := lookupRegion(o.RegionCode)
	if err != nil {
		return nil, err
	}
	p := newPlan(o, reg, newPools())
	f := &fabric{plan: p, towns: make([][]blockOut, len(p.towns))}
	for ti, blocks := range p.blocks {
		count := 0
		for pos := 0; count < p.targets[ti]; pos += chunkBlocks {
			if pos >= len(blocks) {
				return nil, land.Errorf(land.CodeInternal, "town %d ran out of blocks at %d of %d parcels", ti, count, p.targets[ti])
			}
			chunk := blocks[pos:min(pos+chunkBlocks, len(blocks))]
			res := make([]blockOut, len(chunk))
			parallel(len(chunk), func(_, k int) { res[k] = genBlock(o.Seed, p, tpl, ti, chunk[k]) })
			for _, b := range res {
				if count >= p.targets[ti] {
					break
				}
				f.towns[ti] = append(f.towns[ti], b)
				count += b.parcels
				f.drafts += len(b.drafts)
			}
		}
		f.total += count
	}
	return f, nil
}

// Fabric returns the parcels of the city o describes, without supplies,
// attributes or events: the cheap path for benchmarks that only need
// geometry (index builds, overlap scans, tiles). The parcels are those City
// generates, designed duplicates and slivers included, in fabric order
// (town by town, block by block from each centre out); City's supplies
// hold the same parcels in the same order.
func Fabric(o Options) ([]orb.MultiPolygon, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	tpl, err := loadTemplates()
	if err != nil {
		return nil, err
	}
	f, err := buildFabric(o, tpl)
	if err != nil {
		return nil, err
	}
	out := make([]orb.MultiPolygon, 0, f.total)
	for _, blocks := range f.towns {
		for _, b := range blocks {
			for _, d := range b.drafts {
				for _, pc := range d.parcels {
					out = append(out, pc.Geometry)
				}
			}
		}
	}
	return out, nil
}
