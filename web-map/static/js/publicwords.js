// What the public pages share: their words, the published fields of a supply result with their
// Chinese labels (the order of landchina's 供地结果 page), the bar's language switch, and the pager.
// Nothing here carries a coordinate: the public API publishes none.
import { h, fill } from './dom.js';
import { addStrings, lang, setLang, t, translate } from './i18n.js';

addStrings({
  'public.title': ['土地市场公开信息', 'Land market public information'],
  'public.signin': ['工作人员登录', 'Staff sign-in'],
  'public.supplies': ['供地结果', 'Supply results'],
  'public.idle': ['闲置土地', 'Idle land'],
  'public.plans': ['供地计划', 'Supply plans'],
  'public.announcements': ['出让公告', 'Transfer announcements'],
  'public.deals': ['成交公示', 'Deal publicity'],
  'public.nav': ['公开信息', 'Public information'],
  'public.search': ['项目名称、位置、土地使用权人或电子监管号', 'Project, location, holder or e-supervision number'],
  'public.go': ['查询', 'Search'],
  'public.clear': ['清除条件', 'Clear'],
  'public.any': ['全部', 'All'],
  'public.region': ['行政区', 'Region'],
  'public.method': ['供地方式', 'Method'],
  'public.landuse': ['土地用途', 'Land use'],
  'public.from': ['签订日期起', 'Signed from'],
  'public.to': ['签订日期止', 'Signed to'],
  'public.text': ['关键词', 'Keywords'],
  'public.count': ['共 {total} 条', '{total} in all'],
  'public.page': ['第 {page} 页', 'Page {page}'],
  'public.prev': ['上一页', 'Previous'],
  'public.next': ['下一页', 'Next'],
  'public.none': ['没有符合条件的记录', 'Nothing matches'],
  'public.back': ['返回供地结果', 'Back to supply results'],
  'public.notfound': ['未找到电子监管号为 {e} 的公开供地结果', 'No published supply result numbered {e}'],
  'public.error': ['加载失败：{msg}', 'Could not load: {msg}'],
  'public.details': ['查看详情', 'Details'],
  'public.col.district': ['行政区', 'Region'],
  'public.col.enumber': ['电子监管号', 'E-supervision number'],
  'public.col.project': ['项目名称', 'Project'],
  'public.col.location': ['项目位置', 'Location'],
  'public.col.area': ['面积（公顷）', 'Area (ha)'],
  'public.col.use': ['土地用途', 'Land use'],
  'public.col.useclass': ['用途分类', 'Land-use class'],
  'public.col.method': ['供地方式', 'Method'],
  'public.col.term': ['土地使用年限', 'Term'],
  'public.col.industry': ['行业分类', 'Industry'],
  'public.col.grade': ['土地级别', 'Land grade'],
  'public.col.price': ['成交价格（万元）', 'Price (10k yuan)'],
  'public.col.holder': ['土地使用权人', 'Holder'],
  'public.col.ownership': ['土地所有权', 'Land ownership'],
  'public.col.ratiomin': ['约定容积率下限', 'Plot ratio, lower'],
  'public.col.ratiomax': ['约定容积率上限', 'Plot ratio, upper'],
  'public.col.delivery': ['约定交地时间', 'Agreed delivery'],
  'public.col.start': ['约定开工时间', 'Agreed start'],
  'public.col.completion': ['约定竣工时间', 'Agreed completion'],
  'public.col.approvedby': ['批准单位', 'Approved by'],
  'public.col.contract': ['合同签订日期', 'Contract date'],
  'public.col.determined': ['认定日期', 'Determined on'],
  'public.col.since': ['闲置起始日', 'Idle since'],
  'public.col.years': ['闲置年数', 'Years idle'],
  'public.col.cause': ['闲置原因', 'Cause'],
  'public.cause.holder': ['土地使用权人原因', 'The holder'],
  'public.cause.government': ['政府原因', 'The government'],
  'public.cause.force_majeure': ['不可抗力', 'Force majeure'],
});

