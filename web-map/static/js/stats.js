// The statistics dashboard (供地统计) for analysts and reviewers: the approved supplies of a region
// and period by method, land use, housing class, region and month (with the same months a year
// before), as charts and tables; every figure opens the list of the records behind it, read from
// the link the API gives with it. It links to the printable quarterly report and 通报 of the region
// and period shown. window.landwatchStats.ready is the hook browser tests wait for.
import { getJSON, query } from './api.js';
import { h, fill } from './dom.js';
import { addStrings, t } from './i18n.js';
import { num, pct, today } from './format.js';
import { fillTable, messenger, reason, startPage } from './page.js';
import { setupRegionPicker } from './regionpicker.js';
import { bars, pie, trend } from './statscharts.js';

addStrings({
  'stats.title': ['供地统计', 'Supply statistics'],
  'stats.region': ['行政区代码', 'Region code'],
  'stats.from': ['签订日期自', 'Contracts from'],
  'stats.to': ['至', 'to'],
  'stats.level': ['按区域级别', 'Regions by level'],
  'stats.level.next': ['下一级', 'the next level'],
  'stats.apply': ['统计', 'Show'],
  'stats.hint': ['已审核通过的供地，按合同签订日期统计；点击任一数字或图形查看对应记录。', 'Approved supplies by contract date; click any figure or mark to see its records.'],
  'stats.byMethod': ['供地方式', 'Supply method'],
  'stats.byUse': ['土地用途', 'Land use'],
  'stats.byHousing': ['住宅用地按类别', 'Housing by class'],
  'stats.byRegion': ['行政区', 'Region'],
  'stats.byMonth': ['逐月趋势（与上年同期比较）', 'By month (against the year before)'],
  'stats.key': ['分类', 'Group'],
  'stats.share': ['占比', 'Share'],
  'stats.price': ['成交价款（万元）', 'Price (10k yuan)'],
  'stats.avg': ['均价（元/㎡）', 'Mean (yuan/m²)'],
  'stats.median': ['中位价（元/㎡）', 'Median (yuan/m²)'],
  'stats.total': ['合计', 'Total'],
  'stats.records': ['{name}：{count} 宗记录', '{name}: {count} records'],
  'stats.shown': ['已显示 {n} / {total} 宗', '{n} of {total} shown'],
  'stats.failed': ['无法读取统计：{msg}', 'The statistics could not be read: {msg}'],
  'stats.eNumber': ['电子监管号', 'E-supervision number'],
  'stats.project': ['项目名称', 'Project'],
  'stats.regionCode': ['行政区', 'Region'],
  'stats.method': ['供地方式', 'Method'],
  'stats.use': ['用途', 'Use'],
  'stats.date': ['签订日期', 'Contract date'],
  'stats.report': ['季度分析报告（打印）', 'Quarterly report (print)'],
  'stats.bulletin': ['通报（打印）', 'Bulletin (print)'],
  'stats.printPeriod': ['打印的报告期 {period}，行政区 {region}', 'Printed for the period {period}, region {region}'],
  'stats.periodAll': ['统计期：全部年份（逐月趋势为最近十二个月）', 'Period: all years (the trend: the last twelve months)'],
  'stats.periodFrom': ['统计期：{from} 起', 'Period: from {from}'],
  'stats.periodTo': ['统计期：至 {to}', 'Period: up to {to}'],
  'stats.periodRange': ['统计期：{from} 至 {to}', 'Period: {from} to {to}'],
});

const form = document.getElementById('stats-filters');
const say = messenger(document.getElementById('stats-message'));
const answers = {}; // group → the API's answer
let records = { title: '', items: [], total: 0, next: null };
let session = null;
let printed = null; // the region and report period the print links are of
let shown = null; // the dates the figures are of ({ from, to }, either empty)

const figureLink = (item, text, previous = false) => h('a', {
  class: 'stats-link', href: previous ? item.previous_year_url : item.url, dataset: { key: item.key },
  on: { click: (e) => { e.preventDefault(); openRecords(item, previous); } },
}, text);

function tableOf(group) {
  const a = answers[group];
  if (!a) return;
  const heads = ['stats.key', 'stats.count', 'stats.share', 'stats.area', 'stats.price', 'stats.avg'];
  const median = group === 'land_use' || group === 'housing';
  if (median) heads.push('stats.median');
  if (group === 'month') heads.push('stats.lastYear');
  fillTable(document.getElementById(`table-${group}`), heads, a.items.map((x) => h('tr', { dataset: { key: x.key } },
    h('td', {}, x.name || x.key), h('td', { class: 'num' }, figureLink(x, num(x.count, 0))), h('td', { class: 'num' }, pct(x.share)),
    h('td', { class: 'num' }, num(x.area_ha, 4)), h('td', { class: 'num' }, num(x.price_wan, 2)), h('td', { class: 'num' }, num(x.avg_price_per_m2, 0)),
    median ? h('td', { class: 'num' }, num(x.median_price_per_m2, 0)) : null,
    group === 'month' ? h('td', { class: 'num' }, x.previous_year ? figureLink(x, num(x.previous_year.count, 0), true) : '—') : null)));
}

function overall() {
  const o = answers.method?.overall;
  if (!o) return;
  const item = { key: 'all', name: t('stats.total'), url: o.url };
  fill(document.getElementById('stats-overall'),
    h('div', {}, h('dt', {}, t('stats.count')), h('dd', {}, figureLink({ ...item, count: o.count }, num(o.count, 0)))),
    h('div', {}, h('dt', {}, t('stats.area')), h('dd', {}, num(o.area_ha, 2))),
    h('div', {}, h('dt', {}, t('stats.price')), h('dd', {}, num(o.price_wan, 0))),
    h('div', {}, h('dt', {}, t('stats.avg')), h('dd', {}, num(o.avg_price_per_m2, 0))));
}

