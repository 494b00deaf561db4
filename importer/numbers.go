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

// chineseDigits are the values of the Chinese numerals 〇 to 九 (两 as 二).
var chineseDigits = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// chineseCount reads a whole number below 100 written in Chinese numerals
// ("七十", "十五", "四十五", "九"), as terms of years are written in words.
func chineseCount(s string) (int, bool) {
	r := []rune(strings.TrimSpace(s))
	tens, rest := 0, r
	for i, c := range r {
		if c != '十' {
			continue
		}
		switch i {
		case 0:
			tens = 1
		case 1:
			d, ok := chineseDigits[r[0]]
			if !ok || d == 0 {
				return 0, false
			}
			tens = d
		default:
			return 0, false
		}
		rest = r[i+1:]
		break
	}
	switch len(rest) {
	case 0:
		if tens == 0 {
			return 0, false
		}
		return tens * 10, true
	case 1:
		d, ok := chineseDigits[rest[0]]
		if !ok {
			return 0, false
		}
		return tens*10 + d, true
	}
	return 0, false
}
