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
  'review.partial': ['只列出前 {n} 条', 'Only the first {n} are listed'],
  'review.approve': ['通过', 'Approve'],
  'review.return': ['退回', 'Return'],
  'review.reason': ['退回原因', 'Reason for returning'],
  'review.confirm': ['确认退回', 'Return it'],
  'review.cancel': ['取消', 'Cancel'],
  'review.needReason': ['请写明退回原因', 'Say what must be fixed'],
  'review.by': ['提交人 {name}', 'by {name}'],
  'review.why': ['退回原因：{reason}', 'Reason: {reason}'],
  'review.whyBefore': ['上次退回原因：{reason}', 'Returned before: {reason}'],
  'review.reviewer': ['审核人 {name}', 'reviewer {name}'],
  'review.stale': ['该记录已被修改，列表已更新，请重新查看', 'The record has changed: the list is updated, look at it again'],
  'review.failed': ['操作失败：{msg}', 'Failed: {msg}'],
});

const LIMIT = 200;

/**
 * Wires the review panel for the session's permissions: reviewers (review) decide on the submitted
 * supplies, clerks (edit) see their returned ones. onSelect(id) opens a supply's details;
 * onDecided(supply) is told of each decision, with the supply as the server answered it.
 */
export function setupReview(session, { onSelect, onDecided = () => {} }) {
  const may = new Set(session.may || []);
  const reviews = may.has('review');
  const edits = may.has('edit');
  if (!reviews && !edits) return null;
  const button = document.getElementById('btn-review');
  const panel = document.getElementById('panel-review');
  button.hidden = false;
  const lists = [];
  if (reviews) lists.push({ state: 'submitted', actions: true, result: null });
  if (edits) lists.push({ state: 'returned', actions: false, result: null });
  const failures = new Map(); // e-number → the message of its last failed decision, shown in its row

  async function decide(s, decision, reason) {
    failures.delete(s.e_number);
    try {
      // The decision is on the version the reviewer saw: a record changed since is refused (412).
      const decided = await postJSON(`${supplyPath(s.id)}/review`, reason ? { decision, reason } : { decision },
        { headers: { 'If-Match': `"v${s.version}"` } });
      onDecided(decided);
    } catch (err) {
      failures.set(s.e_number, err.status === 412 || err.status === 409 ? t('review.stale') : t('review.failed', { msg: err.message }));
    }
    await load();
  }

  /** The inline form of a return: the reason is required; Cancel gives the Return button back. */
  function returnForm(s, row, opener) {
    const reason = h('input', {
      type: 'text', name: 'reason', class: 'review-reason', maxlength: 500,
      'aria-label': t('review.reason'), placeholder: t('review.reason'),
    });
    reason.addEventListener('input', () => reason.setCustomValidity(''));
    const form = h('form', {
      class: 'review-form', novalidate: true,
      on: {
        submit: (e) => {
          e.preventDefault();
          const text = reason.value.trim();
          if (!text) {
            reason.setCustomValidity(t('review.needReason'));
            reason.reportValidity();
            return;
          }
          for (const b of row.querySelectorAll('button')) b.disabled = true;
          decide(s, 'return', text);
        },
      },
    },
    reason,
    h('button', { type: 'submit', class: 'review-confirm' }, t('review.confirm')),
    h('button', {
      type: 'button', class: 'review-cancel',
      on: {
        click: () => {
          form.remove();
          opener.hidden = false;
          opener.focus();
        },
      },
    }, t('review.cancel')));
    return form;
  }

  function actions(s) {
    const row = h('div', { class: 'review-actions', dataset: { enumber: s.e_number } });
    const approve = h('button', {
      type: 'button', class: 'review-approve',
      on: {
        click: () => {
          for (const b of row.querySelectorAll('button')) b.disabled = true;
          decide(s, 'approve', '');
        },
      },
    }, t('review.approve'));
    const open = h('button', {
      type: 'button', class: 'review-return',
      on: {
        click: () => {
          open.hidden = true;
          const form = returnForm(s, row, open);
          row.append(form);
          form.elements.reason.focus();
        },
      },
    }, t('review.return'));
    row.append(approve, open);
    if (failures.has(s.e_number)) row.append(h('p', { class: 'review-error', role: 'alert' }, failures.get(s.e_number)));
    return row;
  }

  // Who submitted or returned a record goes on a line of its own: beside the e-supervision
  // number a long name would cover it.
  function item(l, s) {
    const li = supplyItem(s, { onClick: () => onSelect(s.id) });
    if (l.actions) {
      li.append(h('p', { class: 'review-who' }, t('review.by', { name: s.updated_by || '—' })));
      // A record fixed after a return keeps the reason, so the reviewer knows what to look at.
      if (s.review_reason) li.append(h('p', { class: 'review-why review-before' }, t('review.whyBefore', { reason: s.review_reason })));
      li.append(actions(s));
    } else {
      li.append(h('p', { class: 'review-why' }, t('review.why', { reason: s.review_reason || '—' })),
        h('p', { class: 'review-who' }, t('review.reviewer', { name: s.reviewed_by || '—' })));
    }
    return li;
  }

  function render() {
    for (const l of lists) {
      const section = document.getElementById(`review-${l.state}-section`);
      const summary = document.getElementById(`review-${l.state}-summary`);
      const list = document.getElementById(`review-${l.state}`);
      section.hidden = false;
      if (!l.result) continue;
      if (l.result instanceof Error) {
        summary.textContent = t('review.failed', { msg: l.result.message });
        list.replaceChildren();
        continue;
      }
      const { items, total, next } = l.result;
      summary.textContent = [t('review.count', { n: total }), next ? t('review.partial', { n: items.length }) : ''].filter(Boolean).join(' · ');
      fill(list, items.map((s) => item(l, s)));
    }
  }

  async function load() {
    if (panel.hidden) return;
    await Promise.all(lists.map(async (l) => {
      try {
        l.result = await getJSON(`/api/v1/supplies${query({ review: l.state, limit: LIMIT })}`);
      } catch (err) {
        l.result = err;
      }
    }));
    render();
  }

  panel.addEventListener('panelopen', () => {
    failures.clear(); // a list opened afresh starts without old complaints
    load();
  });
  document.addEventListener('langchange', render);
  return { reload: load };
}
