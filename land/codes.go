package land

import "strings"

// The supply method codes (供地方式) of the national supply records.
const (
	MethodAllocation = "1"  // 划拨
	MethodTLA        = "2"  // 招拍挂出让: tender, auction or listing, not said which (older records)
	MethodTender     = "21" // 招标出让
	MethodAuction    = "22" // 拍卖出让
	MethodListing    = "23" // 挂牌出让
	MethodAgreement  = "3"  // 协议出让
	MethodLease      = "4"  // 租赁
	MethodCapital    = "5"  // 作价出资或入股
	MethodAuthorised = "6"  // 授权经营
)

// methodNames maps each supply method code to its Chinese name. It is never
// mutated.
func methodNames() map[string]string {
	return map[string]string{
		MethodAllocation: "划拨",
		MethodTLA:        "招拍挂出让",
		MethodTender:     "招标出让",
		MethodAuction:    "拍卖出让",
		MethodListing:    "挂牌出让",
		MethodAgreement:  "协议出让",
		MethodLease:      "租赁",
		MethodCapital:    "作价出资或入股",
		MethodAuthorised: "授权经营",
	}
}

// ParseMethod reads a supply method (供地方式) given either as its code
// ("1", "21", "22", "23", "3", "4", "5", "6", or the older generic "2") or as
// its Chinese name (划拨, 招标出让, 拍卖出让, 挂牌出让, 协议出让, 租赁,
// 作价出资或入股, 授权经营, 招拍挂出让), and returns the code. Surrounding
// blanks are ignored. Anything else is a CodeInvalid error for field "method".
func ParseMethod(s string) (code string, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", Invalid("method", "the supply method is required (a code such as 23 or a name such as 挂牌出让)")
	}
	names := methodNames()
	if _, ok := names[s]; ok {
		return s, nil
	}
	for c, name := range names {
		if name == s {
			return c, nil
		}
	}
	return "", Invalid("method", "%q is not a supply method (expected 1, 21, 22, 23, 3, 4, 5, 6 or a name such as 划拨, 挂牌出让)", s)
}

// MethodName returns the Chinese name of a supply method code, or "" for an
// unknown code.
func MethodName(code string) string { return methodNames()[code] }

// KindOf returns the kind of supply a method code grants: allocation for 1,
// transfer for 2, 21, 22, 23 and 3, lease for 4, capital for 5, authorised
// for 6. It returns "" for an unknown code.
func KindOf(method string) Kind {
	switch method {
	case MethodAllocation:
		return KindAllocation
	case MethodTLA, MethodTender, MethodAuction, MethodListing, MethodAgreement:
		return KindTransfer
	case MethodLease:
		return KindLease
	case MethodCapital:
		return KindCapital
	case MethodAuthorised:
		return KindAuthorised
	}
	return ""
}
