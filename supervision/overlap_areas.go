package supervision

import (
	"landwatch/sql"

	"context"

	"github.com/paulmach/orb"
)

// OverlapAreasIn returns the open overlaps whose extent touches b.
func (e *Engine) OverlapAreasIn(b orb.Bound) []sql.OverlapArea {
	all := e.overlapAreas.Load()
	if all == nil {
		return nil
	}
	var out []sql.OverlapArea
	for _, a := range *all {
		if a.Bound.Intersects(b) {
			out = append(out, a)
		}
	}
	return out
}

// reloadOverlapAreas reads the open overlap findings' shared areas.
func (e *Engine) reloadOverlapAreas(ctx context.Context) error {
	out, err := e.store.OverlapAreas(ctx)
	if err != nil {
		return err
	}
	old := e.overlapAreas.Swap(&out)
	// Tiles drawn before the reload lack the shared ground that appeared
	// (or still show what went): forget them, wherever an area came or went.
	if old != nil {
		was, now := map[int64]orb.Bound{}, map[int64]orb.Bound{}
		for _, a := range *old {
			was[a.FindingID] = a.Bound
		}
		for _, a := range out {
			now[a.FindingID] = a.Bound
		}
		e.forgetWhereChanged(was, now)
	}
	return nil
}

// forgetWhereChanged tells OnChange the extents of what came, went or moved
// between two loads of a layer kept beside the index (by id), so that the
// tiles drawn from the old load are forgotten.
func (e *Engine) forgetWhereChanged(was, now map[int64]orb.Bound) {
	if e.onChange == nil {
		return
	}
	for id, b := range now {
		if old, ok := was[id]; !ok || old != b {
			e.onChange(b, b)
		}
	}
	for id, b := range was {
		if cur, ok := now[id]; !ok || cur != b {
			e.onChange(b, b)
		}
	}
}
