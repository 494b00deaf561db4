// The clerk's events in the details panel: record a development event (交地, 开工, 进度, 停工, 复工,
// 竣工, 竣工验收) with the entry's lag in working days shown before saving, and correct (更正) or
// withdraw (撤销) one entered wrong, always with a reason. The section keeps its element across the
// panel's re-renders, so what is being typed survives a refresh of the record.
import { EVENT_KINDS } from './codes.js';
import { addStrings, t, pick } from './i18n.js';
import { h, fill } from './dom.js';
import { getJSON, postJSON, request, supplyPath, query } from './api.js';
import { today } from './format.js';

addStrings({
  'events.record': ['录入事件', 'Record an event'],
  'events.kind': ['事件类型', 'Event'],
  'events.date': ['发生日期', 'Occurred on'],
  'events.developed': ['已开发比例（%）', 'Developed (%)'],
  'events.invested': ['已投资比例（%）', 'Invested (%)'],
  'events.reason': ['原因说明', 'Reason'],
  'events.reason.start': ['先于交地开工的原因', 'Why it started before delivery'],
  'events.note': ['备注', 'Note'],
  'events.save': ['保存', 'Save'],
  'events.saved': ['已保存', 'Saved'],
  'events.lag': ['录入滞后 {n} 个工作日（规定 {allowed} 个工作日内录入）', 'Entered {n} working days after (within {allowed} required)'],
  'events.late': ['已逾期', 'late'],
  'events.onTime': ['未逾期', 'in time'],
  'events.correct': ['更正', 'Correct'],
  'events.withdraw': ['撤销', 'Withdraw'],
  'events.correcting': ['更正事件：{kind}（{date}）', 'Correct the event: {kind} ({date})'],
  'events.withdrawing': ['撤销事件：{kind}（{date}）', 'Withdraw the event: {kind} ({date})'],
  'events.changeReason': ['更正或撤销原因（必填）', 'Why (required)'],
  'events.needReason': ['请写明原因', 'Say why'],
  'events.confirmWithdraw': ['确认撤销', 'Withdraw it'],
  'events.amended': ['更正原因：{reason}', 'Corrected: {reason}'],
  'events.failed': ['保存失败：{msg}', 'Not saved: {msg}'],
});

/** The kinds a clerk records from the panel; determinations and disposals have their own steps. */
const KINDS = ['delivery', 'construction_start', 'progress', 'halt', 'resumption', 'completion', 'acceptance'];

/** The fields each kind takes beyond its date and note. */
const FIELDS = {
  construction_start: ['reason'],
  progress: ['developed_share', 'invested_share'],
  halt: ['reason'],
};

const share = (v) => (v === '' ? undefined : Number(v) / 100);

/**
 * Creates the event editor. may: whether the session records events; onChanged() reloads the
 * record after a write.
 */
