package importer

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"landwatch/land"
)

// placeholderTexts are what land offices and scrapers write into a cell that
// has nothing to say (lower case): a dash, a slash, 无, NULL, an HTML blank.
var placeholderTexts = map[string]bool{
	"-": true, "--": true, "—": true, "——": true, "－": true, "/": true, "／": true, "\\": true,
	"无": true, "暂无": true, "nah": true, "null": true, "none": true, "nil": true, "n/a": true, "na": true,
	"&nbsp;": true, "&#160;": true,
}

// isPlaceholder reports whether t (blanks already trimmed) stands for an
// empty cell.
func isPlaceholder(t string) bool { return placeholderTexts[strings.ToLower(t)] }

// clearPlaceholders empties every cell that holds only a placeholder and
// notes each one, naming its field: a row of 211 "Nah" prices is a row
// without prices, not a row to refuse. A required field cleared this way is
// then refused as missing.
func clearPlaceholders(v supplyValues) []note {
	var notes []note
	for _, f := range slices.Sorted(maps.Keys(v)) {
		t := strings.TrimSpace(v[f])
		if t != "" && isPlaceholder(t) {
			v[f] = ""
			notes = append(notes, note{f, fmt.Sprintf("%q is a placeholder: read as empty", t)})
		}
	}
	return notes
}

// firstRealYear is the first year a land record of the People's Republic can
// carry: earlier dates (1900-01-01, 1901-01-02) are what office software
// writes for "no date".
const firstRealYear = 1949

// maxYearsBeforeContract is how far an agreed or actual date may lie before
// the contract date before it is read as a placeholder: no grant agrees to
// deliver or start thirty years before it was signed.
const maxYearsBeforeContract = 30

// dropPlaceholderDate returns d, or no date with a note naming field when d
// is before 1949 or more than maxYearsBeforeContract years before contract
// (which may be none).
func dropPlaceholderDate(field string, d, contract land.Date, notes *[]note) land.Date {
	switch {
	case d.IsZero():
	case d.Time().Year() < firstRealYear:
		*notes = append(*notes, note{field, fmt.Sprintf("%s is before %d, a placeholder: read as no date", d, firstRealYear)})
		return land.Date{}
	case !contract.IsZero() && d.Before(contract.AddYears(-maxYearsBeforeContract)):
		*notes = append(*notes, note{field, fmt.Sprintf("%s is more than %d years before the contract date %s, a placeholder: read as no date",
			d, maxYearsBeforeContract, contract)})
		return land.Date{}
	}
	return d
}
