package supervision

import (
	"github.com/paulmach/orb"

	"landwatch/sql"
)

// FindingMarksIn returns the open findings whose point lies in b, from the
// marks published last: it never waits for catching up.
func (e *Engine) FindingMarksIn(b orb.Bound) []sql.FindingMark {
	var out []sql.FindingMark
	for _, m := range e.findingMarks.current() {
		if b.Contains(m.Point) {
			out = append(out, m)
		}
	}
	return out
}
