// The page's words in Chinese (default) and English. Elements name their text with
// data-i18n="key" (text), data-i18n-placeholder, data-i18n-title and data-i18n-label (aria-label);
// code that builds elements calls t() and re-renders on the "langchange" event.

const strings = {
  'app.title': ['土地市场动态监测与监管', 'Land market monitoring and supervision'],
  'app.short': ['土地监管', 'landwatch'],
  'map.label': ['地图：地块按开发阶段着色', 'Map: parcels coloured by development stage'],
  'tools.label': ['工具', 'Tools'],
  'btn.filters': ['筛选', 'Filter'],
  'btn.box': ['框选', 'Box'],
  'btn.polygon': ['多边形', 'Polygon'],
  'btn.worklist': ['逾期未开工', 'Overdue starts'],
  'btn.lang': ['English', '中文'],
  'btn.lang.title': ['Switch to English', '切换为中文'],
  'btn.close': ['关闭', 'Close'],
  'btn.finish': ['完成', 'Finish'],
  'btn.cancel': ['取消', 'Cancel'],
  'btn.undo': ['撤销顶点', 'Undo vertex'],
  'btn.legend': ['图例', 'Legend'],
  'btn.field': ['实地核查', 'Field checks'],
  'btn.signout': ['退出', 'Sign out'],
  'btn.admin': ['账户', 'Accounts'],
  'btn.stats': ['统计', 'Statistics'],
  'btn.import': ['导入', 'Import'],
  'btn.account': ['我的账户', 'My account'],
  'btn.clerk': ['录入', 'Entry'],
  'who': ['{name}（{role}，{region}）', '{name} ({role}, {region})'],
  'who.nation': ['全国', 'nation'],
  'role.clerk': ['录入员', 'clerk'],
  'role.inspector': ['巡查员', 'inspector'],
  'role.reviewer': ['审核员', 'reviewer'],
  'role.analyst': ['分析员', 'analyst'],
  'role.admin': ['管理员', 'admin'],
  'search.label': ['搜索电子监管号、项目名称或土地使用权人', 'Search e-supervision number, project or holder'],
  'search.placeholder': ['电子监管号 / 项目名称 / 使用权人', 'E-number / project / holder'],
  'search.none': ['没有找到匹配的供地', 'No matching supply'],
  'filters.title': ['筛选', 'Filter'],
  'filters.stage': ['开发阶段', 'Development stage'],
  'filters.all': ['全选', 'All'],
  'filters.none': ['全不选', 'None'],
  'filters.landuse': ['土地用途', 'Land use'],
  'filters.method': ['供地方式', 'Supply method'],
  'filters.years': ['合同签订年份', 'Contract year'],
  'filters.from': ['起', 'From'],
  'filters.to': ['止', 'To'],
  'filters.region': ['行政区代码', 'Region code'],
  'filters.region.hint': ['6 位代码，含下级', '6 digits, with sub-regions'],
  'filters.any': ['全部', 'All'],
  'filters.reset': ['重置', 'Reset'],
  'filters.invalid.region': ['行政区代码应为 6 位数字', 'A region code has 6 digits'],
  'filters.invalid.years': ['年份范围不正确', 'The year range is not valid'],
  'legend.title': ['开发阶段', 'Development stage'],
  'legend.flags': ['标记', 'Flags'],
  'legend.overlaps': ['重叠部分', 'Overlapping area'],
  'legend.counts': ['数量为当前筛选条件下的供地宗数', 'Counts are supplies under the current filter'],
  'details.title': ['供地详情', 'Supply'],
  'details.attributes': ['基本信息', 'Attributes'],
  'details.parcels': ['宗地', 'Parcels'],
  'details.installments': ['分期支付约定', 'Instalments'],
  'details.timeline': ['开发进度', 'Development timeline'],
  'details.events': ['开发事件', 'Events'],
  'details.overlaps': ['重叠供地', 'Overlapping supplies'],
  'details.findings': ['核查线索', 'Findings'],
  'details.history': ['版本历史', 'Version history'],
  'details.loading': ['正在加载…', 'Loading…'],
  'details.none': ['无', 'None'],
  'details.unavailable': ['该功能的接口尚未提供', 'Not available from the server yet'],
  'details.noGeometry': ['该供地没有宗地图形，无法在地图上定位', 'This supply has no parcel geometry to show on the map'],
  'details.flyto': ['定位', 'Zoom to'],
  'details.notFound': ['未找到该供地', 'Supply not found'],
  'details.returned': ['已退回，退回原因：{reason}（审核人 {by}）', 'Returned: {reason} (reviewer {by})'],
  'timeline.step': ['环节', 'Step'],
  'timeline.agreed': ['约定', 'Agreed'],
  'timeline.actual': ['实际', 'Actual'],
  'timeline.late': ['情况', 'Status'],
  'timeline.delivery': ['交地', 'Delivery'],
  'timeline.start': ['开工', 'Start'],
  'timeline.completion': ['竣工', 'Completion'],
  'timeline.acceptance': ['竣工验收', 'Acceptance'],
  'timeline.onTime': ['按期', 'on time'],
  'timeline.early': ['提前 {n} 天', '{n} days early'],
  'timeline.lateBy': ['逾期 {n} 天', '{n} days late'],
  'timeline.overdue': ['尚未完成，已逾期 {n} 天', 'not done, {n} days overdue'],
  'timeline.pending': ['未到期', 'not yet due'],
  'timeline.noAgreed': ['未约定', 'no agreed date'],
  'overlaps.other': ['重叠供地', 'Other supply'],
  'overlaps.area': ['重叠面积', 'Overlap area'],
  'overlaps.share': ['占本宗 / 占对方', 'Share here / there'],
  'history.entity': ['对象', 'Record'],
  'history.when': ['时间', 'When'],
  'history.who': ['操作人', 'By'],
  'history.changed': ['变更内容', 'Changes'],
  'history.more': ['显示全部 {n} 条', 'Show all {n}'],
  'draw.title': ['范围内的供地', 'Supplies in the drawn area'],
  'draw.hint.box': ['点击地图确定矩形的两个对角', 'Click two opposite corners of the box'],
  'draw.hint.polygon': ['点击添加顶点，双击或点击起点完成', 'Click to add vertices; double-click or click the first vertex to finish'],
  'draw.running': ['正在查询…', 'Querying…'],
  'draw.count': ['{n} 宗供地与所画范围重叠', '{n} supplies overlap the drawn area'],
  'draw.area': ['重叠面积', 'Overlap'],
  'draw.unavailable': ['重叠查询接口尚未提供', 'The overlap query is not available from the server yet'],
  'worklist.title': ['逾期未开工清单（当前视图）', 'Overdue starts (current view)'],
  'worklist.count': ['{n} 宗', '{n} supplies'],
  'worklist.days': ['逾期 {n} 天', '{n} days overdue'],
  'worklist.agreedStart': ['约定开工', 'Agreed start'],
  'worklist.zoomIn': ['请放大地图以列出当前视图内的逾期项目', 'Zoom in to list the overdue starts in view'],
  'worklist.partial': ['只列出前 {n} 宗', 'Only the first {n} are listed'],
  'worklist.findings': ['核查线索（当前视图）', 'Open findings (current view)'],
  'worklist.findingCount': ['{n} 条', '{n} findings'],
  'finding.suspected_idle': ['疑似闲置', 'Suspected idle'],
  'finding.overlap': ['重复供地', 'Overlapping supply'],
  'finding.reserve_overlap': ['占用未列明的储备土地', 'Covers reserve land it does not name'],
  'finding.idle_transaction': ['闲置土地上的转让、出租或抵押', 'Transfer, lease or mortgage on idle land'],
  'finding.inconsistency': ['核查不一致', 'Inconsistency'],
  'finding.late_entry': ['填报不及时', 'Late entry'],
  'finding.start_unbuilt': ['报开工而影像未见建设（虚报迹象）', 'Start recorded, nothing built (sign of false reporting)'],
  'finding.area_mismatch': ['申报面积与宗地实测面积不符（虚报迹象）', 'Declared area off the measured one (sign of false reporting)'],
  'finding.no_boundary': ['逾期未上报界址（瞒报迹象）', 'No boundaries past the deadline (sign of concealment)'],
  'status.noTiles': ['矢量瓦片服务尚不可用，地图暂不显示地块', 'The vector tile service is not available yet; parcels are not drawn'],
  'status.error': ['出错：{msg}', 'Error: {msg}'],
  'status.refreshed': ['地块已更新', 'Parcels updated'],
  'coords.label': ['CGCS2000 经度 {lon}，纬度 {lat}', 'CGCS2000 lon {lon}, lat {lat}'],
  'unit.ha': ['公顷', 'ha'],
  'unit.m2': ['平方米', 'm²'],
  'unit.wan': ['万元', '10k CNY'],
};

