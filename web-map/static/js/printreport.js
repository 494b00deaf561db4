// The printable quarterly analysis report (季度分析报告, ?region=&period=): the text of the main
// changes, the charts (ECharts SVG, as the dashboard draws them) and every table of the report,
// on an A4 sheet, in Chinese. The workbook of the same tables is linked once the period is over.
import { h, fill } from './dom.js';
import { getJSON, requireSession } from './api.js';
import { num, today } from './format.js';
import { pie, bars, trend } from './statscharts.js';

const doc = document.getElementById('doc');
const params = new URLSearchParams(location.search);
const STATES = { generated: '已生成', reviewed: '已审核', submitted: '已上报' };

function cell(v, number) {
  if (v == null) return h('td', { class: number ? 'num' : null }, '—');
  return h('td', { class: number ? 'num' : null }, number ? num(v, Number.isInteger(v) ? 0 : 2) : String(v));
}

function table(t) {
  const row = (r, cls = null) => h('tr', { class: cls }, r.map((v, i) => cell(v, t.columns[i].number)));
  return [
    h('h2', {}, t.title),
    h('table', { id: `table-${t.key}` },
      h('thead', {}, h('tr', {}, t.columns.map((c) => h('th', { scope: 'col' }, c.title)))),
      h('tbody', {}, (t.rows || []).map((r) => row(r)), t.total ? row(t.total, 'total') : null)),
  ];
}

function state(r) {
  const s = r.submission || {};
  const parts = [`截止日期：${r.deadline}`, `状态：${STATES[s.state] || s.state}`];
  if (s.submitted_at) parts.push(`上报：${s.submitted_by} ${s.submitted_at.slice(0, 10)}`);
  if (r.late) parts.push(`逾期 ${r.lag_workdays} 个工作日`);
  return h('p', { class: 'report-state', id: 'report-state' }, parts.join(' · '));
}

/** The items the dashboard's charts take, from a table's rows: name, count, area, a year before. */
function items(t, prevCount = null) {
  if (!t) return [];
  return t.rows.map((r) => ({ key: r[0], name: r[0], count: r[1], area_ha: r[2],
    previous_year: prevCount == null ? undefined : { count: r[prevCount] } }));
}

async function start() {
  const session = await requireSession();
  document.getElementById('print-now').addEventListener('click', () => window.print());
  const region = params.get('region');
  const period = params.get('period');
  if (!/^\d{6}$/.test(region || '') || !period) throw new Error('缺少行政区或报告期（?region=&period=）');
  const r = await getJSON(`/api/v1/reports/${region}/${encodeURIComponent(period)}`);
  if (r.excel_url) {
    const a = document.getElementById('report-excel');
    a.href = r.excel_url;
    a.hidden = false;
  }
  const byKey = Object.fromEntries(r.tables.map((t) => [t.key, t]));
  const charts = [['chart-method', '供地方式（宗数）'], ['chart-land_use', '土地用途（面积，公顷）'], ['chart-month', '逐月供应宗数（与上年同月）']];
  fill(doc, [
    h('h1', {}, `${r.region.name}${r.period_name}土地市场分析报告`),
    h('p', { class: 'docno' }, `报告期：${r.from} 至 ${r.to}`),
    state(r),
    h('h2', {}, '主要变化'),
    h('div', { id: 'report-text' }, r.text.map((line) => h('p', { class: 'body-text' }, line))),
    charts.map(([id, title]) => [h('h2', {}, title), h('div', { id, class: 'report-chart' })]),
    r.tables.map(table),
    h('p', { class: 'meta' }, `打印：${session.user?.name || ''} · ${today()} · landwatch`),
  ]);
  const none = () => {};
  pie('chart-method', items(byKey.method), none);
  bars('chart-land_use', items(byKey.land_use), none);
  trend('chart-month', items(byKey.month, 4), none);
  document.body.dataset.ready = 'true';
}

start().catch((err) => {
  fill(doc, h('p', { class: 'error', role: 'alert' }, err.message || String(err)));
  document.body.dataset.ready = 'error';
});
