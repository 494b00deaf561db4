package seed

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"

	"landwatch/land"
	"landwatch/reference"
)

// Character pools of generated names, combined two at a time so that a few
// dozen characters give thousands of distinct, plausible names.
const (
	streetFirstChars  = "兴开朝建文和平安康华新振迎金光明长通胜利民英育红永富裕祥瑞嘉宏泰广德仁义春秋青翠银锦盛昌隆鸿远恒福顺丰源清阳宁"
	streetSecondChars = "达华兴安阳宁平和康盛顺丰泰祥源昌隆鸿远业园城河山水林旺苑明光新民荣通胜"
	tradeChars        = "鑫源恒泰华宇嘉诚德润博远盛达金丰瑞祥永安宏图天成中兴腾飞汇通隆昌凯旋佳和亿利新元明辉"
	surnameChars      = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
	givenChars        = "建国华明丽秀英伟芳娜敏静强磊军洋勇艳杰涛超霞平刚桂兰志海红玉"
	numeralChars      = "一二三四五六七八九"
)

// pools holds the character pools as runes, made once per generation.
type pools struct {
	streetFirst, streetSecond, trade, surname, given []rune
}

func newPools() *pools {
	return &pools{
		streetFirst:  []rune(streetFirstChars),
		streetSecond: []rune(streetSecondChars),
		trade:        []rune(tradeChars),
		surname:      []rune(surnameChars),
		given:        []rune(givenChars),
	}
}

// region holds the names of the issuing county and the divisions above it.
type region struct {
	code       string
	county     string // 定兴县
	prefecture string // 保定市
	province   string // 河北省
}

// short strips the administrative suffix: 河北省 → 河北, 保定市 → 保定.
func short(name string) string {
	for _, suffix := range []string{"维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市", "地区", "盟", "自治州"} {
		if s, ok := strings.CutSuffix(name, suffix); ok && s != "" {
			return s
		}
	}
	return name
}

// lookupRegion finds code in the embedded division tables. A county code
// names its county; a prefecture's own office (XXYY00) names the
// prefecture. It returns a *land.Error for a code in neither table.
func lookupRegion(code string) (region, error) {
	provinces, err := readDivisions("divisions/provinces.csv")
	if err != nil {
		return region{}, err
	}
	cities, err := readDivisions("divisions/cities.csv")
	if err != nil {
		return region{}, err
	}
	areas, err := readDivisions("divisions/areas.csv")
	if err != nil {
		return region{}, err
	}
	r := region{code: code, province: provinces[code[:2]], prefecture: cities[code[:4]]}
	if r.prefecture == "市辖区" || r.prefecture == "县" {
		r.prefecture = r.province
	}
	r.county = areas[code]
	if r.county == "" && strings.HasSuffix(code, "00") {
		r.county = r.prefecture
	}
	if r.county == "" || r.province == "" {
		return region{}, land.Invalid("region_code", "%s is not a known county code", code)
	}
	return r, nil
}

// readDivisions reads a code,name,… table of reference/divisions.
func readDivisions(name string) (map[string]string, error) {
	f, err := reference.FS.Open(name)
	if err != nil {
		return nil, land.Wrap(land.CodeInternal, err, "open reference %s", name)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, land.Wrap(land.CodeInternal, err, "read reference %s", name)
	}
	m := make(map[string]string, len(rows))
	for _, row := range rows[1:] {
		if len(row) >= 2 {
			m[row[0]] = row[1]
		}
	}
	return m, nil
}

// namePool hands out distinct two-character names in a random order.
type namePool struct {
	names []string
	next  int
}

// newNamePool shuffles all pairs of first and second characters.
func newNamePool(r *rand.Rand, first, second []rune) *namePool {
	var names []string
	for _, a := range first {
		for _, b := range second {
			if a != b {
				names = append(names, string([]rune{a, b}))
			}
		}
	}
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	return &namePool{names: names}
}

// take returns the next unused name; when the pool runs dry it numbers
// names the way planners do (经十一, 纬十二 …) with the given stem.
func (p *namePool) take(stem string) string {
	if p.next < len(p.names) {
		p.next++
		return p.names[p.next-1]
	}
	p.next++
	return stem + chineseNumber(p.next-len(p.names))
}

// chineseNumber writes 1–99 in Chinese numerals (larger numbers in digits).
func chineseNumber(n int) string {
	digit := func(d int) string { return string([]rune(numeralChars)[d-1]) }
	switch {
	case n <= 0 || n >= 100:
		return fmt.Sprint(n)
	case n < 10:
		return digit(n)
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digit(n-10)
	case n%10 == 0:
		return digit(n/10) + "十"
	default:
		return digit(n/10) + "十" + digit(n%10)
	}
}

// tradeName draws a two-character trade name (字号) for a company.
func (p *pools) tradeName(r *rand.Rand) string {
	a := p.tradeRune(r)
	b := p.tradeRune(r)
	for b == a {
		b = p.tradeRune(r)
	}
	return string([]rune{a, b})
}

func (p *pools) tradeRune(r *rand.Rand) rune { return p.trade[r.IntN(len(p.trade))] }

// personName draws a person's name: a surname and one or two given characters.
func (p *pools) personName(r *rand.Rand) string {
	n := []rune{p.surname[r.IntN(len(p.surname))], p.given[r.IntN(len(p.given))]}
	if chance(r, 0.7) {
		n = append(n, p.given[r.IntN(len(p.given))])
	}
	return string(n)
}

// companyKind maps an industry (行业分类) to the business words of an
// industrial company's name.
func companyKind(industry string) string {
	kinds := []struct{ key, kind string }{
		{"设备", "机械制造"}, {"机械", "机械制造"}, {"汽车", "汽车零部件"}, {"化学纤维", "纺织"},
		{"化学", "化工"}, {"食品", "食品"}, {"农副", "食品"}, {"水泥", "建材"}, {"电子", "电子科技"},
		{"通讯", "电子科技"}, {"金属", "金属制品"}, {"塑料", "塑料制品"}, {"纺织", "服饰"},
		{"服装", "服饰"}, {"家具", "家具"}, {"文教", "文体用品"}, {"仓储", "仓储物流"}, {"煤炭", "能源"},
	}
	for _, k := range kinds {
		if strings.Contains(industry, k.key) {
			return k.kind
		}
	}
	return "科技"
}
