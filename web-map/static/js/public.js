// The public list of supply results (供地结果): cards that open each result's page, filtered by
// region (picked by name), method, land use, contract dates and words. The filters and the page
// are in the address, so a list can be shared and the browser's back button walks it. No sign-in,
// and nothing here carries a coordinate. window.landwatchPublic.ready resolves once a list shows.
import { getJSON, query } from './api.js';
import { h, fill } from './dom.js';
import { pick, t } from './i18n.js';
import { METHODS, LAND_USES } from './codes.js';
import { SUPPLY_FIELDS, fieldList, pager, showError, startPublicPage } from './publicwords.js';

const FILTERS = ['region', 'method', 'land_use', 'from', 'to', 'q'];
const PAGE = 20;
const form = document.getElementById('public-filters');
const list = document.getElementById('supplies');
const count = document.getElementById('supplies-count');
let regions = [];
let shown = null; // { page, state }

/** The list's state in the address: filters, the cursor of this page and those of the pages before. */
function stateOf(search) {
  const p = new URLSearchParams(search);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, p.get(k) || '']));
  const back = (p.get('back') || '').split(',').filter(Boolean);
  return { filters, cursor: p.get('cursor') || '', back, limit: p.get('limit') || '' };
}

function pageHref({ filters, cursor, back, limit }) {
  return `public.html${query({ ...filters, cursor: cursor === '0' ? '' : cursor, back, limit })}`;
}

function options(select, items, selected) {
  fill(select, h('option', { value: '' }, t('public.any')),
    items.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
}

/** Each region by its names from the province down: 河北省 › 保定市 › 定兴县. */
function regionLabels() {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const path = (r) => (r.parent && byCode.has(r.parent) ? `${path(byCode.get(r.parent))} › ${r.name}` : r.name);
  return regions.map((r) => [r.code, path(r)]);
}

function renderFilters(filters) {
  options(form.elements.region, regionLabels(), filters.region);
  options(form.elements.method, METHODS.map((m) => [m.code, pick(m.name)]), filters.method);
  options(form.elements.land_use, LAND_USES.map((u) => [u.code, pick(u.name)]), filters.land_use);
  for (const k of ['from', 'to', 'q']) form.elements[k].value = filters[k];
}

const CARD_FIELDS = ['district', 'location', 'area', 'use', 'method', 'holder', 'price', 'contract'];

function card(s) {
  const href = `public-supply.html${query({ e: s.e_number })}`;
  return h('li', { class: 'card', dataset: { enumber: s.e_number } },
    h('h3', { class: 'card-title' }, h('a', { href }, s.project_name || s.e_number)),
    h('p', { class: 'card-number enumber' }, s.e_number),
    fieldList(s, SUPPLY_FIELDS, CARD_FIELDS));
}

function render() {
  if (!shown) return;
  const { page, state } = shown;
  renderFilters(state.filters);
  fill(list, page.items.map(card));
  count.classList.remove('error');
  count.textContent = page.total ? t('public.count', { total: page.total }) : t('public.none');
  const nextCursor = page.next ? new URL(page.next, location.href).searchParams.get('cursor') : null;
  const back = state.back;
  pager(document.getElementById('supplies-pager'), {
    page: back.length + 1,
    prev: back.length ? pageHref({ ...state, cursor: back.at(-1), back: back.slice(0, -1) }) : null,
    next: nextCursor ? pageHref({ ...state, cursor: nextCursor, back: [...back, state.cursor || '0'] }) : null,
  });
}

async function load() {
  const state = stateOf(location.search);
  const limit = state.limit || PAGE;
  try {
    const page = await getJSON(`/public/supplies${query({ ...state.filters, cursor: state.cursor, limit })}`);
    shown = { page, state };
    render();
  } catch (err) {
    fill(list);
    showError(count, err);
  }
}

/** Shows the list the form asks for, from its first page, and keeps it in the address. */
function apply() {
  const data = new FormData(form);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, String(data.get(k) || '').trim()]));
  history.pushState(null, '', pageHref({ filters, cursor: '', back: [], limit: stateOf(location.search).limit }));
  return load();
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  apply();
});
form.addEventListener('change', (e) => e.target.tagName === 'SELECT' && apply());
form.addEventListener('reset', (e) => {
  e.preventDefault();
  for (const el of form.elements) if (el.name) el.value = '';
  apply();
});
window.addEventListener('popstate', load);
startPublicPage(render);
renderFilters(stateOf(location.search).filters);

window.landwatchPublic = {
  ready: Promise.all([
    // without the names the list still works; the picker then offers no region
    getJSON('/public/regions').then((r) => { regions = r.items; }).catch(() => {}),
    load(),
  ]).then(render),
};
