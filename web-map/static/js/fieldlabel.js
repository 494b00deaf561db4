// Field names of the API (e_number, installments[1].amount_wan) as their readers know them, for
// refusals and import reports. Apart from codes.js, which the style's checks read outside a browser.

import { FIELD_LABELS } from './codes.js';
import { pick } from './i18n.js';

/** Names a field has inside a list of the supply's, apart from the supply's own (an event's kind). */
const NESTED = { events: { kind: ['事件类型', 'Event kind'] } };

/**
 * A field's name as its reader knows it: its label (电子监管号), an item of a list counted from 1
 * (分期支付 2 · 约定支付金额（万元）), else the name itself (a file's own column, such as 地块编号).
 */
export function fieldLabel(field) {
  if (!field) return '';
  const parts = field.split('.');
  return parts.map((part, i) => {
    const item = /^(\w+)\[(\d+)\]$/.exec(part);
    const name = item ? item[1] : part;
    const within = i > 0 ? parts[i - 1].replace(/\[\d+\]$/, '') : '';
    const words = NESTED[within]?.[name] || FIELD_LABELS[name];
    const label = words ? pick(words) : name;
    return item ? `${label} ${Number(item[2]) + 1}` : label;
  }).join(' · ');
}