export function createEventEditor({ may, onChanged }) {
  const root = h('div', { class: 'event-edit', id: 'event-edit' });
  let supplyId = null;

  /** The inputs of an event of kind, filled from e (a recorded event) when given. */
  function inputs(kind, e = {}) {
    const date = h('input', { type: 'date', name: 'occurred_on', required: true, max: today(), value: e.occurred_on || '' });
    const fields = [labelled('events.date', date)];
    for (const f of FIELDS[kind] || []) {
      if (f === 'reason') {
        fields.push(labelled(kind === 'construction_start' ? 'events.reason.start' : 'events.reason',
          h('input', { type: 'text', name: 'reason', maxlength: 500, value: e.reason || '' })));
      } else {
        const v = e[f] == null ? '' : String(Math.round(e[f] * 1000) / 10);
        fields.push(labelled(f === 'developed_share' ? 'events.developed' : 'events.invested',
          h('input', { type: 'number', name: f, min: 0, max: 100, step: 0.1, required: true, value: v })));
      }
    }
    fields.push(labelled('events.note', h('input', { type: 'text', name: 'note', maxlength: 500, value: e.note || '' })));
    return { date, fields };
  }

  function labelled(key, input) {
    return h('label', { class: 'field', dataset: { field: input.name } }, h('span', {}, t(key)), input);
  }

  /** The event a form describes. */
  function eventOf(form, kind) {
    const v = (n) => form.elements[n]?.value ?? '';
    const e = { kind, occurred_on: v('occurred_on') };
    for (const n of ['reason', 'note']) if (v(n).trim()) e[n] = v(n).trim();
    for (const n of ['developed_share', 'invested_share']) if (form.elements[n]) e[n] = share(v(n));
    return e;
  }

  /** Shows, under a date input, the lag of an entry of that day made now and whether it is late. */
  function lagLine(date) {
    const out = h('p', { class: 'lag', 'aria-live': 'polite' });
    let asked = 0;
    async function update() {
      const mine = ++asked;
      if (!date.value) { fill(out); return; }
      try {
        const r = await getJSON(`/api/v1/lag${query({ from: date.value })}`);
        if (mine !== asked) return;
        out.classList.toggle('late', r.late);
        fill(out, t('events.lag', { n: r.working_days, allowed: r.allowed }), ' ',
          h('strong', { class: r.late ? 'late' : 'ok' }, r.late ? t('events.late') : t('events.onTime')));
      } catch (err) {
        if (mine === asked) fill(out, h('span', { class: 'error' }, err.message));
      }
    }
    date.addEventListener('change', update);
    date.addEventListener('input', update);
    update();
    return out;
  }

  /** Marks the fields a refusal names and says why under the form. */
  function showProblem(form, message, err) {
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    const named = [...(err.problem?.errors || []).map((x) => x.field), err.problem?.field].filter(Boolean);
    for (const f of named) {
      const el = form.elements[String(f).replace(/^event\./, '')];
      if (el?.setAttribute) el.setAttribute('aria-invalid', 'true');
    }
    fill(message, t('events.failed', { msg: err.message }));
  }

  function recordForm() {
    const kind = h('select', { name: 'kind', 'aria-label': t('events.kind') },
      KINDS.map((k) => h('option', { value: k }, pick(EVENT_KINDS[k]))));
    kind.value = 'construction_start';
    const body = h('div', {});
    const message = h('p', { class: 'form-message', role: 'status' });
    const form = h('form', { class: 'event-form', id: 'event-record', novalidate: true }, h('h4', {}, t('events.record')),
      labelled('events.kind', kind), body, message, h('button', { type: 'submit' }, t('events.save')));
    const build = () => {
      const { date, fields } = inputs(kind.value);
      fill(body, fields, lagLine(date));
    };
    kind.addEventListener('change', build);
    build();
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!form.reportValidity()) return;
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        await postJSON(`${supplyPath(supplyId)}/events`, eventOf(form, kind.value));
        fill(message, t('events.saved'));
        build();
        onChanged();
      } catch (err) {
        showProblem(form, message, err);
      } finally {
        button.disabled = false;
      }
    });
    return form;
  }

  /** The form correcting (withdraw false) or withdrawing e, in place of the record form. */
  function changeForm(e, withdraw) {
    const kindName = pick(EVENT_KINDS[e.kind] || [e.kind, e.kind]);
    const reason = h('input', { type: 'text', name: 'change_reason', required: true, maxlength: 500 });
    reason.addEventListener('input', () => reason.setCustomValidity(''));
    const message = h('p', { class: 'form-message', role: 'status' });
    let body = null;
    if (!withdraw) {
      const { date, fields } = inputs(e.kind, e);
      body = [fields, lagLine(date)];
    }
    const form = h('form', { class: 'event-form event-change', id: 'event-change', novalidate: true, dataset: { event: e.id } },
      h('h4', {}, t(withdraw ? 'events.withdrawing' : 'events.correcting', { kind: kindName, date: e.occurred_on })),
      body, h('label', { class: 'field', dataset: { field: 'reason' } }, h('span', {}, t('events.changeReason')), reason), message,
      h('div', { class: 'row' },
        h('button', { type: 'submit' }, withdraw ? t('events.confirmWithdraw') : t('events.save')),
        h('button', { type: 'button', on: { click: () => showRecord() } }, t('btn.cancel'))));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!reason.value.trim()) reason.setCustomValidity(t('events.needReason'));
      if (!form.reportValidity()) return;
      const path = `${supplyPath(supplyId)}/events/${e.id}`;
      try {
        if (withdraw) {
          await postJSON(`${path}/withdrawal`, { reason: reason.value.trim(), version: e.version });
        } else {
          await request(path, {
            method: 'PUT', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
            body: JSON.stringify({ event: { ...eventOf(form, e.kind), version: e.version }, reason: reason.value.trim() }),
          });
        }
        showRecord();
        onChanged();
      } catch (err) {
        showProblem(form, message, err);
      }
    });
    return form;
  }

  function showRecord() {
    fill(root, recordForm());
  }

  function open(e, withdraw) {
    fill(root, changeForm(e, withdraw));
    root.scrollIntoView({ block: 'nearest' });
    root.querySelector('input')?.focus();
  }

  return {
    /** The section of the supply shown: the same element while the same supply stays shown. */
    section(supply) {
      if (!may) return null;
      if (supply.id !== supplyId) {
        supplyId = supply.id;
        showRecord();
      }
      return root;
    },
    /** The Correct and Withdraw buttons of a recorded event. */
    actions(e) {
      if (!may) return null;
      return h('span', { class: 'event-actions' },
        h('button', { type: 'button', class: 'event-correct', on: { click: () => open(e, false) } }, t('events.correct')),
        h('button', { type: 'button', class: 'event-withdraw', on: { click: () => open(e, true) } }, t('events.withdraw')));
    },
    /** Forgets the supply, so that the next one starts with an empty form. */
    reset() { supplyId = null; },
  };
}
