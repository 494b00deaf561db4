package land

import (
	"encoding/json"
	"io"
	"os"
	"testing"
)

func TestMapLandUse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"a current second-level code maps to itself", "0601", "0601"},
		{"a current first-level code maps to itself", "07", "07"},
		{"a current name maps to its code", "城镇住宅用地", "0701"},
		{"a current name of class 10 maps to its code", "城镇村道路用地", "1004"},
		{"a code followed by its name is accepted", "0601 工业用地", "0601"},
		{"a code glued to its name is accepted", "0701城镇住宅用地", "0701"},
		{"a legacy code maps to the current class", "061", "0601"},
		{"a legacy housing name maps to urban housing", "其他普通商品住房用地", "0701"},
		{"the legacy low-price housing name maps to urban housing", "中低价位、中小套型普通商品住房用地", "0701"},
		{"the low-price housing name with a comma for 、 still maps", "中低价位，中小套型普通商品住房用地", "0701"},
		{"every legacy housing code maps to urban housing", "077", "0701"},
		{"legacy wholesale and retail maps to retail", "批发零售用地", "0501"},
		{"legacy lodging and catering maps to hotels", "住宿餐饮用地", "0504"},
		{"legacy science and education maps to education", "科教用地", "0803"},
		{"legacy health and charity maps to health care", "医卫慈善用地", "0805"},
		{"legacy culture, sport and entertainment maps to culture", "文体娱乐用地", "0807"},
		{"legacy public facilities maps to utilities", "公共设施用地", "0809"},
		{"legacy scenic facilities moved to special land", "088", "0906"},
		{"legacy military land maps to its class in special land", "军事设施用地", "0901"},
		{"legacy road in town maps to urban and village roads", "街巷用地", "1004"},
		{"legacy road maps to highway", "102", "1003"},
		{"legacy hydraulic works moved to 1109", "水工建筑用地", "1109"},
		{"legacy marsh moved to water in 2017", "125", "1108"},
		{"legacy bare land maps to bare soil", "裸地", "1206"},
		{"a legacy first-level label maps to its first-level code", "住宅用地", "07"},
		{"the legacy commerce first-level label maps to 05", "商服用地", "05"},
		{"the duplicate key 工矿仓储用地 maps to 06", "工矿仓储用地", "06"},
		{"the pinyin placeholder gongy maps to 06", "gongy", "06"},
		{"the pinyin placeholder zhuz maps to 07", "zhuz", "07"},
		{"the pinyin placeholder shangy maps to 05", "shangy", "05"},
		{"the 2020 name of commerce maps to 05", "商业服务业用地", "05"},
		{"blanks around a label are ignored", "  工业用地\t", "0601"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MapLandUse(tt.in)
			if err != nil || got != tt.want {
				t.Fatalf("MapLandUse(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestMapLandUseRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"an empty label", ""},
		{"a blank label", "  "},
		{"an unknown name", "飞机场"},
		{"an unknown code", "0511"},
		{"an agricultural class no supply can carry", "0101"},
		{"the mixed category 综合", "综合"},
		{"the pinyin placeholder for mixed use", "zhongh"},
		{"the category 其他", "其他"},
		{"a code and a name that disagree", "0601 城镇住宅用地"},
		{"a code with an unknown name", "0601 飞机场"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is invalid land_use", func(t *testing.T) {
			_, err := MapLandUse(tt.in)
			if ErrorCode(err) != CodeInvalid || ErrorField(err) != "land_use" {
				t.Fatalf("MapLandUse(%q) error = %v, want invalid land_use", tt.in, err)
			}
		})
	}
}

// The tables must agree with themselves: each current code and name maps to
// that code, and each legacy code and name maps to the same current class.
func TestLandUseTablesAreConsistent(t *testing.T) {
	for code, name := range currentLandUses {
		if got, err := MapLandUse(code); err != nil || got != code {
			t.Errorf("MapLandUse(%q) = %q, %v; want itself", code, got, err)
		}
		if got, err := MapLandUse(name); err != nil || got != code {
			t.Errorf("MapLandUse(%q) = %q, %v; want %q", name, got, err, code)
		}
		if LandUseName(code) != name {
			t.Errorf("LandUseName(%q) = %q, want %q", code, LandUseName(code), name)
		}
	}
	for code, old := range legacyLandUses {
		if LandUseName(old.current) == "" {
			t.Errorf("legacy %s maps to %s, which is not a current code", code, old.current)
		}
		if old.current[:2] != code[:2] && code != "088" && code != "118" && code != "119" && code != "125" {
			t.Errorf("legacy %s maps across first-level classes to %s", code, old.current)
		}
		byName, err := MapLandUse(old.name)
		if err != nil || byName != old.current {
			t.Errorf("MapLandUse(%q) = %q, %v; want %q like its code %s", old.name, byName, err, old.current, code)
		}
	}
	if LandUseName("061") != "" {
		t.Errorf("LandUseName of a legacy code = %q, want empty", LandUseName("061"))
	}
}

// Every pair of the site's legacy table (read with its duplicate key) must
// map: a code or label to a class, the mixed placeholders to an error.
func TestMapLandUseReadsTheSiteLegacyTable(t *testing.T) {
	f, err := os.Open("../reference/landchina/land_use_codes_legacy.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pairs := readJSONPairs(t, f)
	if len(pairs) != 63 {
		t.Fatalf("read %d pairs from the legacy table, want 63", len(pairs))
	}
	mixed := map[string]bool{"综合": true, "其他": true}
	for _, p := range pairs {
		t.Run(p[0]+" and "+p[1]+" map to one class", func(t *testing.T) {
			byName, errName := MapLandUse(p[0])
			byCode, errCode := MapLandUse(p[1])
			if mixed[p[0]] {
				if ErrorField(errName) != "land_use" || ErrorField(errCode) != "land_use" {
					t.Fatalf("mixed %s/%s: errors %v, %v; want invalid land_use", p[0], p[1], errName, errCode)
				}
				return
			}
			if errName != nil || errCode != nil || byName != byCode {
				t.Fatalf("MapLandUse(%q) = %q, %v; MapLandUse(%q) = %q, %v", p[0], byName, errName, p[1], byCode, errCode)
			}
		})
	}
}

// readJSONPairs returns the key-value pairs of a flat JSON object of
// strings in file order, keeping duplicate keys.
func readJSONPairs(t *testing.T, r io.Reader) [][2]string {
	t.Helper()
	dec := json.NewDecoder(r)
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("the table does not start with an object: %v %v", tok, err)
	}
	var pairs [][2]string
	for dec.More() {
		var kv [2]string
		for i := range kv {
			tok, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			s, ok := tok.(string)
			if !ok {
				t.Fatalf("unexpected token %v", tok)
			}
			kv[i] = s
		}
		pairs = append(pairs, kv)
	}
	return pairs
}
