// A supply's version history: who changed what and when, newest first, with the fields each
// version changed against the previous version of the same record.
import { HISTORY_ENTITIES, HISTORY_OPS, FIELD_LABELS, STAGES, METHODS, KINDS, REVIEW_STATUS, EVENT_KINDS, nameOf } from './codes.js';
import { t, pick } from './i18n.js';
import { h } from './dom.js';
import { date } from './format.js';

const SHOWN = 20;
const IGNORED = new Set(['version', 'updated_at', 'updated_by', 'created_at', 'id', 'supply_id']);

const CODED = {
  stage: (v) => nameOf(STAGES, v),
  method: (v) => nameOf(METHODS, v),
  kind: (v) => KINDS[v] || EVENT_KINDS[v],
  review_status: (v) => REVIEW_STATUS[v],
  withdrawn: (v) => (v ? ['是', 'yes'] : ['否', 'no']),
};

function short(v, field) {
  if (v == null || v === '') return '—';
  const named = CODED[field]?.(v);
  if (named) return pick(named);
  if (typeof v === 'object') return '…';
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** For each history item (oldest first), the fields whose value differs from the previous version. */
export function changedFields(items) {
  const previous = new Map();
  return items.map((item) => {
    const key = `${item.entity}:${item.entity_id}`;
    const before = previous.get(key);
    const after = item.data || {};
    previous.set(key, after);
    if (!before || item.op !== 'update') return [];
    const names = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...names].filter((n) => !IGNORED.has(n) && JSON.stringify(before[n]) !== JSON.stringify(after[n]))
      .map((n) => ({ field: n, from: before[n], to: after[n] }));
  });
}

/** The history as a list; long histories show the newest SHOWN items and a button for the rest. */
export function renderHistory(items) {
  // oldest first; records changed in one transaction keep the server's order
  const sorted = [...items].sort((a, b) => String(a.changed_at).localeCompare(String(b.changed_at)));
  const changes = changedFields(sorted);
  const rows = sorted.map((item, i) => h('li', {},
    h('div', {}, `${date(item.changed_at)} · ${item.changed_by || '—'} · `,
      `${pick(HISTORY_ENTITIES[item.entity] || [item.entity, item.entity])} ${pick(HISTORY_OPS[item.op] || [item.op, item.op])}`,
      item.version != null ? ` · v${item.version}` : ''),
    changes[i].length ? h('ul', {}, changes[i].map((c) => h('li', {},
      `${pick(FIELD_LABELS[c.field] || [c.field, c.field])}: ${short(c.from, c.field)} → ${short(c.to, c.field)}`))) : null)).reverse();
  const list = h('ol', { class: 'history items' }, rows.slice(0, SHOWN));
  if (rows.length <= SHOWN) return list;
  const more = h('button', { type: 'button', on: { click: () => { list.replaceChildren(...rows); more.remove(); } } },
    t('history.more', { n: rows.length }));
  return h('div', {}, list, more);
}
