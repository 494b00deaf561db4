package land

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// loadTestRegions loads the project's copy of the division tables.
func loadTestRegions(t testing.TB) *Regions {
	t.Helper()
	r, err := LoadRegionsFS(os.DirFS("../reference/divisions"))
	if err != nil {
		t.Fatalf("LoadRegionsFS: %v", err)
	}
	return r
}

func TestLoadRegionsCountsTheDivisionTables(t *testing.T) {
	r := loadTestRegions(t)
	for _, tt := range []struct {
		level string
		want  int
	}{{LevelProvince, 31 + 1}, {LevelPrefecture, 342}, {LevelCounty, 2978}} { // GB/T 2260 and the 兵团 of supplement.csv
		t.Run("the tables list the expected number of "+tt.level+" divisions", func(t *testing.T) {
			if got := r.Count(tt.level); got != tt.want {
				t.Errorf("Count(%s) = %d, want %d", tt.level, got, tt.want)
			}
		})
	}
	t.Run("All is sorted, unique and keeps prefectures without counties once", func(t *testing.T) {
		all := r.All()
		if len(all) != 32+342+2978-3 {
			t.Fatalf("All() has %d divisions, want %d", len(all), 32+342+2978-3)
		}
		if !slices.IsSortedFunc(all, func(a, b Region) int { return strings.Compare(a.Code, b.Code) }) {
			t.Error("All() is not sorted by code")
		}
		for i := 1; i < len(all); i++ {
			if all[i].Code == all[i-1].Code {
				t.Errorf("code %s is listed twice", all[i].Code)
			}
		}
		perLevel := map[string]int{}
		for _, g := range all {
			perLevel[g.Level]++
		}
		if perLevel[LevelProvince] != 32 || perLevel[LevelPrefecture] != 342 || perLevel[LevelCounty] != 2975 {
			t.Errorf("All() per level = %v", perLevel)
		}
	})
	t.Run("All returns a copy the caller may change", func(t *testing.T) {
		all := r.All()
		all[0].Name = "changed"
		if r.All()[0].Name == "changed" {
			t.Error("changing the result of All changed the table")
		}
	})
}

func TestRegionsLookupAndParent(t *testing.T) {
	r := loadTestRegions(t)
	tests := []struct {
		name   string
		code   string
		found  bool
		level  string
		rName  string
		parent string
	}{
		{"a province", "130000", true, LevelProvince, "河北省", ""},
		{"a prefecture", "130600", true, LevelPrefecture, "保定市", "130000"},
		{"a county", "130626", true, LevelCounty, "定兴县", "130600"},
		{"a prefecture-level city without counties is a prefecture", "441900", true, LevelPrefecture, "东莞市", "440000"},
		{"a county under a province-administered group", "419001", true, LevelCounty, "济源市", "419000"},
		{"a merged county is not in the table but has a parent", "320482", false, "", "", "320400"},
		{"a code whose prefecture is unknown has its province as parent", "139901", false, "", "", "130000"},
		{"a city of the 兵团 lies under Xinjiang's directly administered counties", "659001", true, LevelCounty, "石河子市", "659000"},
		{"an unknown code of the 兵团 has the 兵团 as parent", "660101", false, "", "", "660000"},
		{"an unknown province has no parent", "990101", false, "", "", ""},
		{"a malformed code has no parent", "1306", false, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, ok := r.Lookup(tt.code)
			if ok != tt.found {
				t.Fatalf("Lookup(%s) found = %v, want %v", tt.code, ok, tt.found)
			}
			if ok && (g.Level != tt.level || g.Name != tt.rName || g.Parent != tt.parent) {
				t.Errorf("Lookup(%s) = %+v, want level %s name %s parent %s", tt.code, g, tt.level, tt.rName, tt.parent)
			}
			if got := r.Parent(tt.code); got != tt.parent {
				t.Errorf("Parent(%s) = %q, want %q", tt.code, got, tt.parent)
			}
		})
	}
}

func TestRegionsResolve(t *testing.T) {
	r := loadTestRegions(t)
	tests := []struct {
		name  string
		code  string
		want  string
		exact bool
		field string
	}{
		{"a county in the table resolves exactly", "130626", "130626", true, ""},
		{"a prefecture's own office resolves to the prefecture", "451400", "451400", true, ""},
		{"a merged county resolves to its prefecture", "320482", "320400", false, ""},
		{"an old county of Xinjiang resolves to its prefecture", "652923", "652900", false, ""},
		{"a code with an unknown prefecture resolves to its province", "139901", "130000", false, ""},
		{"a city of the 兵团 under Xinjiang's directly administered counties resolves exactly", "659001", "659001", true, ""},
		{"a code of the 兵团 missing from GB/T 2260 resolves to the 兵团", "660101", "660000", false, ""},
		{"the 兵团 itself resolves exactly", "660000", "660000", true, ""},
		{"an unknown province is invalid region_code", "990101", "", false, "region_code"},
		{"a 4-digit code is invalid region_code", "1306", "", false, "region_code"},
		{"a code with a letter is invalid region_code", "13062X", "", false, "region_code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, exact, err := r.Resolve(tt.code)
			if tt.field != "" {
				if ErrorCode(err) != CodeInvalid || ErrorField(err) != tt.field {
					t.Fatalf("Resolve(%s) error = %v, want invalid %s", tt.code, err, tt.field)
				}
				return
			}
			if err != nil || g.Code != tt.want || exact != tt.exact {
				t.Fatalf("Resolve(%s) = %s, %v, %v; want %s, %v", tt.code, g.Code, exact, err, tt.want, tt.exact)
			}
		})
	}
}

