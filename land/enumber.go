package land

import (
	"fmt"
	"strconv"
	"strings"
)

// ENumber is an e-supervision number (电子监管号), the national key of a
// supply: the 6-digit code of the issuing county (or a prefecture's own
// office, XXYY00), the 4-digit year, a type letter (A 划拨, B 出让), a
// 5-character serial of digits and capital letters, and for a record split
// from another an optional suffix "-N". Its text form matches
// ^\d{6}\d{4}[A-Z][0-9A-Z]{5}(-\d+)?$.
type ENumber struct {
	County string // 6-digit region code of the issuing office
	Year   int    // year the number was issued
	Type   byte   // 'A' allocation, 'B' transfer
	Serial string // 5 digits or capital letters
	Suffix int    // 0 for none, else the N of "-N"
}

// ENumberLen is the length of an e-supervision number without its suffix.
const ENumberLen = 16

// ParseENumber reads an e-supervision number such as 1306262018B00730,
// 4406062019BI7595 or 4514002016B00269-1; surrounding blanks are ignored. It
// returns a CodeInvalid error for field "e_number" that says which part is
// wrong. A suffix must be a positive number without leading zeros, so that
// each number has one spelling.
func ParseENumber(s string) (ENumber, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return ENumber{}, Invalid("e_number", "the e-supervision number is required (16 characters such as 1306262018B00730)")
	}
	body, suffix, hasSuffix := strings.Cut(s, "-")
	if len(body) != ENumberLen {
		return ENumber{}, Invalid("e_number", "%q must have 16 characters before any -N suffix (6-digit county, 4-digit year, type letter, 5-character serial), not %d", s, len(body))
	}
	county, year, typ, serial := body[:6], body[6:10], body[10], body[11:]
	if !allDigits(county) {
		return ENumber{}, Invalid("e_number", "%q must start with a 6-digit county code, not %q", s, county)
	}
	if !allDigits(year) {
		return ENumber{}, Invalid("e_number", "%q must have a 4-digit year in characters 7 to 10, not %q", s, year)
	}
	y, _ := strconv.Atoi(year)
	if y < 1949 {
		return ENumber{}, Invalid("e_number", "%q gives the year %d, which is too early", s, y)
	}
	if typ < 'A' || typ > 'Z' {
		return ENumber{}, Invalid("e_number", "%q must have a capital type letter (A 划拨, B 出让) as character 11, not %q", s, string(typ))
	}
	for i := 0; i < len(serial); i++ {
		if c := serial[i]; !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return ENumber{}, Invalid("e_number", "%q must end in a 5-character serial of digits and capital letters, not %q", s, serial)
		}
	}
	n := ENumber{County: county, Year: y, Type: typ, Serial: serial}
	if hasSuffix {
		v, err := strconv.Atoi(suffix)
		if !allDigits(suffix) || err != nil || v <= 0 || suffix[0] == '0' {
			return ENumber{}, Invalid("e_number", "%q has a suffix %q; a suffix is - and a positive number such as -1", s, "-"+suffix)
		}
		n.Suffix = v
	}
	return n, nil
}

// String returns the number in its text form, such as 4514002016B00269-1.
func (n ENumber) String() string {
	s := fmt.Sprintf("%s%04d%c%s", n.County, n.Year, n.Type, n.Serial)
	if n.Suffix > 0 {
		s += "-" + strconv.Itoa(n.Suffix)
	}
	return s
}

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
