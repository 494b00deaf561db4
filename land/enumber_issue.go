package land

import (
	"fmt"
	"strings"
)

// IssueLetter is the type letter of an e-supervision number that landwatch
// issues for a supply method: A for allocation (划拨), B for every paid grant
// (出让, and leases, capital contributions and authorised operation, which
// the national numbering files beside transfers). It is the letter
// checkTypeLetter accepts without a warning.
func IssueLetter(method string) byte {
	if KindOf(method) == KindAllocation {
		return 'A'
	}
	return 'B'
}

// MaxSerial is the largest serial landwatch issues: five digits.
const MaxSerial = 99999

// SerialOf returns the numeric serial of a number whose serial is five
// digits, or 0 for one with letters (older numbers such as 4406062019BI7595),
// which landwatch never issues and so cannot collide with.
func (n ENumber) SerialOf() int {
	v := 0
	for i := 0; i < len(n.Serial); i++ {
		c := n.Serial[i]
		if c < '0' || c > '9' {
			return 0
		}
		v = v*10 + int(c-'0')
	}
	return v
}

// WithSerial returns n with the serial v written as five digits; a serial
// past MaxSerial is CodeConflict (the county has used every number of the
// year and letter).
func (n ENumber) WithSerial(v int) (ENumber, error) {
	if v < 1 || v > MaxSerial {
		return n, &Error{Code: CodeConflict, Field: "e_number",
			Message: fmt.Sprintf("no serial left for %s %d %c: all %d are used", n.County, n.Year, n.Type, MaxSerial)}
	}
	n.Serial = fmt.Sprintf("%05d", v)
	return n, nil
}

// DraftENumber is the e-supervision number a supply entered without one
// will be issued (DESIGN §2), its serial 00000 until the store takes the
// county's next one: the county is the supply's region code, else the
// user's region when that is a county (or a prefecture's own office, which
// must be chosen explicitly as XXYY00); the year is the contract date's,
// else today's; the letter follows the method (IssueLetter). A region
// that is a province or not a region code is CodeInvalid on region_code.
func (s *Supply) DraftENumber(userRegion string, today Date) (ENumber, error) {
	county := strings.TrimSpace(s.RegionCode)
	if county == "" && !strings.HasSuffix(userRegion, "00") {
		county = userRegion
	}
	if len(county) != 6 || !allDigits(county) || strings.HasSuffix(county, "0000") {
		return ENumber{}, Invalid("region_code", "choose the county (or a prefecture's own office, XXYY00) whose e-supervision number is issued, or give the number")
	}
	year := today.Time().Year()
	if !s.ContractDate.IsZero() {
		year = s.ContractDate.Time().Year()
	}
	method, err := ParseMethod(s.Method)
	if err != nil {
		method = MethodTender // the method's own error names it; any paid letter will do meanwhile
	}
	return ENumber{County: county, Year: year, Type: IssueLetter(method), Serial: "00000"}, nil
}
