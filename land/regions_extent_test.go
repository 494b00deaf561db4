package land

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// around is a 100 m box around a longitude and latitude.
func around(lon, lat float64) orb.Bound {
	return orb.Bound{Min: orb.Point{lon - 0.0005, lat - 0.0005}, Max: orb.Point{lon + 0.0005, lat + 0.0005}}
}

func TestAParcelMustBeAbleToLieInItsSupplysProvince(t *testing.T) {
	r := loadTestRegions(t)
	for _, tt := range []struct {
		name, code string
		lon, lat   float64
		want       []string // substrings of the refusal; none means accepted
	}{
		{"a 定兴县 parcel for a 定兴县 supply", "130626", 115.78, 39.26, nil},
		{"a 天河区 parcel for a 天河区 supply", "440106", 113.36, 23.13, nil},
		{"a zone-40 杭州 parcel for a 天河区 supply", "440106", 120.2, 30.27,
			[]string{"120.200°E 30.270°N", "3° zone 40", "440106 天河区", "广东省", "109.65–117.33°E", "3° zones 37–39"}},
		{"a 定兴县 parcel for a 北京 朝阳区 supply, in the right zone but south of 北京", "110105", 115.76, 39.26,
			[]string{"110105 朝阳区", "北京市"}},
		{"a parcel on 广东's western edge, inside the margin", "440800", 109.62, 21.0, nil},
		{"a 石河子 parcel for a 兵团 code the tables lack", "660101", 86.05, 44.3, nil},
		{"a 广州 parcel for a 兵团 code", "660101", 113.36, 23.13, []string{"660101 (in 660000 新疆生产建设兵团)"}},
		{"a 三沙 reef for a 三沙市 supply", "460300", 112.33, 16.83, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := r.CheckPlace(tt.code, around(tt.lon, tt.lat))
			if tt.want == nil {
				if err != nil {
					t.Errorf("CheckPlace = %v, want accepted", err)
				}
				return
			}
			if ErrorCode(err) != CodeInvalid {
				t.Fatalf("CheckPlace = %v, want invalid", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("CheckPlace = %q, want it to name %q", err, w)
				}
			}
		})
	}
}

func TestBadExtentRowsAreRefusedByLine(t *testing.T) {
	const header = "code,name,west,east,south,north\n"
	for _, tt := range []struct{ name, rows, field string }{
		{"a county instead of a province", "130626,定兴县,115,116,39,40\n", "extents:2"},
		{"a code the tables lack", "710000,台湾省,119.3,124.6,20.7,26.4\n", "extents:2"},
		{"west east of east", "130000,河北省,119.85,113.45,36.05,42.62\n", "extents:2"},
		{"a word for a degree", "130000,河北省,东经113,119.85,36.05,42.62\n", "extents:2"},
		{"a range outside China", "130000,河北省,13.45,19.85,36.05,42.62\n", "extents:2"},
		{"a missing column", "130000,河北省,113.45,119.85,36.05\n", "extents:2"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := loadTestRegions(t)
			err := r.addExtents(strings.NewReader(header + tt.rows))
			if ErrorCode(err) != CodeInvalid || ErrorField(err) != tt.field {
				t.Errorf("addExtents error = %v, want invalid %s", err, tt.field)
			}
		})
	}
}

func TestEveryProvinceOfTheMainlandHasAnExtent(t *testing.T) {
	r := loadTestRegions(t)
	for _, g := range r.All() {
		if g.Level != LevelProvince {
			continue
		}
		_, ok := r.extents[g.Code]
		if want := !strings.HasPrefix(g.Code, "71") && !strings.HasPrefix(g.Code, "8"); ok != want {
			t.Errorf("%s has an extent: %v, want %v", g, ok, want)
		}
	}
}
