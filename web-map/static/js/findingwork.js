// The finding panel (核查线索): one finding with its steps, and the inspector's work on it — assign
// to an account of the region picked by name, record the investigation notice (调查通知书), mark it
// verified, determine it (认定) with the document number and date, dismiss with a reason, dispose,
// close — the moves the API allows from its status. Opened from the work list and the details.
import { CAUSES, DISPOSALS } from './codes.js';
import { t, pick } from './i18n.js';
import { h, fill } from './dom.js';
import { getJSON, query, request } from './api.js';
import { date, today } from './format.js';
import { openPanel, closePanel } from './panels.js';
import { ACTIONS_FROM, ACTION_STATUS, determination, noticeOwed } from './findingwords.js';

const FIELDS = {
  assign: ['assignee', 'reason'],
  notice: ['document_no', 'decided_on', 'reason'],
  verify: ['reason'],
  determine: ['document_no', 'decided_on', 'cause', 'reason'],
  dismiss: ['reason'],
  dispose: ['document_no', 'decided_on', 'measure', 'new_start', 'reason'],
  close: ['reason'],
};

const word = (prefix, v) => (v ? t(`${prefix}.${v}`) : '—');

/** PATCHes a finding with one move; answers the finding as it now is. */
async function move(id, body) {
  const res = await request(`/api/v1/findings/${id}`, {
    method: 'PATCH', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
  });
  return res.json();
}

function stepText(s) {
  const what = s.step ? t(`step.${s.step}`) : `${word('status', s.from)} → ${word('status', s.to)}`;
  return [date(s.at), s.actor, what, s.assignee ? `${t('finding.assignee')} ${s.assignee}` : '',
    s.document_no ? `${t('form.document_no')} ${s.document_no}` : '', s.decided_on || '', s.reason].filter(Boolean).join(' · ');
}

/**
 * Wires the finding panel. session is the signed-in session; onSupply(id) opens a supply's details;
 * onMoved(finding) is told of each step taken.
 */
