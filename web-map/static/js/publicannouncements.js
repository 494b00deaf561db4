// The published transfer announcements (出让公告), like landchina's page: each announcement's dates
// and its lots with their terms, and whether each is sold. No sign-in, no coordinates.
import { h } from './dom.js';
import { t } from './i18n.js';
import { fieldList } from './publicwords.js';
import { ANNOUNCEMENT_FIELDS, LOT_FIELDS, startPublicList } from './publiclots.js';

function lotRow(l) {
  return h('tr', { dataset: { lot: l.number } }, LOT_FIELDS.map(([key, value]) => h('td', { dataset: { field: key } }, value(l) || '—')));
}

function card(a) {
  return h('li', { class: 'card', dataset: { announcement: a.number } },
    h('h3', { class: 'card-title' }, a.number),
    fieldList(a, ANNOUNCEMENT_FIELDS, ANNOUNCEMENT_FIELDS.map(([k]) => k)),
    h('table', { class: 'public-fields lots' },
      h('thead', {}, h('tr', {}, LOT_FIELDS.map(([key]) => h('th', {}, t(`public.col.${key}`))))),
      h('tbody', {}, a.lots.map(lotRow))));
}

startPublicList('/public/announcements', 'announcements', card);
