package land

import "github.com/paulmach/orb"

// Boundary is the administrative boundary (行政区界线) of a division: a
// county or prefecture by its 6-digit code, or a township by 9 digits (its
// county's code and three more).
type Boundary struct {
	Record   string // "feature N" of the file it came from
	Code     string
	Name     string
	Geometry orb.MultiPolygon
}
