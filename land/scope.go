package land

import "strings"

// Scope is who acts in a use case: a signed-in user, from an address, or a
// named system actor (the daily scan, a migration, the command line). Every
// use case and every query of the register takes one; the region it may see
// and change follows from it.
//
// A Scope is made only by UserScope or SystemScope. The zero Scope is
// nobody: it sees no region and may write nothing.
type Scope struct {
	user    *User
	system  string
	address string
	act     Act
	follows bool
}

// Act is what a user asked for, as the audit log records every change made
// in the user's scope: the action (write, import, review,
// permission_change), its target (the request's path) and the request's
// method and query. A change made in a user's scope without an Act is
// recorded as a "write".
type Act struct {
	Action, Target, Method, Query string
}

// Acting is s doing a: the audit entry of every change made in it says a.
func (s Scope) Acting(a Act) Scope {
	s.act = a
	return s
}

// Act is what the scope's user asked for (the zero Act when unknown).
func (s Scope) Act() Act { return s.act }

// Following is s writing the consequences of an act already recorded with
// its change (the overlap check right after a write): the changes are the
// user's, within the user's region, but add no audit entry of their own.
func (s Scope) Following() Scope {
	s.follows = true
	return s
}

// Follows reports whether s writes the consequences of a recorded act.
func (s Scope) Follows() bool { return s.follows }

// UserScope is the scope of a signed-in user acting from address (the
// client's address as the server believes it; "" when unknown).
func UserScope(u User, address string) Scope {
	return Scope{user: &u, address: address}
}

// SystemScope is the unrestricted scope of a named system actor: every
// region, every permission. Use it for the scheduled scans, migrations and
// the operator's command line only.
func SystemScope(name string) Scope {
	if name == "" {
		name = "system"
	}
	return Scope{system: name}
}

// User returns the acting user, nil for a system actor or nobody.
func (s Scope) User() *User { return s.user }

// Address is the address the user acts from ("" for a system actor).
func (s Scope) Address() string { return s.address }

// IsSystem reports whether a system actor acts.
func (s Scope) IsSystem() bool { return s.system != "" }

// Actor is the name written into the history and the audit log: the
// user's account name, or the system actor's name; "" for nobody.
func (s Scope) Actor() string {
	if s.user != nil {
		return s.user.Name
	}
	return s.system
}

// Role is the user's role ("" for a system actor or nobody).
func (s Scope) Role() Role {
	if s.user != nil {
		return s.user.Role
	}
	return ""
}

// nobody is a region prefix no region code has: the zero Scope sees nothing.
const nobody = "-"

// Prefix is the region-code prefix of what the scope may see: "" for
// every region (the nation, a system actor), the subtree's prefix for a
// user, and a prefix no region has for the zero Scope.
func (s Scope) Prefix() string {
	switch {
	case s.user != nil:
		return RegionPrefix(s.user.Region)
	case s.system != "":
		return ""
	}
	return nobody
}

// Covers reports whether a record of region is in the scope.
func (s Scope) Covers(region string) bool {
	return strings.HasPrefix(region, s.Prefix())
}

// Narrow returns the region a query may cover: the requested one when it
// lies inside the scope (the user's own region when none is requested); a
// request outside is CodeForbidden naming "region". A system actor's
// request stands.
func (s Scope) Narrow(requested string) (string, error) {
	switch {
	case s.user != nil:
		return s.user.Narrow(requested)
	case s.system != "":
		return requested, nil
	}
	return "", &Error{Code: CodeUnauthorized, Field: "region", Message: "nobody is acting"}
}

// Check checks that a record of region is in the scope: CodeForbidden
// naming region_code otherwise.
func (s Scope) Check(region string) error {
	if s.Covers(region) {
		return nil
	}
	if s.user == nil {
		return &Error{Code: CodeUnauthorized, Field: "region_code", Message: "nobody is acting"}
	}
	return &Error{Code: CodeForbidden, Field: "region_code", Message: "the record belongs to region " + region + ", outside your region " + s.user.Region}
}

// Allow checks that the scope may do p on a record of region (any region
// when region is ""). A system actor may do everything.
func (s Scope) Allow(p Permission, region string) error {
	if s.system != "" {
		return nil
	}
	return s.user.Allow(p, region)
}

// CheckProvinceLevel checks that the scope works for a province or the
// nation (a reviewer of a province's records, an importer of data that
// crosses counties): CodeForbidden naming why otherwise. A system actor
// passes.
func (s Scope) CheckProvinceLevel(what string) error {
	switch {
	case s.system != "":
		return nil
	case s.user == nil:
		return &Error{Code: CodeUnauthorized, Field: "region_code", Message: "nobody is acting"}
	case len(RegionPrefix(s.user.Region)) <= 2:
		return nil
	}
	return &Error{Code: CodeForbidden, Field: "region_code", Message: what + " is for a province or the ministry; region " + s.user.Region + " is below that"}
}
