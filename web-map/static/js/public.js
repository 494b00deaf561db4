// The public page: supply results (供地结果) and determined idle land (闲置土地) as the law has
// them published. No sign-in, and nothing here carries a coordinate.
import { getJSON, query } from './api.js';
import { h, fill } from './dom.js';
import { addStrings, lang, setLang, t, translate } from './i18n.js';

addStrings({
  'public.title': ['土地市场公开信息', 'Land market public information'],
  'public.signin': ['工作人员登录', 'Staff sign-in'],
  'public.supplies': ['供地结果', 'Supply results'],
  'public.idle': ['闲置土地', 'Idle land'],
  'public.search': ['搜索项目名称、位置或土地使用权人', 'Search project, location or holder'],
  'public.go': ['查询', 'Search'],
  'public.more': ['更多', 'More'],
  'public.count': ['共 {total} 条，已显示 {n} 条', '{total} in all, {n} shown'],
  'public.none': ['暂无', 'None'],
  'public.col.enumber': ['电子监管号', 'E-supervision number'],
  'public.col.project': ['项目名称', 'Project'],
  'public.col.location': ['项目位置', 'Location'],
  'public.col.area': ['面积（公顷）', 'Area (ha)'],
  'public.col.use': ['土地用途', 'Land use'],
  'public.col.method': ['供地方式', 'Method'],
  'public.col.holder': ['土地使用权人', 'Holder'],
  'public.col.price': ['成交价格（万元）', 'Price (10k yuan)'],
  'public.col.contract': ['签订日期', 'Contract date'],
  'public.col.determined': ['认定日期', 'Determined on'],
  'public.col.years': ['闲置年数', 'Years idle'],
});

const supplies = document.getElementById('supplies');
const idle = document.getElementById('idle');
const more = document.getElementById('supplies-more');
let rows = [];
let total = 0;
let next = null;

const head = (keys) => h('thead', {}, h('tr', {}, keys.map((k) => h('th', { scope: 'col' }, t(`public.col.${k}`)))));

function renderSupplies() {
  fill(supplies, head(['enumber', 'project', 'location', 'area', 'use', 'method', 'holder', 'price', 'contract']),
    h('tbody', {}, rows.map((s) => h('tr', {},
      h('td', {}, s.e_number), h('td', {}, s.project_name), h('td', {}, s.location), h('td', { class: 'num' }, String(s.area_ha)),
      h('td', {}, s.land_use_original), h('td', {}, s.method_name), h('td', {}, s.holder),
      h('td', { class: 'num' }, s.price_wan == null ? '' : String(s.price_wan)), h('td', {}, s.contract_date || '')))));
  document.getElementById('supplies-count').textContent = total ? t('public.count', { total, n: rows.length }) : t('public.none');
  more.hidden = !next;
}

async function loadSupplies(url, append) {
  const page = await getJSON(url);
  rows = append ? rows.concat(page.items) : page.items;
  total = page.total;
  next = page.next;
  renderSupplies();
}

let idleItems = [];
function renderIdle() {
  fill(idle, head(['enumber', 'project', 'location', 'holder', 'area', 'determined', 'years']),
    h('tbody', {}, idleItems.map((s) => h('tr', {},
      h('td', {}, s.e_number), h('td', {}, s.project_name), h('td', {}, s.location), h('td', {}, s.holder),
      h('td', { class: 'num' }, String(s.area_ha)), h('td', {}, s.determined_on), h('td', { class: 'num' }, String(s.idle_years))))));
  document.getElementById('idle-count').textContent = idleItems.length ? t('public.count', { total: idleItems.length, n: idleItems.length }) : t('public.none');
}

document.getElementById('public-search').addEventListener('submit', (e) => {
  e.preventDefault();
  loadSupplies(`/public/supplies${query({ q: e.target.elements.q.value.trim() })}`, false);
});
more.addEventListener('click', () => next && loadSupplies(next, true));
document.getElementById('public-lang').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
document.addEventListener('langchange', () => {
  translate(document);
  renderSupplies();
  renderIdle();
});
translate(document);
window.landwatchPublic = {
  ready: Promise.all([
    loadSupplies('/public/supplies', false),
    getJSON('/public/idle-land').then((r) => { idleItems = r.items; renderIdle(); }),
  ]),
};