func TestLoadRegionsRejectsBadTables(t *testing.T) {
	const (
		provinces = "code,name\n13,\"河北省\"\n"
		cities    = "code,name,provinceCode\n1306,\"保定市\",13\n"
		areas     = "code,name,cityCode,provinceCode\n130626,\"定兴县\",1306,13\n"
	)
	tests := []struct {
		name                     string
		provinces, cities, areas string
		field                    string
	}{
		{"a province code of three digits", "code,name\n130,河北省\n", cities, areas, "provinces:2"},
		{"a province without a name", "code,name\n13,\n", cities, areas, "provinces:2"},
		{"a city whose province is not listed", provinces, "code,name,provinceCode\n1406,晋中市,14\n", areas, "cities:2"},
		{"a city whose province column does not begin its code", provinces, "code,name,provinceCode\n1306,保定市,14\n", areas, "cities:2"},
		{"a county whose city is not listed", provinces, cities, "code,name,cityCode,provinceCode\n130701,某区,1307,13\n", "areas:2"},
		{"a county listed twice", provinces, cities, areas + "130626,\"定兴县\",1306,13\n", "areas:3"},
		{"a table without its parent column", provinces, "code,name\n1306,保定市\n", areas, "cities:1"},
		{"an empty table", "", cities, areas, "provinces:1"},
		{"a row with a broken quote", provinces, cities, "code,name,cityCode,provinceCode\n130626,\"定兴县,1306,13\n", "areas:2"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is invalid", func(t *testing.T) {
			_, err := LoadRegions(strings.NewReader(tt.provinces), strings.NewReader(tt.cities), strings.NewReader(tt.areas))
			if ErrorCode(err) != CodeInvalid || ErrorField(err) != tt.field {
				t.Fatalf("LoadRegions error = %v, want invalid %s", err, tt.field)
			}
		})
	}
	t.Run("a well-formed small table with a byte-order mark loads", func(t *testing.T) {
		r, err := LoadRegions(strings.NewReader("\ufeff"+provinces), strings.NewReader(cities), strings.NewReader(areas))
		if err != nil {
			t.Fatal(err)
		}
		if g, ok := r.Lookup("130626"); !ok || g.Parent != "130600" {
			t.Errorf("Lookup(130626) = %+v, %v", g, ok)
		}
	})
}

func TestTheSupplementAddsDivisionsGBT2260Lacks(t *testing.T) {
	r := loadTestRegions(t)
	if g, ok := r.Lookup("660000"); !ok || g.Name != "新疆生产建设兵团" || g.Level != LevelProvince || g.Source != SourceInferred {
		t.Errorf("Lookup(660000) = %+v, %v; want the 兵团, a province of source %s", g, ok, SourceInferred)
	}
	if g, _ := r.Lookup("130626"); g.Source != "" {
		t.Errorf("a division of GB/T 2260 has source %q, want none", g.Source)
	}
	if !slices.ContainsFunc(r.All(), func(g Region) bool { return g.Code == "660000" }) {
		t.Error("All() leaves out the supplement")
	}
}

func TestBadSupplementRowsAreRefusedByLine(t *testing.T) {
	const header = "code,name,level,parent\n"
	for _, tt := range []struct{ name, rows, field string }{
		{"a code of four digits", "6600,新疆生产建设兵团,province,\n", "supplement:2"},
		{"a division without a name", "660000,,province,\n", "supplement:2"},
		{"an unknown level", "660000,新疆生产建设兵团,corps,\n", "supplement:2"},
		{"a province with a parent", "660000,新疆生产建设兵团,province,650000\n", "supplement:2"},
		{"a prefecture without a parent", "660100,第一师,prefecture,\n", "supplement:2"},
		{"a parent that is not listed", "670100,某师,prefecture,670000\n", "supplement:2"},
		{"a code GB/T 2260 already lists", "130626,定兴县,county,130600\n", "supplement:2"},
		{"a row with a missing column", "660000,新疆生产建设兵团,province\n", "supplement:2"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := loadTestRegions(t)
			err := r.addSupplement(strings.NewReader(header + tt.rows))
			if ErrorCode(err) != CodeInvalid || ErrorField(err) != tt.field {
				t.Errorf("addSupplement error = %v, want invalid %s", err, tt.field)
			}
		})
	}
}
