// The 通报 of a period (?period=2026Q3, &region= optional), printed on A4 in Chinese: the
// league of the regions one level down, and the regions criticised with the reasons — late,
// false (虚报) or concealed (瞒报) reporting, backlog and idle land (issue 16). Filled from
// GET /api/v1/league/{period}/bulletin; the same document downloads as Excel.
import { h, fill } from './dom.js';
import { getJSON, requireSession } from './api.js';
import { num, today } from './format.js';

const doc = document.getElementById('doc');
const params = new URLSearchParams(location.search);
const pct = (x) => `${num(x * 100, 1)}%`;

function table(head, rows) {
  return h('table', {}, h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, String(c)))))));
}

function bulletin(b, session) {
  const where = b.region_code ? `（${b.region_code}）` : '';
  return [
    h('h1', {}, '土地市场动态监测监管情况通报'),
    h('p', { class: 'docno', id: 'doc-number' }, `${b.period.period}${where} · ${b.period.from} 至 ${b.period.to}`),
    h('p', { class: 'body-text' }, `根据土地市场动态监测与监管制度，现将本期各地录入及时性、逾期开发、闲置土地、重复供地及虚报瞒报迹象情况通报如下。迟报比例超过 ${pct(b.thresholds.late_share)}、逾期未交地未开工未竣工合计 ${b.thresholds.backlog} 宗以上、存在闲置土地或虚报瞒报迹象的地区予以通报批评。`),
    h('h2', {}, '一、通报批评'),
    b.criticised.length ? table(['名次', '行政区', '得分', '原因'],
      b.criticised.map((c) => [c.rank, `${c.name || ''} ${c.region_code}`, num(c.score, 1), c.reasons.map((r) => r.reason).join('；')]))
      : h('p', { id: 'none-criticised' }, '本期无通报批评的地区。'),
    h('h2', {}, '二、排名'),
    table(['名次', '行政区', '得分', '录入', '迟报', '迟报比例', '中位滞后', '逾期', '疑似闲置', '认定闲置', '重复供地', '虚报/瞒报'],
      b.league.map((r) => [r.rank, `${r.name || ''} ${r.region_code}`, num(r.score, 1), r.records, r.late, pct(r.late_share),
        num(r.median_lag_workdays, 0), r.backlog, r.idle_suspected, r.idle_determined, r.overlaps, `${r.false_signs}/${r.concealed_signs}`])),
    h('p', { class: 'meta' }, '得分：满分 100，迟报比例扣 40 × 比例；逾期每宗扣 1（至多 20）；闲置土地每宗扣 1.5（至多 15）；重复供地每处扣 1（至多 10）；季度报告逾期扣 5；虚报瞒报迹象每处扣 2（至多 10）。'),
    h('p', { class: 'meta' }, `打印：${session.user?.name || ''} · ${today()} · landwatch`),
  ];
}

async function start() {
  const session = await requireSession();
  document.getElementById('print-now').addEventListener('click', () => window.print());
  const period = params.get('period') || '';
  if (!/^\d{4}(Q[1-4]|H[12]|Q1-3)?$/.test(period)) throw new Error('缺少或无法识别的期间（?period=2026Q3）');
  const region = params.get('region');
  const q = region ? `?region=${encodeURIComponent(region)}` : '';
  fill(doc, bulletin(await getJSON(`/api/v1/league/${period}/bulletin${q}`), session));
  document.body.dataset.ready = 'true';
}

start().catch((err) => {
  fill(doc, h('p', { class: 'error', role: 'alert' }, err.message || String(err)));
  document.body.dataset.ready = 'error';
});
