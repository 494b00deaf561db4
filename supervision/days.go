package supervision

import (
	"time"

	"landwatch/land"
)

// DayStart is the instant day d begins in the rules' zone: records made
// from then until the next day's start are made on d, whatever the zone of
// the host or of the database session.
func (r *Rules) DayStart(d land.Date) time.Time { return d.StartIn(r.Zone) }
