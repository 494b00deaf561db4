package supervision

import (
	"github.com/paulmach/orb"

	"landwatch/sql"
)

// OverlapAreasIn returns the open overlaps whose extent touches b, from
// the areas published last: it never waits for catching up.
func (e *Engine) OverlapAreasIn(b orb.Bound) []sql.OverlapArea {
	var out []sql.OverlapArea
	for _, a := range e.overlapAreas.current() {
		if a.Bound.Intersects(b) {
			out = append(out, a)
		}
	}
	return out
}
