// The published supply plans (供地计划), as landchina lists them: per region and year the document,
// its publication date and the planned hectares by land use class, with what the approved supplies
// have supplied of each so far. The filters and the page are in the address
// (public-plans.html?region=…&year=…&cursor=…). No sign-in, no coordinates.
import { getJSON, query } from './api.js';
import { h, fill } from './dom.js';
import { addStrings, t } from './i18n.js';
import { pager, showError, startPublicPage } from './publicwords.js';

addStrings({
  'public.year': ['年度', 'Year'],
  'public.plan.doc': ['文号', 'Document'],
  'public.plan.published': ['发布日期', 'Published'],
  'public.plan.class': ['用地类型', 'Land use class'],
  'public.plan.planned': ['计划(公顷)', 'Planned (ha)'],
  'public.plan.supplied': ['已供应(公顷)', 'Supplied (ha)'],
  'public.plan.share': ['完成比例', 'Share'],
  'public.plan.total': ['合计', 'Total'],
  'public.plan.note': ['住宅细分仅统计土地用途能区分的供地(如旧分类072、074)。', 'Housing sub-classes count only supplies whose land use tells them (old codes 072, 074 …).'],
});

const list = document.getElementById('plans');
const count = document.getElementById('plans-count');
const form = document.getElementById('plan-filters');
let shown = null;

function stateOf(search) {
  const p = new URLSearchParams(search);
  const back = (p.get('back') || '').split(',').filter(Boolean);
  return { region: p.get('region') || '', year: p.get('year') || '', cursor: p.get('cursor') || '', back };
}

function pageHref({ region, year, cursor, back }) {
  return `public-plans.html${query({ region, year, cursor: cursor === '0' ? '' : cursor, back })}`;
}

const ha = (v) => (Math.round(v * 100) / 100).toString();
const pct = (s) => (s == null ? '—' : `${Math.round(s * 1000) / 10}%`);

/** One plan: its heading and a table of its classes, housing's sub-classes indented. */
function card(p) {
  const rows = (p.progress?.classes || []).map((c) => h('tr', { dataset: { class: c.class } },
    h('th', { scope: 'row', class: ['affordable', 'shanty', 'small_units', 'other_housing'].includes(c.class) ? 'sub' : null }, c.name),
    h('td', {}, ha(c.planned_ha)), h('td', {}, ha(c.supplied_ha)), h('td', {}, pct(c.share))));
  rows.push(h('tr', { dataset: { class: 'total' } }, h('th', { scope: 'row' }, t('public.plan.total')),
    h('td', {}, ha(p.total_ha)), h('td', {}, ha(p.progress?.supplied_ha || 0)), h('td', {}, pct(p.progress?.share))));
  return h('li', { class: 'card', dataset: { plan: String(p.id) } },
    h('h3', { class: 'card-title' }, p.title || `${p.region_name || p.region_code} ${p.year}`),
    h('dl', { class: 'card-fields' },
      h('dt', {}, t('public.region')), h('dd', {}, `${p.region_name || ''} ${p.region_code}`.trim()),
      h('dt', {}, t('public.year')), h('dd', {}, String(p.year)),
      h('dt', {}, t('public.plan.doc')), h('dd', {}, p.doc_number || '—'),
      h('dt', {}, t('public.plan.published')), h('dd', {}, p.published_on)),
    h('table', { class: 'plan-classes' },
      h('thead', {}, h('tr', {}, ['public.plan.class', 'public.plan.planned', 'public.plan.supplied', 'public.plan.share']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, rows)),
    h('p', { class: 'card-note' }, t('public.plan.note')));
}

function render() {
  if (!shown) return;
  const { page, state } = shown;
  fill(list, page.items.map(card));
  count.textContent = page.total ? t('public.count', { total: page.total }) : t('public.none');
  const nextCursor = page.next ? new URL(page.next, location.href).searchParams.get('cursor') : null;
  pager(document.getElementById('plans-pager'), {
    page: state.back.length + 1,
    prev: state.back.length ? pageHref({ ...state, cursor: state.back.at(-1), back: state.back.slice(0, -1) }) : null,
    next: nextCursor ? pageHref({ ...state, cursor: nextCursor, back: [...state.back, state.cursor || '0'] }) : null,
  });
}

async function load() {
  const state = stateOf(location.search);
  form.region.value = state.region;
  form.year.value = state.year;
  try {
    const page = await getJSON(`/public/plans${query({ region: state.region, year: state.year, cursor: state.cursor === '0' ? '' : state.cursor })}`);
    shown = { page, state };
    render();
  } catch (err) {
    showError(count, err);
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  location.href = pageHref({ region: form.region.value.trim(), year: form.year.value.trim(), cursor: '', back: [] });
});
form.addEventListener('reset', () => { location.href = 'public-plans.html'; });

startPublicPage(render);
window.landwatchPublic = { ready: load() };
