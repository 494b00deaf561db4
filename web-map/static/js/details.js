// The details panel of one supply: every attribute with its Chinese label, parcels, instalments,
// the stage timeline, events, overlaps (click to highlight), findings and version history.
import { STAGES, FLAGS, METHODS, LAND_USES, KINDS, REVIEW_STATUS, EVENT_KINDS, CAUSES, DISPOSALS, SUPPLY_FIELDS, nameOf, stageColor } from './codes.js';
import { t, pick } from './i18n.js';
import { h, fill, swatch } from './dom.js';
import { getJSON, supplyPath, query } from './api.js';
import { num, pct, date } from './format.js';
import { renderTimeline } from './timeline.js';
import { renderHistory } from './history.js';
import { openPanel } from './panels.js';
import './findingwords.js';
import { loadChain, renderChain, renderTransactions, showReserve, showLot } from './register.js';

/** The flags of a record as a list of codes, whether given as an array or a comma-separated string. */
export function flagList(flags) {
  if (Array.isArray(flags)) return flags;
  return String(flags || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** Badges naming the flags of a supply (geometry_missing included). */
export function flagBadges(flags) {
  return flagList(flags).map((f) => h('span', { class: `badge ${f}` }, pick(nameOf(FLAGS, f))));
}

/** The first-level class (GB/T 21010) of a land-use code, by name: what a record entered without the contract's own words shows. */
function useClass(code) {
  const item = code && LAND_USES.find((x) => x.code === String(code).slice(0, 2));
  return item ? pick(item.name) : '';
}

/** A supply field shown as text or an element (coded values by name). */
export function fieldValue(s, key) {
  const v = s[key];
  switch (key) {
    case 'stage': return h('span', { class: 'stage-tag' }, swatch(stageColor(v)), pick(nameOf(STAGES, v)));
    case 'kind': return pick(KINDS[v] || [v, v]);
    case 'method': return v ? `${v} ${pick(nameOf(METHODS, v))}` : '—';
    case 'land_use_code': return [v, s.land_use_original || useClass(v)].filter(Boolean).join(' ') || '—';
    case 'area_ha': case 'existing_construction_ha': return num(v, 4);
    case 'price_wan': return num(v, 4);
    case 'plot_ratio': {
      const lo = s.plot_ratio_min, hi = s.plot_ratio_max;
      if (lo == null && hi == null) return '—';
      return `${lo == null ? '—' : num(lo, 2)} – ${hi == null ? '—' : num(hi, 2)}`;
    }
    case 'collective': return v ? `${pick(['集体', 'Collective'])} ${s.collective_owner || ''}`.trim() : pick(['国有', 'State']);
    case 'review_status': return pick(REVIEW_STATUS[v] || [v || '—', v || '—']);
    case 'updated_at': return date(v);
    case 'term_text': return v ? (s.term_years && String(s.term_years) === String(v) ? `${v} ${pick(['年', 'years'])}` : v) : '—';
    default: return v == null || v === '' ? '—' : String(v);
  }
}

export function eventDetail(e) {
  const parts = [];
  if (e.developed_share != null) parts.push(`${pick(['已开发', 'developed'])} ${pct(e.developed_share)}`);
  if (e.invested_share != null) parts.push(`${pick(['已投资', 'invested'])} ${pct(e.invested_share)}`);
  if (e.cause) parts.push(pick(CAUSES[e.cause] || [e.cause, e.cause]));
  if (e.disposal) parts.push(pick(DISPOSALS[e.disposal] || [e.disposal, e.disposal]));
  if (e.document_no) parts.push(`${pick(['文号', 'Document'])} ${e.document_no}`);
  if (e.reason) parts.push(e.reason);
  if (e.note) parts.push(e.note);
  if (e.imported) parts.push(pick(['导入', 'imported']));
  if (e.amendment) parts.push(t('events.amended', { reason: e.amendment }));
  return parts.join('；');
}

function table(head, rows, cls = '') {
  return h('table', { class: cls || null }, h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
}

/**
 * The details panel. editors, when given, add the clerk's work to it: events ({ section(supply),
 * actions(event), reset() }, see eventedit.js) and boundary (the same without actions).
 */
export function createDetails({ onFly, onOverlap, onSelect, onFinding, editors = {} }) {
  const body = document.getElementById('details-body');
  const state = { supply: null, overlaps: null, findings: null, history: null, chain: null, transactions: null };
  let aborter = null;

  function section(title, ...content) {
    return [h('h3', {}, title), content];
  }

  function asyncSection(value, render) {
    if (value === null) return h('p', { class: 'note' }, t('details.loading'));
    if (value instanceof Error) {
      return h('p', { class: 'note' }, value.unavailable ? t('details.unavailable') : t('status.error', { msg: value.message }));
    }
    return render(value);
  }

  function renderOverlaps(r) {
    const own = state.supply.id;
    if (!r.items.length) return h('p', { class: 'note' }, t('details.none'));
    return h('ul', { class: 'items overlaps' }, r.items.map((o) => {
      const mine = o.a.supply_id === own;
      const other = mine ? o.b : o.a;
      const shares = `${pct(mine ? o.share_a : o.share_b)} / ${pct(mine ? o.share_b : o.share_a)}`;
      return h('li', {}, h('button', {
        type: 'button', class: 'item', dataset: { a: o.a.supply_id, b: o.b.supply_id },
        on: { click: () => onOverlap(o) },
      }, h('span', { class: 'item-main' },
        h('span', { class: 'item-title' }, other.e_number || other.reserve || `#${other.supply_id}`), // reserve land: its number
        h('span', { class: 'item-sub' }, `${t('overlaps.area')} ${num(o.area_m2, 1)} ${t('unit.m2')} · ${t('overlaps.share')} ${shares}`))));
    }));
  }

  function renderFindings(r) {
    if (!r.items?.length) return h('p', { class: 'note' }, t('details.none'));
    // each finding opens in the finding panel, where it is worked
    return h('ul', { class: 'items findings' }, r.items.map((f) => h('li', {}, h('button', {
      type: 'button', class: 'item', dataset: { finding: f.id }, on: { click: () => onFinding?.(f.id) },
    }, h('span', { class: 'item-main' },
      h('span', { class: 'item-title' }, [t(`finding.${f.kind}`), f.rule].filter(Boolean).join(' · ')),
      h('span', { class: 'item-sub' }, [t(`status.${f.status}`), f.grade ? t(`grade.${f.grade}`) : '', date(f.detected_at)].filter(Boolean).join(' · ')))))));
  }

  function render() {
    const s = state.supply;
    if (!s) return;
    const hasParcels = (s.parcels || []).length > 0;
    const flags = flagList(s.flags);
    if (!hasParcels && !flags.includes('geometry_missing')) flags.push('geometry_missing');
    fill(body,
      h('div', { class: 'details-head' },
        h('div', { class: 'enumber', id: 'details-enumber' }, s.e_number),
        h('div', {}, s.project_name || ''),
        h('div', { class: 'row' }, fieldValue(s, 'stage'), flagBadges(flags)),
        // a returned record says why, for the clerk who opens it to fix it
        s.review_status === 'returned'
          ? h('p', { class: 'review-note', id: 'details-review-note', role: 'note' }, t('details.returned', { reason: s.review_reason || '—', by: s.reviewed_by || '—' }))
          : null,
        hasParcels
          ? h('button', { type: 'button', id: 'details-fly', on: { click: () => onFly(s.id) } }, t('details.flyto'))
          : h('p', { class: 'note' }, t('details.noGeometry')),
        h('a', { class: 'button-link', id: 'details-print', href: `/print/supply.html${query({ e: s.e_number, lang: 'zh' })}`, target: '_blank' }, t('print.supply'))),
      section(t('details.attributes'), h('dl', {}, SUPPLY_FIELDS.map(([key, label]) => [h('dt', {}, pick(label)), h('dd', { dataset: { field: key } }, fieldValue(s, key))]))),
      section(t('details.timeline'), renderTimeline(s)),
      section(t('register.chain'), asyncSection(state.chain, renderChain)),
      editors.boundary ? editors.boundary.section(s) : null,
      hasParcels ? section(t('details.parcels'), table(
        [pick(['编号', 'Number']), pick(['名称', 'Name']), `${pick(['平面面积', 'Plane area'])}（${t('unit.m2')}）`, 'EPSG'],
        s.parcels.map((p) => [p.number || '—', p.name || '—', num(p.plane_area_m2, 1), String(p.gk_epsg || '—')]))) : null,
      (s.installments || []).length ? section(t('details.installments'), table(
        [pick(['期数', 'Period']), pick(['约定日期', 'Due on']), `${pick(['金额', 'Amount'])}（${t('unit.wan')}）`],
        s.installments.map((i) => [String(i.period), i.due_on || '—', num(i.amount_wan, 4)]))) : null,
      section(t('details.events'), (s.events || []).length ? table(
        [pick(['事件', 'Event']), pick(['发生日期', 'Occurred']), pick(['录入', 'Recorded']), pick(['说明', 'Details']), editors.events ? '' : null].filter((x) => x != null),
        s.events.map((e) => [pick(EVENT_KINDS[e.kind] || [e.kind, e.kind]), e.occurred_on, `${date(e.recorded_at)} ${e.recorded_by || ''}`, eventDetail(e),
          editors.events ? editors.events.actions(e) : undefined].filter((x) => x !== undefined)), 'events')
        : h('p', { class: 'note' }, t('details.none')), editors.events?.section(s)),
      section(t('details.overlaps'), asyncSection(state.overlaps, renderOverlaps)),
      section(t('details.findings'), asyncSection(state.findings, renderFindings)),
      section(t('register.transactions'), asyncSection(state.transactions, (r) => renderTransactions(r, state.findings))),
      section(t('details.history'), asyncSection(state.history, (r) => renderHistory(r.items || []))));
  }

  async function load(key, url, signal, get = getJSON) {
    try {
      state[key] = await get(url, { signal });
    } catch (err) {
      if (err.name === 'AbortError') return;
      state[key] = err;
    }
    if (!signal.aborted) render();
  }

  /** Shows the supply (id or e-supervision number); resolves with its JSON, or null when not found. */
  async function show(idOrNumber, { keepScroll = false } = {}) {
    aborter?.abort();
    aborter = new AbortController();
    const { signal } = aborter;
    const scroll = body.scrollTop;
    openPanel('panel-details');
    if (!keepScroll) fill(body, h('p', { class: 'note' }, t('details.loading')));
    let supply;
    try {
      supply = await getJSON(supplyPath(idOrNumber), { signal });
    } catch (err) {
      if (err.name === 'AbortError') return null;
      fill(body, h('p', { class: 'error' }, err.status === 404 ? t('details.notFound') : t('status.error', { msg: err.message })));
      return null;
    }
    Object.assign(state, { supply, overlaps: null, findings: null, history: null, chain: null, transactions: null });
    render();
    if (keepScroll) body.scrollTop = scroll;
    const id = supply.id;
    load('overlaps', `/api/v1/overlaps${query({ supply: id })}`, signal);
    load('findings', `/api/v1/findings${query({ supply: id })}`, signal);
    load('history', `/api/v1/supplies/${id}/history`, signal);
    load('chain', id, signal, (x, o) => loadChain(x, o.signal));
    load('transactions', `/api/v1/supplies/${id}/transactions`, signal);
    return supply;
  }

  document.addEventListener('langchange', render);
  document.getElementById('panel-details').addEventListener('panelclose', () => {
    aborter?.abort();
    state.supply = null;
    for (const ed of Object.values(editors)) ed.reset?.();
    onSelect?.(null);
  });
  /** Shows land that is not a supply's (reserve land, an unsold lot) with show(body, signal). */
  async function showOther(showIn) {
    aborter?.abort();
    aborter = new AbortController();
    const { signal } = aborter;
    state.supply = null;
    openPanel('panel-details');
    fill(body, h('p', { class: 'note' }, t('details.loading')));
    try {
      await showIn(body, signal);
    } catch (err) {
      if (err.name !== 'AbortError') fill(body, h('p', { class: 'error' }, t('status.error', { msg: err.message })));
    }
  }

  return {
    show,
    /** Shows reserve land by its number. */
    showReserve: (number) => showOther((b, signal) => showReserve(b, number, signal)),
    /** Shows an unsold lot of an announcement. */
    showLot: (announcement, lot) => showOther((b, signal) => showLot(b, announcement, lot, signal)),
    /** The supply shown, or null. */
    current: () => state.supply,
    /** Loads the shown supply again (after an edit elsewhere). */
    refresh: () => (state.supply ? show(state.supply.id, { keepScroll: true }) : null),
  };
}