/** Adds words of another page (key → [zh, en]); keys already known are kept. */
export function addStrings(more) {
  for (const [k, v] of Object.entries(more)) if (!(k in strings)) strings[k] = v;
}

const langs = ['zh', 'en'];
let current = pickInitial();

function pickInitial() {
  const fromQuery = new URLSearchParams(location.search).get('lang');
  if (langs.includes(fromQuery)) return fromQuery;
  try {
    const saved = localStorage.getItem('landwatch.lang');
    if (langs.includes(saved)) return saved;
  } catch {
    // storage may be off (private mode); the default stands
  }
  return 'zh';
}

/** The current language: "zh" or "en". */
export function lang() {
  return current;
}

/** Looks up key in the current language and fills {name} placeholders from params. */
export function t(key, params = {}) {
  const entry = strings[key];
  const text = entry ? entry[langs.indexOf(current)] : key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Picks the Chinese or English member of a [zh, en] pair. */
export function pick(pair) {
  return Array.isArray(pair) ? pair[langs.indexOf(current)] : pair;
}

/** Switches the language, translates the page and tells listeners. */
export function setLang(next) {
  if (!langs.includes(next) || next === current) return;
  current = next;
  try {
    localStorage.setItem('landwatch.lang', next);
  } catch {
    // not remembered, still switched
  }
  translate(document);
  document.dispatchEvent(new CustomEvent('langchange', { detail: next }));
}

/** Translates every element under root that names its words with data-i18n attributes. */
export function translate(root) {
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  document.title = `landwatch · ${t('app.title')}`;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}
