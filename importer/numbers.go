package importer

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"landwatch/land"
)

// parseDecimal reads a plain decimal number as land offices write it:
// optional sign, digits, optional fraction and exponent, with thousands
// separators allowed. Hexadecimal, NaN and infinities are refused.
func parseDecimal(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" {
		return 0, false
	}
	digits := false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c == '.', c == '-', c == '+', c == 'e', c == 'E':
		default:
			return 0, false
		}
	}
	if !digits {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// parseCount reads a whole number written plainly ("17", " 17 ").
func parseCount(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 9 {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// reasonOf returns the message of err without the field prefix that
// (*land.Error).Error adds, since a rejection names its field apart.
func reasonOf(err error) string {
	var e *land.Error
	if errors.As(err, &e) {
		c := *e
		c.Field = ""
		return c.Error()
	}
	return err.Error()
}
