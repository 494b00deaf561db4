// One published supply result (供地结果) on a page of its own, as landchina shows it: every
// published field in a two-column table with its Chinese label. The address names the supply by
// its e-supervision number (public-supply.html?e=…). No sign-in, no coordinates.
import { getJSON, ApiError } from './api.js';
import { h, fill } from './dom.js';
import { t } from './i18n.js';
import { SUPPLY_FIELDS, showError, startPublicPage } from './publicwords.js';

const number = new URLSearchParams(location.search).get('e') || '';
const table = document.getElementById('supply');
const message = document.getElementById('supply-message');
let supply = null;
let failure = null;

function render() {
  if (failure) {
    fill(table);
    if (failure instanceof ApiError && (failure.status === 404 || failure.status === 400)) message.textContent = t('public.notfound', { e: number });
    else showError(message, failure);
    return;
  }
  if (!supply) return;
  document.getElementById('supply-title').textContent = supply.project_name || supply.e_number;
  document.title = `${supply.project_name || supply.e_number} · ${t('public.supplies')}`;
  fill(table, h('tbody', {}, SUPPLY_FIELDS.map(([key, value]) => h('tr', { dataset: { field: key } },
    h('th', { scope: 'row' }, t(`public.col.${key}`)), h('td', {}, value(supply) || '—')))));
}

startPublicPage(render);
// Back to the list the visitor came from, with its filters, when there is one.
if (document.referrer && new URL(document.referrer).pathname.endsWith('/public.html') && new URL(document.referrer).origin === location.origin) {
  document.getElementById('supply-back').href = document.referrer;
}

window.landwatchPublic = {
  ready: getJSON(`/public/supplies/${encodeURIComponent(number)}`)
    .then((s) => { supply = s; }, (err) => { failure = err; })
    .then(render),
};
