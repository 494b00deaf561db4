package land

import "strings"

// Role is what a user does in landwatch (DESIGN §1).
type Role string

// The roles.
const (
	RoleClerk     Role = "clerk"     // 录入员: enters and fixes records
	RoleInspector Role = "inspector" // 巡查员: checks parcels, verifies findings on site
	RoleReviewer  Role = "reviewer"  // 审核: reviews what counties submit
	RoleAnalyst   Role = "analyst"   // analyses; reads only
	RoleAdmin     Role = "admin"     // manages accounts, may do everything in its region
)

// Roles lists every role.
func Roles() []Role { return []Role{RoleClerk, RoleInspector, RoleReviewer, RoleAnalyst, RoleAdmin} }

// Permission is a kind of act a role may or may not do.
type Permission string

// The permissions. Reading is everyone's who is signed in.
const (
	PermRead   Permission = "read"   // see the records of one's region
	PermEdit   Permission = "edit"   // enter and change supplies, parcels, imports
	PermEvents Permission = "events" // record development events (seen on site or reported)
	PermWork   Permission = "work"   // work findings: assign, verify on site, determine, run scans
	PermReview Permission = "review" // approve or return submitted records
	PermAdmin  Permission = "admin"  // manage accounts and read the audit log
)

// permissions maps each role to what it may do beyond reading.
func permissions(r Role) []Permission {
	switch r {
	case RoleClerk:
		return []Permission{PermRead, PermEdit, PermEvents}
	case RoleInspector:
		return []Permission{PermRead, PermEvents, PermWork}
	case RoleReviewer:
		return []Permission{PermRead, PermWork, PermReview}
	case RoleAnalyst:
		return []Permission{PermRead}
	case RoleAdmin:
		return []Permission{PermRead, PermEdit, PermEvents, PermWork, PermReview, PermAdmin}
	}
	return nil
}

// May reports whether the role may do p.
func (r Role) May(p Permission) bool {
	for _, q := range permissions(r) {
		if q == p {
			return true
		}
	}
	return false
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return permissions(r) != nil }

// User is someone signed in: a person (or a script acting for one) with a
// role and the region whose subtree they see and change.
type User struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Role   Role   `json:"role"`
	Region string `json:"region_code"` // 000000 is the nation
}

// NationCode is the region code of the whole country (the ministry).
const NationCode = "000000"

// RegionPrefix turns a 6-digit region code into the prefix its subtree's
// codes share: 130000 → 13, 130600 → 1306, 130626 → 130626, and the
// nation 000000 → "" (every code).
func RegionPrefix(code string) string {
	if code == NationCode {
		return ""
	}
	for len(code) > 2 && strings.HasSuffix(code, "00") {
		code = code[:len(code)-2]
	}
	return code
}

// Covers reports whether region is in the user's subtree (county ⊂
// prefecture ⊂ province ⊂ nation).
func (u *User) Covers(region string) bool {
	return u != nil && strings.HasPrefix(region, RegionPrefix(u.Region))
}

// Narrow returns the region a user's query may cover: the requested one
// when it lies inside the user's subtree (or the user's own region when
// none is requested); a request outside is CodeForbidden naming "region".
func (u *User) Narrow(requested string) (string, error) {
	if requested == "" {
		return u.Region, nil
	}
	if u.Covers(requested) {
		return requested, nil
	}
	if len(requested) == 6 && strings.HasPrefix(RegionPrefix(u.Region), RegionPrefix(requested)) {
		return u.Region, nil // a wider request is narrowed to what the user may see
	}
	return "", &Error{Code: CodeForbidden, Field: "region", Message: "region " + requested + " is outside your region " + u.Region}
}

// Allow checks that the user may do p on a record of region (any region
// when region is ""): CodeForbidden naming the rule otherwise.
func (u *User) Allow(p Permission, region string) error {
	if u == nil {
		return Errorf(CodeUnauthorized, "sign in first")
	}
	if !u.Role.May(p) {
		return Errorf(CodeForbidden, "the %s role may not %s", u.Role, p)
	}
	if region != "" && !u.Covers(region) {
		return Errorf(CodeForbidden, "the record belongs to region %s, outside your region %s", region, u.Region)
	}
	return nil
}
