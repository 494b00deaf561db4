package seed

import (
	"time"

	"landwatch/land"
)

// Options says what to generate.
type Options struct {
	// Seed selects the city; equal seeds give identical output.
	Seed int64
	// Parcels is the number of parcels to generate at least. The fabric
	// stops after the block that reaches it, so the result holds a few more.
	Parcels int
	// CenterLon and CenterLat place the first town's centre (EPSG:4490).
	CenterLon, CenterLat float64
	// RegionCode is the 6-digit county code of the issuing office; it
	// prefixes every e-supervision number and names the county.
	RegionCode string
	// Today is the day the data are generated: no event happens after it.
	Today land.Date
}

// Default returns the demo city: about 20,000 parcels around the seat of
// 定兴县 (Dingxing, region 130626, CGCS2000 3° zone 39), as of 2026-11-26.
func Default() Options {
	return Options{
		Seed:       20261126,
		Parcels:    20000,
		CenterLon:  115.78,
		CenterLat:  39.26,
		RegionCode: "130626",
		Today:      land.NewDate(2026, time.November, 26),
	}
}

// validate checks o and returns a *land.Error naming the faulty field.
func (o Options) validate() error {
	switch {
	case o.Parcels < 1:
		return land.Invalid("parcels", "want at least 1 parcel, got %d", o.Parcels)
	case o.Parcels > 5_000_000:
		return land.Invalid("parcels", "want at most 5,000,000 parcels, got %d", o.Parcels)
	case o.CenterLon < 74 || o.CenterLon > 134 || o.CenterLat < 4 || o.CenterLat > 53:
		return land.Invalid("center", "%.4f, %.4f is not inside China", o.CenterLon, o.CenterLat)
	case !isRegionCode(o.RegionCode):
		return land.Invalid("region_code", "%q is not a 6-digit county code", o.RegionCode)
	case o.Today.IsZero():
		return land.Invalid("today", "a generation day is required")
	case o.Today.Time().Year() < 2010 || o.Today.Time().Year() > 2100:
		return land.Invalid("today", "%s is outside 2010–2100", o.Today)
	}
	return nil
}

func isRegionCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Demo is a generated city.
type Demo struct {
	// Options are those the city was generated from.
	Options Options
	// Supplies are in fabric order (town by town, from each centre
	// outward). Each has its parcels (EPSG:4490, plane area and zone
	// filled), its events in order, and its derived Stage. Database fields
	// (ID, Version, ReviewStatus, CreatedAt …) are left zero for the loader.
	Supplies []land.Supply
	// Reserves are the reserve land (土地收购储备) at the town's edge, each
	// with its parcel, clear of every supply; City fills them, Stream not.
	Reserves []land.Reserve
	// Transactions are transfers, leases and mortgages of the supplies,
	// one of them a mortgage on land determined idle (DESIGN §4.2).
	Transactions []land.Transaction
	// Announcements are transfer announcements (出让公告) whose lots became
	// supplies (each such supply names its lot; Deals are their deals), and
	// one with a lot not sold yet; lots carry their parcels. City fills
	// them, Stream not.
	Announcements []land.Announcement
	Deals         []land.Deal
	// Overlaps lists every pair of supplies whose parcels were drawn over
	// each other on purpose (重复供地), with the area of the overlap.
	Overlaps []Overlap
	// Slivers lists pairs that touch with a survey-rounding sliver under
	// 1 m²: they must not be reported as overlaps.
	Slivers []Sliver
	// IdleStories lists the supplies given an idle-land story (DESIGN
	// §4.2), so that a scan can be checked against what was planted.
	IdleStories []IdleStory
	// Plan is the county's supply plan (供地计划) of the generation year,
	// sized from the year's supplies.
	Plan land.Plan
}

// IdleStory is a supply that was made idle on purpose: Story is
// "suspect_not_started" or "suspect_halted" (the rule holds, nothing
// determined), "idle" (determined, not yet disposed of), "reclaimed"
// (recovered) or "disposed" (fee levied, development went on).
type IdleStory struct {
	ENumber string `json:"e_number"`
	Story   string `json:"story"`
}

// Overlap is one designed overlap between two supplies.
type Overlap struct {
	First  string  `json:"first"`   // e-supervision number of the earlier supply
	Second string  `json:"second"`  // e-supervision number of the one drawn over it
	AreaM2 float64 `json:"area_m2"` // plane area of the overlap
	// Whole is true when Second repeats First's parcel entirely.
	Whole bool `json:"whole"`
	// Live is false when First was reclaimed before Second was supplied
	// (land recovered and supplied again): not an overlap by DESIGN §4.3.
	Live bool `json:"live"`
}

// Sliver is a parcel with one vertex pushed a few centimetres into its
// neighbours, as survey rounding does; MaxAreaM2 bounds the area it adds.
type Sliver struct {
	ENumber   string  `json:"e_number"`
	MaxAreaM2 float64 `json:"max_area_m2"`
}

// cst is China Standard Time, the zone of RecordedAt times.
func cst() *time.Location { return time.FixedZone("CST", 8*3600) }
