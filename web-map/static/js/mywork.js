// My work (我的工作): the records the signed-in clerk submitted, by review status, the returned ones
// with the reviewer's reason and a button that opens them in the entry form, and the clerk's late
// entries (entered past the working-day deadline after the contract date).
import { getJSON, query } from './api.js';
import { h, fill } from './dom.js';
import { addStrings, t } from './i18n.js';

addStrings({
  'mw.returned': ['已退回，待修改', 'Returned: to correct'],
  'mw.submitted': ['待审核', 'Waiting for review'],
  'mw.approved': ['已通过', 'Approved'],
  'mw.late': ['逾期录入', 'Entered late'],
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
  'mw.state.submitted': ['待审核', 'submitted'],
  'mw.state.approved': ['已通过', 'approved'],
  'mw.state.returned': ['已退回', 'returned'],
});

const LIMIT = 200;

/** A list's section: its title with the count, and a table of its records or "none". */
function section(key, page, columns) {
  const rows = page.items;
  return h('section', { class: 'mw-list', dataset: { list: key } },
    h('h3', {}, `${t(`mw.${key}`)}（${page.total}）`),
    rows.length === 0 ? h('p', { class: 'mw-none' }, t('mw.none')) : h('div', { class: 'public-scroll' }, h('table', { class: 'public-table' },
      h('thead', {}, h('tr', {}, columns.map(([k]) => h('th', { scope: 'col' }, k ? t(k) : '')))),
      h('tbody', {}, rows.map((s) => h('tr', { dataset: { number: s.e_number, status: s.review_status } }, columns.map(([, cell]) => h('td', {}, cell(s)))))))),
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
        ['mw.status', (s) => t(`mw.state.${s.review_status}`)]]),
      section('approved', pages.approved, [number, project, contract]));
  }

  /** Loads the lists again (after a save or a review). */
  async function load() {
    const list = (extra) => getJSON(`/api/v1/supplies${query({ mine: 'true', limit: LIMIT, ...extra })}`);
    const [returned, submitted, approved, late] = await Promise.all([
      list({ review: 'returned' }), list({ review: 'submitted' }), list({ review: 'approved' }), list({ late: 'true' })]);
    pages = { returned, submitted, approved, late };
    render();
  }

  document.addEventListener('langchange', render);
  return { load };
}
