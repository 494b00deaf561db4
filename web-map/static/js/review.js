// The review panel (审核): a reviewer's list of submitted supplies in their region, each approved
// or returned with a reason; a clerk's list of returned supplies with the reason, to fix them.
import { addStrings, t } from './i18n.js';
import { fill, h } from './dom.js';
import { getJSON, postJSON, query, supplyPath } from './api.js';
import { supplyItem } from './search.js';

addStrings({
  'btn.review': ['审核', 'Review'],
  'review.title': ['审核', 'Review'],
  'review.submitted': ['待审核', 'Waiting for review'],
  'review.returned': ['已退回，待修改', 'Returned, to fix'],
  'review.count': ['{n} 条', '{n}'],
  'review.approve': ['通过', 'Approve'],
  'review.return': ['退回', 'Return'],
  'review.reason': ['退回原因', 'Reason for returning'],
  'review.confirm': ['确认退回', 'Return it'],
  'review.needReason': ['请写明退回原因', 'Say what must be fixed'],
  'review.by': ['提交人 {name}', 'by {name}'],
  'review.why': ['原因：{reason}', 'Reason: {reason}'],
  'review.failed': ['操作失败：{msg}', 'Failed: {msg}'],
});

const LIMIT = 200;

/** Wires the review panel for the session's permissions; onSelect(id) opens a supply's details. */
export function setupReview(session, { onSelect }) {
  const may = new Set(session.may || []);
  const reviews = may.has('review');
  const edits = may.has('edit');
  if (!reviews && !edits) return null;
  const button = document.getElementById('btn-review');
  const panel = document.getElementById('panel-review');
  button.hidden = false;
  const lists = [];
  if (reviews) lists.push({ state: 'submitted', actions: true });
  if (edits) lists.push({ state: 'returned', actions: false });

  async function decide(s, decision, reason, row) {
    try {
      await postJSON(`${supplyPath(s.id)}/review`, reason ? { decision, reason } : { decision });
      await load();
    } catch (err) {
      row.querySelector('.review-error')?.remove();
      row.append(h('p', { class: 'review-error', role: 'alert' }, t('review.failed', { msg: err.message })));
    }
  }

  function actions(s) {
    const row = h('div', { class: 'review-actions', dataset: { enumber: s.e_number } });
    const reason = h('input', { type: 'text', class: 'review-reason', 'aria-label': t('review.reason'), placeholder: t('review.reason') });
    const confirm = h('button', {
      type: 'button', class: 'review-confirm', hidden: true,
      on: {
        click: () => {
          if (!reason.value.trim()) {
            reason.setCustomValidity(t('review.needReason'));
            reason.reportValidity();
            return;
          }
          decide(s, 'return', reason.value.trim(), row);
        },
      },
    }, t('review.confirm'));
    reason.hidden = true;
    reason.addEventListener('input', () => reason.setCustomValidity(''));
    row.append(
      h('button', { type: 'button', class: 'review-approve', on: { click: () => decide(s, 'approve', '', row) } }, t('review.approve')),
      h('button', {
        type: 'button', class: 'review-return',
        on: { click: () => { reason.hidden = false; confirm.hidden = false; reason.focus(); } },
      }, t('review.return')),
      reason, confirm);
    return row;
  }

  async function load() {
    if (panel.hidden) return;
    for (const l of lists) {
      const section = document.getElementById(`review-${l.state}-section`);
      const summary = document.getElementById(`review-${l.state}-summary`);
      const list = document.getElementById(`review-${l.state}`);
      section.hidden = false;
      try {
        const page = await getJSON(`/api/v1/supplies${query({ review: l.state, limit: LIMIT })}`);
        summary.textContent = t('review.count', { n: page.total });
        fill(list, page.items.map((s) => {
          const li = supplyItem(s, {
            side: l.actions ? h('span', {}, t('review.by', { name: s.updated_by || '—' })) : null,
            onClick: () => onSelect(s.id),
          });
          li.append(l.actions ? actions(s) : h('p', { class: 'review-why' }, t('review.why', { reason: s.review_reason || '—' })));
          return li;
        }));
      } catch (err) {
        summary.textContent = t('review.failed', { msg: err.message });
        list.replaceChildren();
      }
    }
  }

  panel.addEventListener('panelopen', load);
  return { reload: load };
}
