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
  'review.confirmApprove': ['确认通过', 'Approve it'],
  'review.filter': ['筛选待审核记录（电子监管号、项目名称、使用权人）', 'Filter the records (number, project, holder)'],
  'review.approveAll': ['全部通过（{n} 条）', 'Approve all ({n})'],
  'review.confirmAll': ['确认通过以上 {n} 条', 'Approve these {n}'],
  'review.bulkDone': ['已通过 {n} 条', '{n} approved'],
  'review.bulkRefused': ['{n} 条未通过：{list}', '{n} refused: {list}'],
});

const LIMIT = 200;

/**
 * Wires the review panel for the session's permissions: reviewers (review) decide on the submitted
 * supplies, clerks (edit) see their returned ones. onSelect(id) opens a supply's details;
 * onDecided(supply) is told of each decision, with the supply as the server answered it.
 */
export function setupReview(session, { onSelect, onDecided = () => {}, evidence = null }) {
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
  let filterText = ''; // the reviewer's filter of the submitted list (q of GET /supplies)
  let bulkMessage = null;

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
    // approval asks once more: a record approved is published
    const approve = h('button', {
      type: 'button', class: 'review-approve',
      on: { click: () => row.replaceChildren(...confirmation(row, t('review.confirmApprove'), 'review-approve-confirm', () => decide(s, 'approve', ''))) },
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

  /** A confirm and a cancel button in place of row's content; cancel puts the content back. */
  function confirmation(row, label, cls, go) {
    const before = [...row.childNodes];
    const yes = h('button', {
      type: 'button', class: cls,
      on: {
        click: () => {
          for (const b of row.querySelectorAll('button')) b.disabled = true;
          go();
        },
      },
    }, label);
    const no = h('button', { type: 'button', class: 'review-cancel', on: { click: () => row.replaceChildren(...before) } }, t('review.cancel'));
    queueMicrotask(() => yes.focus());
    return [yes, no];
  }

  /** Approves the listed records in one decision (or, when the list is partial, all the filter selects). */
  async function approveAll(l) {
    const { items, next } = l.result;
    const body = next ? { decision: 'approve' } : { decision: 'approve', supplies: items.map((s) => s.e_number) };
    try {
      const res = await postJSON(`/api/v1/reviews${query(next ? { review: 'submitted', q: filterText } : {})}`, body);
      bulkMessage = [t('review.bulkDone', { n: res.decided.length }),
        res.refused.length ? t('review.bulkRefused', { n: res.refused.length, list: res.refused.map((r) => `${r.supply} ${r.reason}`).join('；') }) : '']
        .filter(Boolean).join(' · ');
      for (const e of res.decided) onDecided({ e_number: e });
    } catch (err) {
      bulkMessage = t('review.failed', { msg: err.message });
    }
    await load();
  }

  /** The filter of the submitted list and its bulk approval, above the list. */
  function bulkBar(l) {
    const bar = document.getElementById('review-bulk') || h('div', { id: 'review-bulk', class: 'review-bulk' });
    if (!bar.isConnected) document.getElementById('review-submitted-summary').before(bar);
    const input = h('input', {
      type: 'search', id: 'review-filter', value: filterText, 'aria-label': t('review.filter'), placeholder: t('review.filter'),
      on: {
        change: () => apply(),
        keydown: (e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          apply();
        },
      },
    });
    function apply() {
      if (input.value.trim() === filterText) return;
      filterText = input.value.trim();
      bulkMessage = null;
      load();
    }
    const n = l.result && !(l.result instanceof Error) ? (l.result.next ? l.result.total : l.result.items.length) : 0;
    const row = h('div', { class: 'row review-bulk-actions' });
    const all = h('button', {
      type: 'button', id: 'review-approve-all', disabled: n === 0,
      on: { click: () => row.replaceChildren(...confirmation(row, t('review.confirmAll', { n }), 'review-approve-all-confirm', () => approveAll(l))) },
    }, t('review.approveAll', { n }));
    row.append(all);
    fill(bar, input, row, bulkMessage ? h('p', { id: 'review-bulk-result', class: 'note', role: 'status' }, bulkMessage) : null);
  }

  // Who submitted or returned a record goes on a line of its own: beside the e-supervision
  // number a long name would cover it.
  function item(l, s) {
    const li = supplyItem(s, { onClick: () => onSelect(s.id) });
    if (l.actions) {
      li.append(h('p', { class: 'review-who' }, t('review.by', { name: s.updated_by || '—' })));
      // A record fixed after a return keeps the reason, so the reviewer knows what to look at.
      if (s.review_reason) li.append(h('p', { class: 'review-why review-before' }, t('review.whyBefore', { reason: s.review_reason })));
      if (evidence) li.append(...evidence.block(s));
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
      if (l.actions) bulkBar(l);
      const { items, total, next } = l.result;
      summary.textContent = [t('review.count', { n: total }), next ? t('review.partial', { n: items.length }) : ''].filter(Boolean).join(' · ');
      fill(list, items.map((s) => item(l, s)));
    }
  }

  async function load() {
    if (panel.hidden) return;
    await Promise.all(lists.map(async (l) => {
      try {
        const q = l.actions ? filterText : '';
        l.result = await getJSON(`/api/v1/supplies${query({ review: l.state, q, limit: LIMIT })}`);
      } catch (err) {
        l.result = err;
      }
    }));
    render();
  }

  panel.addEventListener('panelopen', () => {
    failures.clear(); // a list opened afresh starts without old complaints
    bulkMessage = null;
    load();
  });
  panel.addEventListener('panelclose', () => evidence?.clear()); // the outlines go with the list
  document.addEventListener('langchange', render);
  return { reload: load };
}
