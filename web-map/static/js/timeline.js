// The stage timeline of a supply: agreed against actual dates for delivery, start, completion and
// acceptance, and how late each step was (or is, when it has not happened yet).
import { t } from './i18n.js';
import { h } from './dom.js';
import { daysBetween, today } from './format.js';

const STEPS = [
  { key: 'delivery', agreed: 'agreed_delivery', event: 'delivery' },
  { key: 'start', agreed: 'agreed_start', event: 'construction_start' },
  { key: 'completion', agreed: 'agreed_completion', event: 'completion' },
  { key: 'acceptance', agreed: null, event: 'acceptance' },
];

/**
 * The timeline rows of a supply: for each step its agreed date, the date it happened (the first
 * event of that kind) and the lateness in days — positive when late, null when it cannot be said.
 * A step not done by an agreed date already past is overdue by the days since that date.
 */
export function timelineRows(supply, asOf = today()) {
  const events = supply.events || [];
  return STEPS.map((step) => {
    const agreed = step.agreed ? supply[step.agreed] || null : null;
    const actual = events.filter((e) => e.kind === step.event).map((e) => e.occurred_on).sort()[0] || null;
    let status = 'none';
    let days = null;
    if (agreed && actual) {
      days = daysBetween(agreed, actual);
      status = days > 0 ? 'late' : days < 0 ? 'early' : 'onTime';
    } else if (agreed && !actual) {
      days = daysBetween(agreed, asOf);
      status = days > 0 ? 'overdue' : 'pending';
    } else if (!agreed && step.agreed) {
      status = 'noAgreed';
    }
    return { step: step.key, agreed, actual, status, days };
  });
}

function statusText(row) {
  switch (row.status) {
    case 'late': return h('span', { class: 'late' }, t('timeline.lateBy', { n: row.days }));
    case 'early': return h('span', { class: 'ok' }, t('timeline.early', { n: -row.days }));
    case 'onTime': return h('span', { class: 'ok' }, t('timeline.onTime'));
    case 'overdue': return h('span', { class: 'late' }, t('timeline.overdue', { n: row.days }));
    case 'pending': return t('timeline.pending');
    case 'noAgreed': return t('timeline.noAgreed');
    default: return '—';
  }
}

/** The timeline as a table. */
export function renderTimeline(supply) {
  return h('table', { class: 'timeline' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('timeline.step')), h('th', { scope: 'col' }, t('timeline.agreed')),
      h('th', { scope: 'col' }, t('timeline.actual')), h('th', { scope: 'col' }, t('timeline.late')))),
    h('tbody', {}, timelineRows(supply).map((r) => h('tr', { dataset: { step: r.step, status: r.status } },
      h('th', { scope: 'row' }, t(`timeline.${r.step}`)), h('td', {}, r.agreed || '—'), h('td', {}, r.actual || '—'),
      h('td', {}, statusText(r))))));
}
