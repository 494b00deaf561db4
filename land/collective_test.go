package land

import (
	"slices"
	"testing"
)

func TestCollectiveLand(t *testing.T) {
	cases := []struct {
		name       string
		collective bool
		owner      string
		method     string
		bad        []string // the fields refused, none when accepted
	}{
		{"collective land transferred by listing with its owner is accepted", true, "东关村股份经济合作社", "23", nil},
		{"collective land leased (出租) is accepted", true, "东关村股份经济合作社", "租赁", nil},
		{"collective land contributed as capital (作价出资或入股) is accepted", true, "东关村股份经济合作社", "5", nil},
		{"collective land transferred by agreement is accepted", true, "东关村股份经济合作社", "3", nil},
		{"collective land without its owner is refused on the owner", true, "  ", "23", []string{"collective_owner"}},
		{"collective land allocated (划拨) is refused on the method", true, "东关村股份经济合作社", "1", []string{"method"}},
		{"collective land under authorised operation (授权经营) is refused on the method", true, "东关村股份经济合作社", "6", []string{"method"}},
		{"collective land allocated without an owner is refused on both", true, "", "划拨", []string{"collective_owner", "method"}},
		{"state land with a collective owner is refused on the owner", false, "东关村股份经济合作社", "23", []string{"collective_owner"}},
		{"state land allocated without an owner is accepted", false, "", "1", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := validSupply()
			s.Collective, s.CollectiveOwner, s.Method = c.collective, c.owner, c.method
			if c.method == "1" || c.method == "划拨" {
				s.ENumber = "1306262018A00730"
			}
			_, err := s.Normalize(nil)
			var got []string
			for _, f := range FieldErrors(err) {
				got = append(got, f.Field)
			}
			slices.Sort(got)
			if !slices.Equal(got, c.bad) {
				t.Fatalf("refused fields = %q, want %q (%v)", got, c.bad, err)
			}
			if err != nil && ErrorCode(err) != CodeInvalid {
				t.Errorf("code = %v, want invalid", ErrorCode(err))
			}
		})
	}
	t.Run("the owner is trimmed", func(t *testing.T) {
		s := validSupply()
		s.Collective, s.CollectiveOwner = true, " 东关村股份经济合作社 "
		if _, err := s.Normalize(nil); err != nil {
			t.Fatal(err)
		}
		if s.CollectiveOwner != "东关村股份经济合作社" {
			t.Errorf("owner = %q", s.CollectiveOwner)
		}
	})
	t.Run("an owner longer than a name may be is refused", func(t *testing.T) {
		s := validSupply()
		s.Collective = true
		for range 201 {
			s.CollectiveOwner += "村"
		}
		if _, err := s.Normalize(nil); !slices.ContainsFunc(FieldErrors(err), func(f FieldError) bool { return f.Field == "collective_owner" }) {
			t.Errorf("err = %v, want collective_owner refused", err)
		}
	})
}
