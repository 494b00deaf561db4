// The published deals (成交公示), like landchina's page: the lot, who won it, at what price, when, and
// the publicity window. No sign-in, no coordinates.
import { h } from './dom.js';
import { fieldList } from './publicwords.js';
import { DEAL_FIELDS, startPublicList } from './publiclots.js';

function card(d) {
  return h('li', { class: 'card', dataset: { deal: String(d.id) } },
    h('h3', { class: 'card-title' }, `${d.announcement_number} · ${d.lot_number}`),
    fieldList(d, DEAL_FIELDS, DEAL_FIELDS.map(([k]) => k)));
}

startPublicList('/public/deals', 'deals', card);
