package seed

import (
	"slices"
	"testing"

	"landwatch/land"
)

// The demo city has a village's collective land: three supplies of the
// county owned by the village collective, one entering by each way
// collective land may (transfer, lease, capital contribution), each
// accepted by the domain's checks; the number of supplies is what the
// city had without them, and two runs of one seed agree.
func TestTheCityHasAVillagesCollectiveLand(t *testing.T) {
	o := smallCity(3000)
	d := generateCity(t, o)
	var kinds []land.Kind
	var numbers []string
	for _, s := range d.Supplies {
		if !s.Collective {
			if s.CollectiveOwner != "" {
				t.Errorf("%s: state land with an owner %q", s.ENumber, s.CollectiveOwner)
			}
			continue
		}
		if s.CollectiveOwner != villageOwner || s.RegionCode != o.RegionCode {
			t.Errorf("%s: owner %q, region %s", s.ENumber, s.CollectiveOwner, s.RegionCode)
		}
		c := s
		if _, err := c.Normalize(nil); err != nil {
			t.Errorf("%s: %v", s.ENumber, err)
		}
		kinds = append(kinds, s.Kind)
		numbers = append(numbers, s.ENumber)
	}
	slices.Sort(kinds)
	if want := []land.Kind{land.KindCapital, land.KindLease, land.KindTransfer}; !slices.Equal(kinds, want) {
		t.Fatalf("collective supplies of kinds %v, want one of each of %v", kinds, want)
	}
	again := generateCity(t, o)
	var numbers2 []string
	for _, s := range again.Supplies {
		if s.Collective {
			numbers2 = append(numbers2, s.ENumber)
		}
	}
	if !slices.Equal(numbers, numbers2) || len(again.Supplies) != len(d.Supplies) {
		t.Errorf("two runs of one seed: %v and %v", numbers, numbers2)
	}
}
