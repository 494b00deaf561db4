package supervision

import (
	"landwatch/sql"

	"context"

	"github.com/paulmach/orb"
)

// FindingMarksIn returns the open findings whose point lies in b.
func (e *Engine) FindingMarksIn(b orb.Bound) []sql.FindingMark {
	all := e.findingMarks.Load()
	if all == nil {
		return nil
	}
	var out []sql.FindingMark
	for _, m := range *all {
		if b.Contains(m.Point) {
			out = append(out, m)
		}
	}
	return out
}

// reloadFindingMarks reads the open findings with a point on their
// supply's parcels.
func (e *Engine) reloadFindingMarks(ctx context.Context) error {
	out, err := e.store.FindingMarks(ctx)
	if err != nil {
		return err
	}
	old := e.findingMarks.Swap(&out)
	// As with overlap areas: forget the tiles where a mark came or went.
	if old != nil {
		was, now := map[int64]orb.Bound{}, map[int64]orb.Bound{}
		for _, m := range *old {
			was[m.ID] = m.Point.Bound()
		}
		for _, m := range out {
			now[m.ID] = m.Point.Bound()
		}
		e.forgetWhereChanged(was, now)
	}
	return nil
}
