package importer

import (
	"fmt"
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

// longestPlaceholder is the length in bytes of the longest of
// placeholderTexts: a longer text is none, without lowering its case (which
// copies every text that is not ASCII, such as a project's name).
const longestPlaceholder = 6

// isPlaceholder reports whether t (blanks already trimmed) stands for an
// empty cell.
func isPlaceholder(t string) bool {
	return len(t) <= longestPlaceholder && placeholderTexts[strings.ToLower(t)]
}

// clearPlaceholders empties every cell that holds only a placeholder and
// notes each one, naming its field: a row of 211 "Nah" prices is a row
// without prices, not a row to refuse. A required field cleared this way is
// then refused as missing.
func clearPlaceholders(v fieldValues) []note {
	var notes []note
	for f, text := range v {
		t := strings.TrimSpace(text)
		if t != "" && isPlaceholder(t) {
			v[f] = ""
			notes = append(notes, note{f, fmt.Sprintf("%q is a placeholder: read as empty", t)})
		}
	}
	// In the fields' order (most rows have none to sort).
	slices.SortFunc(notes, func(a, b note) int { return strings.Compare(a.field, b.field) })
	return notes
}

// dropPlaceholderDate returns d, or no date with a note naming field when d
// is one the domain refuses (land.CheckRecordDate: before 1949, or decades
// before contract, which may be none).
func dropPlaceholderDate(field string, d, contract land.Date, notes *[]note) land.Date {
	if err := land.CheckRecordDate(field, d, contract); err != nil {
		*notes = append(*notes, note{field, land.ErrorMessage(err) + ": a placeholder, read as no date"})
		return land.Date{}
	}
	return d
}
