package land

import (
	"testing"
)

func TestRegionsNest(t *testing.T) {
	county := &User{Role: RoleClerk, Region: "130626"}
	prefecture := &User{Role: RoleAnalyst, Region: "130600"}
	province := &User{Role: RoleReviewer, Region: "130000"}
	nation := &User{Role: RoleAdmin, Region: NationCode}
	cases := []struct {
		name   string
		user   *User
		region string
		want   bool
	}{
		{"a county sees itself", county, "130626", true},
		{"a county does not see its neighbour", county, "130627", false},
		{"a prefecture sees its counties", prefecture, "130626", true},
		{"a prefecture does not see another prefecture's county", prefecture, "130526", false},
		{"a province sees its counties", province, "130626", true},
		{"a province does not see another province", province, "110105", false},
		{"the nation sees everything", nation, "650102", true},
		{"nobody signed in sees nothing", nil, "130626", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.user.Covers(c.region); got != c.want {
				t.Errorf("Covers(%s) = %v", c.region, got)
			}
		})
	}
}

func TestNarrowKeepsQueriesInsideTheUsersRegion(t *testing.T) {
	prefecture := &User{Role: RoleAnalyst, Region: "130600"}
	for _, c := range []struct {
		name, requested, want string
		code                  Code
	}{
		{"no region asked means the user's own", "", "130600", ""},
		{"a county inside is kept", "130626", "130626", ""},
		{"the province above is narrowed to the user's region", "130000", "130600", ""},
		{"another province is forbidden", "110000", "", CodeForbidden},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := prefecture.Narrow(c.requested)
			if got != c.want || ErrorCode(err) != c.code {
				t.Errorf("Narrow(%q) = %q, %v", c.requested, got, err)
			}
		})
	}
}

func TestRolesHaveTheirPermissions(t *testing.T) {
	for _, c := range []struct {
		role Role
		p    Permission
		want bool
	}{
		{RoleClerk, PermEdit, true}, {RoleClerk, PermReview, false}, {RoleClerk, PermWork, false},
		{RoleInspector, PermWork, true}, {RoleInspector, PermEdit, false}, {RoleInspector, PermEvents, true},
		{RoleReviewer, PermReview, true}, {RoleReviewer, PermEdit, false},
		{RoleAnalyst, PermRead, true}, {RoleAnalyst, PermEvents, false},
		{RoleAdmin, PermAdmin, true}, {RoleClerk, PermAdmin, false},
	} {
		if got := c.role.May(c.p); got != c.want {
			t.Errorf("%s may %s = %v, want %v", c.role, c.p, got, c.want)
		}
	}
	if err := (&User{Role: RoleClerk, Region: "130626"}).Allow(PermEdit, "130627"); ErrorCode(err) != CodeForbidden {
		t.Errorf("a clerk editing the neighbour's record: %v, want forbidden", err)
	}
}

func TestProvinceLevelWork(t *testing.T) {
	for _, c := range []struct {
		region string
		code   Code
	}{{"130000", ""}, {NationCode, ""}, {"130600", CodeForbidden}, {"130626", CodeForbidden}} {
		sc := UserScope(User{Name: "r", Role: RoleReviewer, Region: c.region}, "")
		if err := sc.CheckProvinceLevel("reviewing records"); ErrorCode(err) != c.code {
			t.Errorf("a reviewer of %s: %v, want %q", c.region, err, c.code)
		}
	}
}

func TestAScopeLimitsWhatItSeesAndTheZeroScopeSeesNothing(t *testing.T) {
	county := UserScope(User{Name: "c", Role: RoleClerk, Region: "130626"}, "10.0.0.1")
	system := SystemScope("daily-scan")
	var nobody Scope
	for _, c := range []struct {
		name   string
		sc     Scope
		region string
		covers bool
	}{
		{"a county user sees its county", county, "130626", true},
		{"a county user does not see the neighbour", county, "130627", false},
		{"a system actor sees every region", system, "650102", true},
		{"nobody sees nothing", nobody, "130626", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.sc.Covers(c.region); got != c.covers {
				t.Errorf("Covers(%s) = %v, want %v", c.region, got, c.covers)
			}
			if err := c.sc.Check(c.region); (err == nil) != c.covers {
				t.Errorf("Check(%s) = %v", c.region, err)
			}
		})
	}
	if county.Actor() != "c" || system.Actor() != "daily-scan" || nobody.Actor() != "" {
		t.Errorf("actors: %q %q %q", county.Actor(), system.Actor(), nobody.Actor())
	}
	if _, err := nobody.Narrow(""); ErrorCode(err) != CodeUnauthorized {
		t.Errorf("nobody narrowing: %v, want unauthorized", err)
	}
	if err := nobody.Allow(PermRead, ""); ErrorCode(err) != CodeUnauthorized {
		t.Errorf("nobody reading: %v, want unauthorized", err)
	}
	if err := system.Allow(PermAdmin, "650102"); err != nil {
		t.Errorf("a system actor administering: %v", err)
	}
	if r, err := county.Narrow("130000"); err != nil || r != "130626" {
		t.Errorf("a county user asking for its province: %q %v, want its county", r, err)
	}
}
