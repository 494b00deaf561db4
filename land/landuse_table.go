package land

// The land-use tables. Only the classes a supply of construction land can
// carry are listed: first-level classes 05 to 12 of GB/T 21010 and their
// second-level classes. Agricultural classes (01 耕地 to 04 草地) are not
// land uses of a supply and are rejected.
// The names of GB/T 21010-2017 are written from the standard as we know it.
// Two points are worth checking against the printed text when it is at hand:
// the 2017 edition moved 沼泽地 into class 11 (1108), so that 水工建筑用地 is
// 1109 and 冰川及永久积雪 1110, and split 裸地 into 1206 裸土地 and
// 1207 裸岩石砾地.

// currentLandUses maps each GB/T 21010-2017 code to its name. Never mutated.
var currentLandUses = map[string]string{
	"05":   "商服用地",
	"0501": "零售商业用地",
	"0502": "批发市场用地",
	"0503": "餐饮用地",
	"0504": "旅馆用地",
	"0505": "商务金融用地",
	"0506": "娱乐用地",
	"0507": "其他商服用地",

	"06":   "工矿仓储用地",
	"0601": "工业用地",
	"0602": "采矿用地",
	"0603": "盐田",
	"0604": "仓储用地",

	"07":   "住宅用地",
	"0701": "城镇住宅用地",
	"0702": "农村宅基地",

	"08":   "公共管理与公共服务用地",
	"0801": "机关团体用地",
	"0802": "新闻出版用地",
	"0803": "教育用地",
	"0804": "科研用地",
	"0805": "医疗卫生用地",
	"0806": "社会福利用地",
	"0807": "文化设施用地",
	"0808": "体育用地",
	"0809": "公用设施用地",
	"0810": "公园与绿地",

	"09":   "特殊用地",
	"0901": "军事设施用地",
	"0902": "使领馆用地",
	"0903": "监教场所用地",
	"0904": "宗教用地",
	"0905": "殡葬用地",
	"0906": "风景名胜设施用地",

	"10":   "交通运输用地",
	"1001": "铁路用地",
	"1002": "轨道交通用地",
	"1003": "公路用地",
	"1004": "城镇村道路用地",
	"1005": "交通服务场站用地",
	"1006": "农村道路",
	"1007": "机场用地",
	"1008": "港口码头用地",
	"1009": "管道运输用地",

	"11":   "水域及水利设施用地",
	"1101": "河流水面",
	"1102": "湖泊水面",
	"1103": "水库水面",
	"1104": "坑塘水面",
	"1105": "沿海滩涂",
	"1106": "内陆滩涂",
	"1107": "沟渠",
	"1108": "沼泽地",
	"1109": "水工建筑用地",
	"1110": "冰川及永久积雪",

	"12":   "其他土地",
	"1201": "空闲地",
	"1202": "设施农用地",
	"1203": "田坎",
	"1204": "盐碱地",
	"1205": "沙地",
	"1206": "裸土地",
	"1207": "裸岩石砾地",
}

// legacyLandUse is one class of the pre-2017 list (GB/T 21010-2007 with the
// land ministry's housing subdivisions), with the current code it maps to.
type legacyLandUse struct {
	name    string
	current string
}

// legacyLandUses maps each pre-2017 code to its name and current code.
// Never mutated. Where one old class covers several new ones, the mapping
// picks the class most supplies of that kind fall in; the comment names the
// others, and a clerk who knows better sets the current code directly.
var legacyLandUses = map[string]legacyLandUse{
	"05":  {"商服用地", "05"},
	"051": {"批发零售用地", "0501"}, // retail; wholesale markets are 0502
	"052": {"住宿餐饮用地", "0504"}, // lodging; restaurants alone are 0503
	"053": {"商务金融用地", "0505"},
	"054": {"其他商服用地", "0507"},
	"06":  {"工矿仓储用地", "06"},
	"061": {"工业用地", "0601"},
	"062": {"采矿用地", "0602"},
	"063": {"仓储用地", "0604"},
	"07":  {"住宅用地", "07"},
	"071": {"高档住宅用地", "0701"}, // every kind of urban housing is 0701 城镇住宅用地
	"072": {"中低价位、中小套型普通商品住房用地", "0701"},
	"073": {"其他普通商品住房用地", "0701"},
	"074": {"经济适用住房用地", "0701"},
	"075": {"廉租住房用地", "0701"},
	"076": {"其他住房用地", "0701"},
	"077": {"公共租赁住房用地", "0701"},
	"08":  {"公共管理与公共服务用地", "08"},
	"081": {"机关团体用地", "0801"},
	"082": {"新闻出版用地", "0802"},
	"083": {"科教用地", "0803"},   // education; research institutes are 0804
	"084": {"医卫慈善用地", "0805"}, // health care; welfare and charity are 0806
	"085": {"文体娱乐用地", "0807"}, // culture; sport is 0808, entertainment 0506
	"086": {"公共设施用地", "0809"},
	"087": {"公园与绿地", "0810"},
	"088": {"风景名胜设施用地", "0906"}, // moved to 特殊用地 in 2017 under the same name
	"09":  {"特殊用地", "09"},
	"091": {"军事设施用地", "0901"},
	"092": {"使领馆用地", "0902"},
	"093": {"监教场所用地", "0903"},
	"094": {"宗教用地", "0904"},
	"095": {"殡葬用地", "0905"},
	"10":  {"交通运输用地", "10"},
	"101": {"铁路用地", "1001"},
	"102": {"公路用地", "1003"},
	"103": {"街巷用地", "1004"},
	"104": {"农村道路", "1006"},
	"105": {"机场用地", "1007"},
	"106": {"港口码头用地", "1008"},
	"107": {"管道运输用地", "1009"},
	"11":  {"水域及水利设施用地", "11"},
	"111": {"河流水面", "1101"},
	"112": {"湖泊水面", "1102"},
	"113": {"水库水面", "1103"},
	"114": {"坑塘水面", "1104"},
	"115": {"沿海滩涂", "1105"},
	"116": {"内陆滩涂", "1106"},
	"117": {"沟渠", "1107"},
	"118": {"水工建筑用地", "1109"},
	"119": {"冰川及永久积雪", "1110"},
	"12":  {"其他土地", "12"},
	"121": {"空闲地", "1201"},
	"122": {"设施农用地", "1202"},
	"123": {"田坎", "1203"},
	"124": {"盐碱地", "1204"},
	"125": {"沼泽地", "1108"},
	"126": {"沙地", "1205"},
	"127": {"裸地", "1206"}, // bare soil; bare rock and gravel is 1207
}

// landUseAliases maps other labels met in land records to a current code.
// Never mutated. The land market site's search categories use pinyin
// placeholders (gongy, shangy, zhuz) beside their labels; its code table also
// lists 工矿仓储用地 twice, once as 06 and once as gongy, which both mean 06.
var landUseAliases = map[string]string{
	"商业服务业用地": "05", // the name of this class in the 2020 spatial-planning classification
	"商业":      "05",
	"shangy":  "05",
	"工矿仓储":    "06",
	"gongy":   "06",
	"住宅":      "07",
	"zhuz":    "07",
}

// mixedLandUses are search categories that name no single class.
var mixedLandUses = map[string]bool{
	"综合": true, "zhongh": true, "其他": true, "qiet": true,
}
