package land

import (
	"strings"
	"unicode"
)

// MapLandUse reads a land use (土地用途) written as a code or a name of either
// the current list (GB/T 21010-2017: 0601, 城镇住宅用地, first-level 05 …) or
// the pre-2017 list (061, 其他普通商品住房用地, 街巷用地 …), or as a code
// followed by its name ("0601 工业用地"), and returns the current
// GB/T 21010-2017 code. Blanks are ignored and "," or "，" count as "、".
//
// It returns a CodeInvalid error for field "land_use" when the text is empty,
// names no known class, names a mixed category (综合, 其他) that has no single
// class, or gives a code and a name that disagree.
func MapLandUse(s string) (code string, err error) {
	label := normalizeLandUseLabel(s)
	if label == "" {
		return "", Invalid("land_use", "the land use is required (a GB/T 21010 code such as 0701 or a name such as 城镇住宅用地)")
	}
	digits := leadingDigits(label)
	if digits == "" || digits == label {
		return lookupLandUse(label, s)
	}
	byCode, err := lookupLandUse(digits, s)
	if err != nil {
		return "", err
	}
	byName, err := lookupLandUse(label[len(digits):], s)
	if err != nil {
		return "", err
	}
	if byCode != byName {
		return "", Invalid("land_use", "%q gives code %s but a name of class %s", s, byCode, byName)
	}
	return byCode, nil
}

// LandUseName returns the GB/T 21010-2017 name of a current land-use code
// (工业用地 for 0601, 住宅用地 for 07), or "" when code is not a current code.
func LandUseName(code string) string { return currentLandUses[code] }

// lookupLandUse maps one code or one name to a current code; original is the
// caller's text, quoted in errors.
func lookupLandUse(label, original string) (string, error) {
	if _, ok := currentLandUses[label]; ok {
		return label, nil
	}
	if old, ok := legacyLandUses[label]; ok {
		return old.current, nil
	}
	if code, ok := landUseAliases[label]; ok {
		return code, nil
	}
	if mixedLandUses[label] {
		return "", Invalid("land_use", "%q is a mixed category with no single class; give the use of each part (such as 0701 城镇住宅用地)", original)
	}
	for code, name := range currentLandUses {
		if name == label {
			return code, nil
		}
	}
	for _, old := range legacyLandUses {
		if old.name == label {
			return old.current, nil
		}
	}
	return "", Invalid("land_use", "%q is not a land use of GB/T 21010-2017 or of the pre-2017 list", original)
}

// normalizeLandUseLabel drops every blank and writes list commas as "、".
func normalizeLandUseLabel(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case r == ',' || r == '，':
			b.WriteRune('、')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// leadingDigits returns the ASCII digits s starts with.
func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}
