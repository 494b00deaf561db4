package seed

import (
	"testing"

	"landwatch/land"
)

// The demo city's announcements: a few whose lots are supplies of the
// city (each supply naming its lot, each lot with the supply's parcels and
// a deal at the supply's price to its holder), and one recent one whose
// only lot is unsold and clear of every supply and reserve. Each passes
// the domain's checks on the generation day.
func TestTheCityHasAnnouncementsWhoseLotsBecameSupplies(t *testing.T) {
	o := smallCity(3000)
	d := generateCity(t, o)
	if len(d.Announcements) < 2 || len(d.Deals) == 0 {
		t.Fatalf("%d announcements, %d deals", len(d.Announcements), len(d.Deals))
	}
	lots := map[string]*land.Lot{}
	var unsold int
	for i := range d.Announcements {
		a := d.Announcements[i]
		if _, err := a.Normalize(nil, o.Today); err != nil {
			t.Fatalf("%s: %v", a.Number, err)
		}
		for j := range a.Lots {
			l := &d.Announcements[i].Lots[j]
			lots[a.Number+"/"+l.Number] = l
			if len(l.Parcels) == 0 {
				t.Errorf("lot %s has no boundary", l.Number)
			}
		}
	}
	byLot := map[string]land.Deal{}
	for _, dl := range d.Deals {
		byLot[dl.AnnouncementNumber+"/"+dl.LotNumber] = dl
	}
	named := 0
	for _, s := range d.Supplies {
		if s.Lot == nil {
			continue
		}
		named++
		key := s.Lot.AnnouncementNumber + "/" + s.Lot.LotNumber
		l, dl := lots[key], byLot[key]
		if l == nil || dl.Winner != s.Holder || dl.PriceWan != *s.PriceWan || l.AreaHa != s.AreaHa ||
			l.Parcels[0].PlaneAreaM2 != s.Parcels[0].PlaneAreaM2 || dl.DealOn.After(s.ContractDate) {
			t.Errorf("supply %s and its lot %s: lot %+v, deal %+v", s.ENumber, key, l, dl)
		}
	}
	for key, l := range lots {
		if _, sold := byLot[key]; sold {
			continue
		}
		unsold++
		b := l.Parcels[0].Geometry.Bound()
		for _, s := range d.Supplies {
			for _, p := range s.Parcels {
				if b.Intersects(p.Geometry.Bound()) {
					t.Fatalf("the unsold lot meets supply %s", s.ENumber)
				}
			}
		}
		for _, r := range d.Reserves {
			if b.Intersects(r.Parcels[0].Geometry.Bound()) {
				t.Fatalf("the unsold lot meets reserve %s", r.Number)
			}
		}
	}
	if named != len(d.Deals) || unsold != 1 {
		t.Fatalf("%d supplies name a lot, %d deals, %d unsold lots", named, len(d.Deals), unsold)
	}
}