function render() {
  overall();
  for (const g of Object.keys(answers)) tableOf(g);
  if (answers.method) pie('chart-method', answers.method.items, openRecords);
  if (answers.land_use) bars('chart-land_use', answers.land_use.items, openRecords);
  if (answers.housing) bars('chart-housing', answers.housing.items, openRecords);
  if (answers.region) bars('chart-region', answers.region.items, openRecords);
  if (answers.month) trend('chart-month', answers.month.items, openRecords);
  renderRecords();
  if (printed) document.getElementById('stats-print-period').textContent = t('stats.printPeriod', printed);
  if (shown) document.getElementById('stats-period').textContent = periodOf(shown);
}

/** The period the page's figures are of, in words: all years when none is chosen. */
function periodOf({ from, to }) {
  if (from && to) return t('stats.periodRange', { from, to });
  if (from) return t('stats.periodFrom', { from });
  if (to) return t('stats.periodTo', { to });
  return t('stats.periodAll');
}

/**
 * The report period that ends with the quarter of day (YYYY-MM-DD): 2018Q1, 2018H1, 2018Q1-3 or
 * 2018, the periods the quarterly reports and the 通报 are of (counted from 1 January).
 */
function reportPeriod(day) {
  const [year, month] = day.split('-').map(Number);
  return `${year}${['Q1', 'H1', 'Q1-3', ''][Math.ceil(month / 3) - 1]}`;
}

/** Points the print links at the region shown (the user's own when none is chosen) and its period. */
function printLinks(params) {
  printed = { region: params.region || session?.user?.region_code || '', period: reportPeriod(params.to || today()) };
  const q = query(printed);
  document.getElementById('link-report').href = `print/report.html${q}`;
  document.getElementById('link-bulletin').href = `print/bulletin.html${q}`;
  document.getElementById('stats-print-period').textContent = t('stats.printPeriod', printed);
}

function renderRecords() {
  const section = document.getElementById('stats-records');
  section.hidden = !records.title;
  if (!records.title) return;
  document.getElementById('stats-records-title').textContent = t('stats.records', { name: records.title, count: records.total });
  fillTable(document.getElementById('records'), ['stats.eNumber', 'stats.project', 'stats.regionCode', 'stats.method', 'stats.use', 'stats.area', 'stats.price', 'stats.date'],
    records.items.map((s) => h('tr', { dataset: { number: s.e_number } },
      h('td', {}, s.e_number), h('td', {}, s.project_name), h('td', {}, s.region_code), h('td', {}, s.method), h('td', {}, s.land_use_code),
      h('td', { class: 'num' }, num(s.area_ha, 4)), h('td', { class: 'num' }, num(s.price_wan, 2)), h('td', {}, s.contract_date || '—'))));
  document.getElementById('records-count').textContent = t('stats.shown', { n: records.items.length, total: records.total });
  document.getElementById('records-next').disabled = !records.next;
}

async function loadRecords(url, more) {
  try {
    const page = await getJSON(url);
    records = { ...records, items: more ? records.items.concat(page.items) : page.items, total: page.total, next: page.next };
    renderRecords();
    document.getElementById('stats-records').scrollIntoView({ block: 'nearest' });
  } catch (err) {
    say('stats.failed', { msg: reason(err) }, 'error');
  }
}

/** Lists the records behind a figure (its link, with pages of 100). */
function openRecords(item, previous = false) {
  records = { title: `${item.name || item.key}${previous ? ` · ${t('stats.lastYear')}` : ''}`, items: [], total: 0, next: null };
  const url = previous ? item.previous_year_url : item.url;
  return loadRecords(`${url}&limit=100`, false);
}

/** The first day of the month n months before this one, as YYYY-MM-DD. */
function monthsAgo(n) {
  const d = new Date();
  const first = new Date(d.getFullYear(), d.getMonth() - n, 1);
  return `${first.getFullYear()}-${String(first.getMonth() + 1).padStart(2, '0')}-01`;
}

async function load() {
  say('');
  const f = form.elements;
  const params = { region: f.region.value.trim(), from: f.from.value, to: f.to.value };
  const q = new URLSearchParams(query(params));
  history.replaceState(null, '', `${location.pathname}${q.toString() ? `?${q}` : ''}`);
  printLinks(params);
  shown = { from: params.from || '', to: params.to || '' };
  document.getElementById('stats-period').textContent = periodOf(shown);
  try {
    const groups = ['method', 'land_use', 'housing', 'region', 'month'];
    // without a period the trend is of the last twelve months, against the twelve before
    const months = params.from || params.to ? params : { ...params, from: monthsAgo(11), to: today() };
    const got = await Promise.all(groups.map((group) => getJSON(`/api/v1/statistics${query(
      group === 'month' ? { group, ...months } : { group, ...params, level: group === 'region' ? f.level.value : '' })}`)));
    groups.forEach((g, i) => { answers[g] = got[i]; });
    render();
  } catch (err) {
    say('stats.failed', { msg: reason(err) }, 'error');
  }
}

async function start() {
  session = await startPage(render);
  const here = new URLSearchParams(location.search);
  for (const k of ['region', 'from', 'to']) form.elements[k].value = here.get(k) || '';
  const picker = setupRegionPicker(document.getElementById('stats-picker'), form.elements.region);
  picker.show(form.elements.region.value);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  document.getElementById('records-next').addEventListener('click', () => records.next && loadRecords(records.next, true));
  await load();
}

window.landwatchStats = { ready: start() };
