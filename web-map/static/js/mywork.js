// My work (我的工作): the records the signed-in clerk submitted, by review status, the returned ones
// with the reviewer's reason and a button that opens them in the entry form, and the clerk's late
// entries: supplies entered past the working-day deadline after the contract date, and development
// events entered past the deadline after the day they happened.
import { getJSON, query } from './api.js';
import { EVENT_KINDS, REVIEW_STATUS } from './codes.js';
import { h, fill } from './dom.js';
import { addStrings, pick, t } from './i18n.js';

addStrings({
  'mw.returned': ['已退回，待修改', 'Returned: to correct'],
  'mw.submitted': ['待审核', 'Waiting for review'],
  'mw.approved': ['已通过', 'Approved'],
  'mw.late': ['逾期录入的供地', 'Supplies entered late'],
  'mw.lateEvents': ['逾期录入的开发事件', 'Development events entered late'],
  'mw.event': ['事件', 'Event'],
  'mw.occurred': ['发生日期', 'Occurred on'],
  'mw.none': ['无', 'None'],
  'mw.number': ['电子监管号', 'E-supervision number'],
  'mw.project': ['项目名称', 'Project'],
  'mw.contract': ['合同签订日期', 'Contract date'],
  'mw.reason': ['退回原因', 'Reason'],
  'mw.reviewer': ['审核人', 'Reviewer'],
  'mw.lag': ['录入滞后（工作日）', 'Lag (working days)'],
  'mw.status': ['审核状态', 'Review status'],
  'mw.edit': ['修改', 'Edit'],
  'mw.more': ['共 {total} 条，仅列出前 {shown} 条', '{total} in all, the first {shown} shown'],
});

const LIMIT = 200;

/** A list's section: its title with the count, and a table of its records or "none". */
function section(key, page, columns) {
  const rows = page.items;
  return h('section', { class: 'mw-list', dataset: { list: key } },
    h('h3', {}, `${t(`mw.${key}`)}（${page.total}）`),
    rows.length === 0 ? h('p', { class: 'mw-none' }, t('mw.none')) : h('div', { class: 'public-scroll' }, h('table', { class: 'public-table' },
      h('thead', {}, h('tr', {}, columns.map(([k]) => h('th', { scope: 'col' }, k ? t(k) : '')))),
      h('tbody', {}, rows.map((s) => h('tr', { dataset: s.review_status ? { number: s.e_number, status: s.review_status } : { number: s.e_number } }, columns.map(([, cell]) => h('td', {}, cell(s)))))))),
    page.next ? h('p', { class: 'mw-none' }, t('mw.more', { total: page.total, shown: rows.length })) : null);
}

/** My work in el; onEdit(id) opens a returned record in the form. */
export function myWork(el, { onEdit }) {
  let pages = null;
  const number = ['mw.number', (s) => s.e_number];
  const project = ['mw.project', (s) => s.project_name || s.holder || ''];
  const contract = ['mw.contract', (s) => s.contract_date || ''];

  function render() {
    if (!pages) return;
    fill(el,
      section('returned', pages.returned, [number, project, ['mw.reason', (s) => h('span', { class: 'mw-reason' }, s.review_reason)],
        ['mw.reviewer', (s) => s.reviewed_by || ''],
        ['', (s) => h('button', { type: 'button', class: 'mw-edit', on: { click: () => onEdit(s.id) } }, t('mw.edit'))]]),
      section('submitted', pages.submitted, [number, project, contract]),
      section('late', pages.late, [number, project, contract, ['mw.lag', (s) => String(s.lag_workdays ?? '')],
        ['mw.status', (s) => pick(REVIEW_STATUS[s.review_status]) || s.review_status]]),
      section('lateEvents', pages.lateEvents, [number, project, ['mw.event', (e) => pick(EVENT_KINDS[e.kind]) || e.kind],
        ['mw.occurred', (e) => e.occurred_on], ['mw.lag', (e) => String(e.lag_workdays)]]),
      section('approved', pages.approved, [number, project, contract]));
  }

  /** Loads the lists again (after a save or a review). */
  async function load() {
    const list = (extra) => getJSON(`/api/v1/supplies${query({ mine: 'true', limit: LIMIT, ...extra })}`);
    const [returned, submitted, approved, late, lateEvents] = await Promise.all([
      list({ review: 'returned' }), list({ review: 'submitted' }), list({ review: 'approved' }), list({ late: 'true' }),
      getJSON(`/api/v1/late-events${query({ mine: 'true', limit: LIMIT })}`)]);
    pages = { returned, submitted, approved, late, lateEvents };
    render();
    el.dataset.loads = String(Number(el.dataset.loads || 0) + 1); // each load's lists are shown
  }

  document.addEventListener('langchange', render);
  return { load };
}
