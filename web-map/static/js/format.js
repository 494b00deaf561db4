// Numbers and dates as the page shows them.
import { lang } from './i18n.js';

const DAY = 86400000;

/** Today's date in the browser's time zone as YYYY-MM-DD. */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Whole days from date a to date b (YYYY-MM-DD strings), positive when b is later. */
export function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
}

/** A number with at most `digits` decimals, grouped the way the language writes it. */
export function num(value, digits = 2) {
  if (value == null || value === '' || Number.isNaN(Number(value))) return '—';
  return Number(value).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits });
}

/** A share (0..1) as a percentage. */
export function pct(value) {
  if (value == null) return '—';
  return `${num(value * 100, 1)}%`;
}

/** A date (YYYY-MM-DD) as it is, a timestamp as local "YYYY-MM-DD HH:mm". */
export function date(value) {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