const text = (v) => (v == null ? '' : String(v));
const useClass = (s) => (s.land_use_code ? `${s.land_use_name || ''}（${s.land_use_code}）` : '');

/** A supply result's published fields: [label key, value of a record], in landchina's order. */
export const SUPPLY_FIELDS = [
  ['district', (s) => s.district_name],
  ['enumber', (s) => s.e_number],
  ['project', (s) => s.project_name],
  ['location', (s) => s.location],
  ['area', (s) => text(s.area_ha)],
  ['use', (s) => s.land_use_original],
  ['useclass', useClass],
  ['method', (s) => s.method_name],
  ['term', (s) => s.term_text || text(s.term_years)],
  ['industry', (s) => s.industry],
  ['grade', (s) => s.land_grade],
  ['price', (s) => text(s.price_wan)],
  ['holder', (s) => s.holder],
  ['ownership', (s) => (s.collective ? `集体 ${s.collective_owner || ''}`.trim() : '国有')],
  ['ratiomin', (s) => text(s.plot_ratio_min)],
  ['ratiomax', (s) => text(s.plot_ratio_max)],
  ['delivery', (s) => s.agreed_delivery],
  ['start', (s) => s.agreed_start],
  ['completion', (s) => s.agreed_completion],
  ['contract', (s) => s.contract_date],
  ['approvedby', (s) => s.approved_by],
];

/** A field list of one record as <dl> rows, the fields picked by key from fields. */
export function fieldList(record, fields, keys) {
  const picked = keys.map((k) => fields.find(([key]) => key === k));
  return h('dl', { class: 'card-fields' }, picked.flatMap(([key, value]) => [
    h('dt', {}, t(`public.col.${key}`)), h('dd', { dataset: { field: key } }, value(record) || '—')]));
}

/** The public pages' bar: the title, the two lists (the one shown marked), sign-in, language. */
function bar() {
  const el = document.getElementById('public-bar');
  const link = (href, key, name) => h('a', { class: 'button-link', href, 'data-i18n': key, 'aria-current': el.dataset.current === name ? 'page' : null }, t(key));
  fill(el, h('h1', { class: 'brand', 'data-i18n': 'public.title' }, t('public.title')),
    h('nav', { class: 'tools public-nav', 'data-i18n-label': 'public.nav', 'aria-label': t('public.nav') },
      link('public.html', 'public.supplies', 'supplies'),
      link('public-idle.html', 'public.idle', 'idle'),
      link('public-plans.html', 'public.plans', 'plans'),
      link('public-announcements.html', 'public.announcements', 'announcements'),
      link('public-deals.html', 'public.deals', 'deals'),
      link('signin.html', 'public.signin', 'signin'),
      h('button', { type: 'button', id: 'public-lang', lang: lang() === 'zh' ? 'en' : 'zh', 'data-i18n': 'btn.lang' }, t('btn.lang'))));
}

/** Builds the bar and wires its language switch; render is called again after each switch. */
export function startPublicPage(render) {
  bar();
  translate(document);
  document.getElementById('public-lang').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  document.addEventListener('langchange', () => {
    translate(document);
    render();
  });
}

/**
 * The pager of a list: the page number, a link to the previous page (prev), a link to the next
 * (next), either null where there is none. Links are real hrefs, so a page can be shared.
 */
export function pager(el, { page, prev, next }) {
  fill(el,
    prev ? h('a', { class: 'button-link', href: prev, rel: 'prev', dataset: { page: 'prev' } }, t('public.prev')) : null,
    h('span', { class: 'pager-page' }, t('public.page', { page })),
    next ? h('a', { class: 'button-link', href: next, rel: 'next', dataset: { page: 'next' } }, t('public.next')) : null);
  el.hidden = !prev && !next;
}

/** Shows an error of loading in el. */
export function showError(el, err) {
  el.textContent = t('public.error', { msg: err.message || String(err) });
  el.classList.add('error');
}
