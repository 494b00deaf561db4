// The printed documents, filled from the API: the supply's supervision sheet (监管表, ?e=), the
// investigation notice of suspected idle land (调查通知书, ?finding=) and the idle-land
// determination (闲置土地认定书, ?finding=), each with its number. Chinese, as filed: the pages
// link here with lang=zh, so that coded values are named in Chinese too.
import { SUPPLY_FIELDS, EVENT_KINDS, CAUSES } from './codes.js';
import { h, fill } from './dom.js';
import { getJSON, requireSession, supplyPath } from './api.js';
import { num, date, today } from './format.js';
import { fieldValue, eventDetail } from './details.js';
import { determination } from './findingwords.js';

const doc = document.getElementById('doc');
const params = new URLSearchParams(location.search);
const zh = (pair) => (Array.isArray(pair) ? pair[0] : pair);

function table(head, rows, cls = null) {
  return h('table', { class: cls }, h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
}

function parcels(s) {
  return table(['宗地编号', '名称', '平面面积（平方米）', '申报面积（公顷）'],
    (s.parcels || []).map((p) => [p.number || '—', p.name || '—', num(p.plane_area_m2, 1), p.declared_area_ha == null ? '—' : num(p.declared_area_ha, 4)]));
}

function printedBy(session) {
  return h('p', { class: 'meta' }, `打印：${session.user?.name || ''} · ${today()} · landwatch`);
}

/** The parcel's place in words: 坐落, 行政区, project and number, for the notice and determination. */
function landIn(s) {
  return `位于${s.location || s.district_name || s.region_code}的“${s.project_name || '—'}”项目用地（电子监管号 ${s.e_number}，面积 ${num(s.area_ha, 4)} 公顷）`;
}

function supplySheet(s, session) {
  return [
    h('h1', {}, s.collective ? '集体建设用地供应监管表' : '国有建设用地供应监管表'),
    h('p', { class: 'docno', id: 'doc-number' }, `电子监管号：${s.e_number}`),
    h('h2', {}, '基本信息'),
    h('table', { class: 'fields' }, h('tbody', {}, SUPPLY_FIELDS.filter(([k]) => k !== 'e_number')
      .map(([k, label]) => h('tr', {}, h('th', { scope: 'row' }, zh(label)), h('td', {}, fieldValue(s, k)))))),
    h('h2', {}, '宗地'),
    (s.parcels || []).length ? parcels(s) : h('p', {}, '无宗地范围'),
    h('h2', {}, '开发利用事件'),
    (s.events || []).length ? table(['事件', '发生日期', '录入', '说明'],
      s.events.map((e) => [zh(EVENT_KINDS[e.kind] || e.kind), e.occurred_on, `${date(e.recorded_at)} ${e.recorded_by || ''}`, eventDetail(e)]))
      : h('p', {}, '无'),
    printedBy(session),
  ];
}

function notice(f, s, session) {
  return [
    h('h1', {}, '闲置土地调查通知书'),
    h('p', { class: 'docno', id: 'doc-number' }, `文号：${f.notice_no}`),
    h('p', {}, `${s.holder || '土地使用权人'}：`),
    h('p', { class: 'body-text' }, `你单位${s.contract_date ? `于 ${s.contract_date} ` : ''}签订合同取得的${landIn(s)}，约定动工开发日期为 ${s.agreed_start || '—'}，经初步核查涉嫌构成闲置土地。`),
    h('p', { class: 'body-text' }, '根据《闲置土地处置办法》（国土资源部令第53号）第九条，现对该宗土地进行调查。请你单位自收到本通知书之日起30日内，提供土地开发利用情况、闲置原因以及相关说明等材料，并配合实地调查。'),
    h('h2', {}, '宗地'),
    parcels(s),
    h('p', { class: 'signoff' }, `${s.region_code} 自然资源主管部门`, h('br'), `${f.noticed_on}`),
    printedBy(session),
  ];
}

function determinationDoc(f, step, s, session) {
  const event = (s.events || []).find((e) => e.kind === 'idle_determination' && e.document_no === step.document_no);
  const cause = event?.cause ? zh(CAUSES[event.cause] || event.cause) : '—';
  return [
    h('h1', {}, '闲置土地认定书'),
    h('p', { class: 'docno', id: 'doc-number' }, `文号：${step.document_no}`),
    h('p', {}, `${s.holder || '土地使用权人'}：`),
    h('p', { class: 'body-text' }, `${landIn(s)}，约定动工开发日期为 ${s.agreed_start || '—'}。${f.notice_no ? `经调查（调查通知书 ${f.notice_no}）` : '经调查'}，该宗土地超过约定动工开发日期满一年未动工开发，现认定为闲置土地。`),
    h('p', { class: 'body-text' }, `闲置原因：${cause}。`),
    h('p', { class: 'body-text' }, `认定理由：${step.reason || '—'}`),
    h('p', { class: 'body-text' }, '根据《闲置土地处置办法》（国土资源部令第53号）第十四条，依法处置。'),
    h('h2', {}, '宗地'),
    parcels(s),
    h('p', { class: 'signoff' }, `${s.region_code} 自然资源主管部门`, h('br'), `${step.decided_on || ''}`),
    printedBy(session),
  ];
}

async function findingAndSupply() {
  const id = params.get('finding');
  if (!/^\d+$/.test(id || '')) throw new Error('缺少线索编号（?finding=）');
  const f = await getJSON(`/api/v1/findings/${id}`);
  if (!f.supply_id) throw new Error('该线索没有对应的供地');
  return [f, await getJSON(supplyPath(f.supply_id))];
}

async function start() {
  const session = await requireSession();
  document.getElementById('print-now').addEventListener('click', () => window.print());
  switch (document.body.dataset.doc) {
    case 'supply': {
      const e = params.get('e');
      if (!e) throw new Error('缺少电子监管号（?e=）');
      fill(doc, supplySheet(await getJSON(supplyPath(e)), session));
      break;
    }
    case 'notice': {
      const [f, s] = await findingAndSupply();
      if (!f.notice_no) throw new Error('该线索尚未发出调查通知书');
      fill(doc, notice(f, s, session));
      break;
    }
    case 'determination': {
      const [f, s] = await findingAndSupply();
      const step = determination(f.steps);
      if (!step) throw new Error('该线索尚未认定为闲置土地');
      fill(doc, determinationDoc(f, step, s, session));
      break;
    }
  }
  document.body.dataset.ready = 'true';
}

start().catch((err) => {
  fill(doc, h('p', { class: 'error', role: 'alert' }, err.message || String(err)));
  document.body.dataset.ready = 'error';
});
