package spatial

// SupplyCoverage returns, for every supply with parcels in the snapshot,
// the share of its parcels' area covered by the union of footprints (kind
// KindFootprint) that count for it — those for which counts returns true
// (e.g. observed after the supply's agreed start). It returns nil when the
// snapshot holds no footprint at all: no evidence is not evidence of
// nothing.
func (s *Snapshot) SupplyCoverage(counts func(supplyID int64, footprint *Subject) bool) map[int64]float64 {
	loaded := false
	s.Search(Everywhere(), func(sub *Subject) bool {
		loaded = sub.Kind == KindFootprint
		return !loaded
	})
	if !loaded {
		return nil
	}
	covered, total := map[int64]float64{}, map[int64]float64{}
	var covers []*Prepared
	s.Search(Everywhere(), func(p *Subject) bool {
		if p.Kind != KindSupplyParcel {
			return true
		}
		covers = covers[:0]
		s.Search(p.Shape.Bound, func(f *Subject) bool {
			if f.Kind == KindFootprint && counts(p.SupplyID, f) {
				covers = append(covers, f.Shape)
			}
			return true
		})
		area := p.Shape.Area()
		total[p.SupplyID] += area
		if len(covers) > 0 {
			covered[p.SupplyID] += CoveredShare(p.Shape, covers) * area
		}
		return true
	})
	out := make(map[int64]float64, len(total))
	for id, t := range total {
		if t > 0 {
			out[id] = covered[id] / t
		}
	}
	return out
}
