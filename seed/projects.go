package seed

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"landwatch/land"
)

// namer writes the holders (土地使用权人) and project names (项目名称) of
// generated supplies in the patterns of the real records.
type namer struct {
	reg   region
	pools *pools
}

// company writes a company name: a place (the county, the province or the
// prefecture, shortened), a trade name and the business.
func (n namer) company(r *rand.Rand, business string) string {
	place := []string{n.reg.county, short(n.reg.province), short(n.reg.prefecture)}[pick(r, []float64{0.5, 0.3, 0.2})]
	return place + n.pools.tradeName(r) + business
}

// agency writes a county office.
func (n namer) agency(office string) string { return n.reg.county + office }

// oneOf returns one of the choices, equally likely.
func oneOf(r *rand.Rand, choices ...string) string { return choices[r.IntN(len(choices))] }

// names returns the project name and holder of a supply of draft d whose
// attributes come from template tpl, contracted in year, in town t.
func (n namer) names(r *rand.Rand, d *draft, tpl *land.Supply, kind land.Kind, year int, t *town) (project, holder string) {
	place := t.name
	allocation := kind == land.KindAllocation
	switch d.class {
	case classRoad:
		if chance(r, 0.4) {
			holder = n.agency("住房和城乡建设局")
		}
		if chance(r, 0.5) {
			return fmt.Sprintf("%d年城市道路（%s）", year, d.road.street), holder
		}
		return d.road.street + "（" + d.road.from + "至" + d.road.to + "段）道路工程", holder
	case classHousing:
		switch {
		case d.tiny:
			p := n.pools.personName(r)
			return p, p
		case allocation:
			return place + n.pools.tradeName(r) + oneOf(r, "保障性住房项目", "公共租赁住房项目", "棚户区改造安置房项目"), n.agency("住房保障服务中心")
		}
		holder = n.company(r, oneOf(r, "房地产开发有限公司", "置业有限公司", "房地产开发有限责任公司"))
		if chance(r, 0.4) {
			return holder, holder
		}
		return n.pools.tradeName(r) + oneOf(r, "家园", "花园", "小区", "苑", "府", "名邸", "华庭", "嘉园", "新城") + oneOf(r, "项目", "住宅小区"), holder
	case classCommercial:
		if d.tiny {
			p := n.pools.personName(r)
			return place + n.pools.tradeName(r) + "便民商店", p
		}
		holder = n.company(r, oneOf(r, "商贸有限公司", "酒店管理有限公司", "实业有限公司", "商业管理有限公司", "置业有限公司"))
		if chance(r, 0.35) {
			return holder, holder
		}
		return n.pools.tradeName(r) + commercialKind(r, tpl.LandUseCode) + "项目", holder
	case classIndustrial:
		business := companyKind(tpl.Industry)
		if tpl.LandUseCode == "0604" {
			business = "仓储物流"
		}
		holder = n.company(r, business+"有限公司")
		switch x := r.Float64(); {
		case x < 0.3:
			return holder, holder
		case x < 0.55:
			return fmt.Sprintf("工业储备地%d%03d号", year, between(r, 1, 120)), holder
		}
		return fmt.Sprintf("%s年产%d万件%s产品项目", strings.TrimSuffix(holder, "有限公司"), between(r, 5, 500), business), holder
	}
	return n.publicNames(r, d, tpl, allocation, place)
}

// publicNames names public buildings and utilities by their land use.
func (n namer) publicNames(r *rand.Rand, d *draft, tpl *land.Supply, allocation bool, place string) (project, holder string) {
	use := tpl.LandUseOriginal + land.LandUseName(tpl.LandUseCode)
	trade := n.pools.tradeName(r)
	pickHolder := func(office, business string) string {
		if !allocation {
			return n.company(r, business)
		}
		if chance(r, 0.35) {
			return "" // many published allocations name no holder
		}
		return n.agency(office)
	}
	if d.tiny {
		return trade + oneOf(r, "10千伏开闭所", "公共厕所", "燃气调压站", "通信基站", "泵站"), pickHolder("住房和城乡建设局", "燃气有限公司")
	}
	switch {
	case strings.Contains(use, "科教") || strings.Contains(use, "教育"):
		return fmt.Sprintf("%s第%s%s建设项目", place, chineseNumber(between(r, 1, 12)), oneOf(r, "小学", "中学", "幼儿园")),
			pickHolder("教育局", "教育科技有限公司")
	case strings.Contains(use, "医"):
		return place + oneOf(r, "人民医院新院区建设项目", "中医医院扩建项目", "社区卫生服务中心", trade+"养老中心项目"),
			pickHolder("卫生健康局", "养老服务有限公司")
	case strings.Contains(use, "公园"):
		return trade + oneOf(r, "公园建设项目", "游园", "街头绿地"), pickHolder("园林绿化管理处", "园林绿化工程有限公司")
	case strings.Contains(use, "机关"):
		return place + oneOf(r, trade+"派出所", "便民服务中心", "行政服务中心", "消防救援站") + "建设项目", pickHolder("机关事务服务中心", "物业服务有限公司")
	case strings.Contains(use, "文"):
		return place + oneOf(r, "文化活动中心", "全民健身中心", "图书馆", "体育馆") + "项目", pickHolder("文化广电和旅游局", "文化发展有限公司")
	case strings.Contains(use, "水"):
		return trade + oneOf(r, "泵站工程", "排涝站", "水厂扩建工程"), pickHolder("水利局", "水务有限公司")
	}
	switch r.IntN(3) {
	case 0:
		holder := ""
		if chance(r, 0.6) {
			holder = "国网" + n.reg.province + "电力有限公司" + n.reg.county + "供电分公司"
		}
		return "110千伏" + trade + "输变电工程", holder
	case 1:
		return place + oneOf(r, "污水处理厂扩建项目", "垃圾转运站", "再生水厂项目"), pickHolder("住房和城乡建设局", "环保科技有限公司")
	}
	return place + trade + oneOf(r, "燃气门站", "供热站", "公交首末站"), pickHolder("城市管理综合行政执法局", "能源有限公司")
}

// commercialKind names a commercial building by its land use.
func commercialKind(r *rand.Rand, code string) string {
	switch code {
	case "0504":
		return oneOf(r, "大酒店", "宾馆", "商务酒店")
	case "0505":
		return oneOf(r, "商务中心", "金融大厦", "写字楼")
	case "0503":
		return oneOf(r, "美食城", "餐饮街区")
	case "0501", "0502":
		return oneOf(r, "购物中心", "农贸市场", "建材市场", "商业街")
	}
	return oneOf(r, "商业广场", "商业综合体", "商住楼")
}