export function setupFindingWork(session, { onSupply, onMoved = () => {} }) {
  const panel = document.getElementById('panel-finding');
  const body = document.getElementById('finding-body');
  const works = (session.may || []).includes('work');
  const state = { finding: null, steps: [], form: null, message: null, assignees: null };

  function field(name, f) {
    const id = `finding-${name}`;
    let input;
    switch (name) {
      case 'assignee':
        input = h('select', { id, name, required: true },
          h('option', { value: '' }, t('form.assigneePick')),
          (state.assignees || []).map((u) => h('option', { value: u.name }, `${u.name}（${u.region_code}）`)));
        break;
      case 'cause':
        input = h('select', { id, name, required: true }, Object.entries(CAUSES).map(([k, v]) => h('option', { value: k }, pick(v))));
        break;
      case 'measure':
        input = h('select', { id, name, required: true }, Object.entries(DISPOSALS).map(([k, v]) => h('option', { value: k }, pick(v))));
        break;
      case 'decided_on':
        input = h('input', { id, name, type: 'date', required: true, value: today() });
        break;
      case 'new_start':
        input = h('input', { id, name, type: 'date' });
        break;
      default:
        input = h('input', {
          id, name, type: 'text', maxlength: 500,
          required: name === 'reason' || f.kind === 'suspected_idle' || name === 'document_no' && state.form === 'notice',
        });
    }
    return [h('label', { for: id }, t(`form.${name}`)), input];
  }

  function form(f) {
    const action = state.form;
    const el = h('form', {
      class: 'finding-form', dataset: { action }, novalidate: true,
      on: {
        submit: async (e) => {
          e.preventDefault();
          if (!el.reportValidity()) return;
          const values = Object.fromEntries([...new FormData(el)].filter(([, v]) => v !== ''));
          const body = action === 'notice' ? { step: 'notice', ...values } : { status: ACTION_STATUS[action], ...values };
          for (const b of el.querySelectorAll('button')) b.disabled = true;
          try {
            const moved = await move(f.id, body);
            state.form = null;
            state.message = { ok: true, text: t('act.done', { status: action === 'notice' ? t('step.notice') : word('status', moved.status) }) };
            onMoved(moved);
            await show(f.id);
          } catch (err) {
            const where = err.problem?.field ? `${t(`form.${err.problem.field}`)}：` : '';
            state.message = { ok: false, text: t('act.failed', { msg: where + err.message }) };
            render();
          }
        },
      },
    }, FIELDS[action].map((n) => field(n, f)),
    h('div', { class: 'row' },
      h('button', { type: 'submit', class: 'finding-submit' }, t('act.submit')),
      h('button', { type: 'button', on: { click: () => { state.form = null; render(); } } }, t('act.cancel'))));
    return el;
  }

  async function openForm(action) {
    state.form = action;
    state.message = null;
    if (action === 'assign' && !state.assignees) {
      const region = state.finding.region_code;
      const mine = session.user?.region_code || '';
      const covered = region && region.startsWith(mine.replace(/(00)+$/, ''));
      try {
        state.assignees = (await getJSON(`/api/v1/assignees${query({ region: covered ? region : '' })}`)).items;
      } catch (err) {
        state.assignees = [];
        state.message = { ok: false, text: t('act.failed', { msg: err.message }) };
      }
    }
    render();
    body.querySelector('.finding-form input, .finding-form select')?.focus();
  }

  function actions(f) {
    const offered = [...(noticeOwed(f) ? ['notice'] : []), ...(ACTIONS_FROM[f.status] || [])];
    if (!works || !offered.length) return null;
    return h('div', { class: 'finding-actions row' }, offered.map((a) => h('button', {
      type: 'button', class: `act-${a}`, 'aria-pressed': String(state.form === a), on: { click: () => openForm(a) },
    }, t(`act.${a}`))));
  }

  function prints(f) {
    const decided = determination(state.steps);
    return h('div', { class: 'finding-prints row' },
      f.notice_no ? h('a', { class: 'button-link print-notice', href: `/print/notice.html${query({ finding: f.id, lang: 'zh' })}`, target: '_blank' }, t('print.notice')) : null,
      decided ? h('a', { class: 'button-link print-determination', href: `/print/determination.html${query({ finding: f.id, lang: 'zh' })}`, target: '_blank' }, t('print.determination')) : null);
  }

  function render() {
    const f = state.finding;
    if (!f) return;
    const rows = [
      ['finding.kind', t(`finding.${f.kind}`)],
      ['finding.status', word('status', f.status)],
      ['finding.grade', f.grade ? t(`grade.${f.grade}`) : '—'],
      ['finding.region', f.region_code],
      ['finding.detected', date(f.detected_at)],
      ['finding.assignee', f.assignee || '—'],
      f.notice_due_on && !f.notice_no ? ['finding.noticeDue', f.notice_due_on] : null,
      f.notice_no ? ['finding.notice', `${f.notice_no}（${f.noticed_on}）`] : null,
    ].filter(Boolean);
    fill(body,
      h('div', { class: 'details-head' },
        h('div', { class: 'enumber', id: 'finding-id' }, `#${f.id} · ${t(`finding.${f.kind}`)}`),
        f.supply_id ? h('button', { type: 'button', class: 'finding-supply', on: { click: () => onSupply(f.supply_id) } }, t('finding.supply', { e: f.e_number || f.supply_id })) : null,
        f.elsewhere ? h('p', { class: 'note' }, t('finding.elsewhere')) : null),
      h('dl', { id: 'finding-facts' }, rows.map(([k, v]) => [h('dt', {}, t(k)), h('dd', { dataset: { field: k.slice(8) } }, v)])),
      prints(f),
      h('h3', {}, t('finding.actions')),
      actions(f),
      state.message ? h('p', { class: state.message.ok ? 'note finding-ok' : 'error finding-error', role: state.message.ok ? 'status' : 'alert' }, state.message.text) : null,
      state.form ? form(f) : null,
      h('h3', {}, t('finding.steps')),
      state.steps.length ? h('ol', { class: 'items finding-steps' }, state.steps.map((s) => h('li', {}, stepText(s)))) : h('p', { class: 'note' }, t('details.none')));
  }

  /** Shows finding id in the panel (beside the work list; instead of the supply's details). */
  async function show(id) {
    closePanel('panel-details');
    openPanel('panel-finding');
    if (state.finding?.id !== id) {
      Object.assign(state, { finding: null, form: null, message: null });
      fill(body, h('p', { class: 'note' }, t('details.loading')));
    }
    try {
      const f = await getJSON(`/api/v1/findings/${id}`);
      state.finding = f;
      state.steps = f.steps || [];
    } catch (err) {
      fill(body, h('p', { class: 'error' }, t('status.error', { msg: err.message })));
      return null;
    }
    render();
    return state.finding;
  }

  document.getElementById('panel-details').addEventListener('panelopen', () => closePanel('panel-finding'));
  panel.addEventListener('panelclose', () => Object.assign(state, { finding: null, form: null, message: null }));
  document.addEventListener('langchange', render);
  return { show, current: () => state.finding };
}
