// The published list of determined idle land (闲置土地), in pages: location in words, holder, since
// when and how long idle. The page is in the address (public-idle.html?cursor=…). No sign-in, no
// coordinates.
import { getJSON, query } from './api.js';
import { h, fill } from './dom.js';
import { t } from './i18n.js';
import { fieldList, pager, showError, startPublicPage } from './publicwords.js';

const PAGE = 20;
const list = document.getElementById('idle');
const count = document.getElementById('idle-count');
let shown = null;

const IDLE_FIELDS = [
  ['district', (s) => s.district_name],
  ['location', (s) => s.location],
  ['holder', (s) => s.holder],
  ['area', (s) => String(s.area_ha)],
  ['use', (s) => s.land_use],
  ['determined', (s) => s.determined_on],
  ['since', (s) => s.idle_since],
  ['years', (s) => String(s.idle_years)],
  ['cause', (s) => (s.cause ? t(`public.cause.${s.cause}`) : '')],
];

function card(s) {
  return h('li', { class: 'card', dataset: { enumber: s.e_number } },
    h('h3', { class: 'card-title' }, s.project_name || s.e_number),
    h('p', { class: 'card-number enumber' }, s.e_number),
    fieldList(s, IDLE_FIELDS, IDLE_FIELDS.map(([k]) => k)));
}

function render() {
  if (!shown) return;
  const { page, offset, limit } = shown;
  fill(list, page.items.map(card));
  count.textContent = page.total ? t('public.count', { total: page.total }) : t('public.none');
  const href = (cursor) => `public-idle.html${query({ cursor: cursor || '', limit: limit === PAGE ? '' : limit })}`;
  pager(document.getElementById('idle-pager'), {
    page: Math.floor(offset / limit) + 1,
    prev: offset > 0 ? href(Math.max(0, offset - limit) || '') : null,
    next: page.next ? href(offset + limit) : null,
  });
}

async function load() {
  const p = new URLSearchParams(location.search);
  const offset = Number(p.get('cursor')) || 0;
  const limit = Number(p.get('limit')) || PAGE;
  try {
    const page = await getJSON(`/public/idle-land${query({ cursor: offset || '', limit })}`);
    shown = { page, offset, limit };
    render();
  } catch (err) {
    showError(count, err);
  }
}

startPublicPage(render);
window.landwatchPublic = { ready: load() };
