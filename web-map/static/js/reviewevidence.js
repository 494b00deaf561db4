// The evidence a reviewer (审核) decides on: what changed in a submitted record field by field
// against its last approved version (or the version before, for a record never approved), the
// boundary before and after as two outlines on the map, the declared area against the measured
// one, and the record's overlaps and findings.
import { FIELD_LABELS } from './codes.js';
import { t, pick, addStrings } from './i18n.js';
import { h, fill } from './dom.js';
import { getJSON, query, supplyGeoJSON } from './api.js';
import { num, pct } from './format.js';
import { fitTo } from './map.js';
import './findingwords.js';

addStrings({
  'evidence.show': ['查看变更', 'What changed'],
  'evidence.hide': ['收起', 'Hide'],
  'evidence.loading': ['正在加载…', 'Loading…'],
  'evidence.against': ['与已通过的版本 v{v} 相比', 'Against the approved version v{v}'],
  'evidence.againstPrevious': ['尚无已通过的版本；与上一版本 v{v} 相比', 'Never approved: against the previous version v{v}'],
  'evidence.new': ['新记录，首次提交', 'A new record, submitted for the first time'],
  'evidence.field': ['字段', 'Field'],
  'evidence.before': ['变更前', 'Before'],
  'evidence.after': ['变更后', 'After'],
  'evidence.noChange': ['属性无变化', 'No field changed'],
  'evidence.boundary': ['宗地范围：变更前（红色虚线）与变更后（蓝色）', 'Boundary: before (red, dashed) and after (blue)'],
  'evidence.boundaryChanged': ['宗地范围已变更', 'The boundary changed'],
  'evidence.boundarySame': ['宗地范围未变', 'The boundary is unchanged'],
  'evidence.area': ['出让面积 {declared} 公顷；实测（平面）{measured} 公顷；差 {diff}', 'Declared {declared} ha; measured (plane) {measured} ha; difference {diff}'],
  'evidence.overlaps': ['重叠 {n} 处', '{n} overlaps'],
  'evidence.findings': ['核查线索 {n} 条', '{n} findings'],
});

const IGNORED = new Set(['version', 'updated_at', 'updated_by', 'created_at', 'id', 'submitted_by', 'review_status', 'review_reason',
  'reviewed_by', 'reviewed_at', 'geom', 'search']);
const BEFORE = 'review-before';
const AFTER = 'review-after';
const empty = () => ({ type: 'FeatureCollection', features: [] });

function show(v) {
  if (v == null || v === '') return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * The supply's version to compare with and the boundary it had: from the history (oldest first),
 * the last approved version before the current one, else the one before it.
 */
export function baseline(items, version) {
  const supplies = items.filter((x) => x.entity === 'supply' && x.version != null && x.version < version);
  const approved = supplies.filter((x) => x.data?.review_status === 'approved').at(-1);
  const base = approved || supplies.at(-1) || null;
  if (!base) return null;
  // the parcels as they were when that version was written: each parcel's last version until then
  const parcels = new Map();
  for (const x of items) {
    if (x.entity !== 'parcel' || Date.parse(x.changed_at) > Date.parse(base.changed_at)) continue;
    if (x.op === 'delete') parcels.delete(x.entity_id);
    else parcels.set(x.entity_id, x);
  }
  const features = [...parcels.values()].filter((p) => p.data?.geometry)
    .map((p) => ({ type: 'Feature', properties: { number: p.data.number }, geometry: p.data.geometry }));
  return { approved: !!approved, version: base.version, changedAt: base.changed_at, data: base.data || {}, boundary: { type: 'FeatureCollection', features } };
}

/** The fields that differ between two versions of a supply's row. */
export function fieldDiff(before, after) {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => !IGNORED.has(n) && JSON.stringify(before[n] ?? null) !== JSON.stringify(after[n] ?? null))
    .map((n) => ({ field: n, from: before[n], to: after[n] }));
}

function ensureLayers(map) {
  for (const id of [BEFORE, AFTER]) if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: empty() });
  if (!map.getLayer(BEFORE)) {
    map.addLayer({ id: BEFORE, type: 'line', source: BEFORE, paint: { 'line-color': '#d32f2f', 'line-width': 3, 'line-dasharray': [2, 1.5] } });
  }
  if (!map.getLayer(AFTER)) map.addLayer({ id: AFTER, type: 'line', source: AFTER, paint: { 'line-color': '#1565c0', 'line-width': 2.5 } });
}

/** The evidence of supplies for the review panel, drawn on map. */
export function createEvidence(map) {
  function outline(before, after) {
    ensureLayers(map);
    map.getSource(BEFORE).setData(before || empty());
    map.getSource(AFTER).setData(after || empty());
    const both = { type: 'FeatureCollection', features: [...(before?.features || []), ...(after?.features || [])] };
    if (both.features.length) fitTo(map, both, { animate: false });
  }

  /** Loads and renders the evidence of supply s (as listed) into el; draws the boundaries. */
  async function load(s, el) {
    el.replaceChildren(h('p', { class: 'note' }, t('evidence.loading')));
    const [history, current, geo, overlaps, findings] = await Promise.all([
      getJSON(`/api/v1/supplies/${s.id}/history?geometry=true`),
      getJSON(`/api/v1/supplies/${s.id}`),
      supplyGeoJSON(s.id).catch(() => empty()),
      getJSON(`/api/v1/overlaps${query({ supply: s.id })}`).catch(() => ({ items: [] })),
      getJSON(`/api/v1/findings${query({ supply: s.id })}`).catch(() => ({ items: [] })),
    ]);
    const items = history.items || [];
    const latest = items.filter((x) => x.entity === 'supply').at(-1)?.data || {};
    const base = baseline(items, current.version);
    const diff = base ? fieldDiff(base.data, latest) : [];
    const measuredHa = (current.parcels || []).reduce((a, p) => a + (p.plane_area_m2 || 0), 0) / 10000;
    const declared = current.area_ha;
    // a parcel written since the version compared with moved the boundary
    const boundaryChanged = !base || items.some((x) => x.entity === 'parcel' && Date.parse(x.changed_at) > Date.parse(base.changedAt));
    outline(base?.boundary, geo);
    fill(el,
      h('p', { class: 'evidence-base' }, !base ? t('evidence.new')
        : t(base.approved ? 'evidence.against' : 'evidence.againstPrevious', { v: base.version })),
      diff.length ? h('table', { class: 'evidence-diff' },
        h('thead', {}, h('tr', {}, [t('evidence.field'), t('evidence.before'), t('evidence.after')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, diff.map((d) => h('tr', { dataset: { field: d.field } },
          h('td', {}, pick(FIELD_LABELS[d.field] || [d.field, d.field])), h('td', { class: 'before' }, show(d.from)), h('td', { class: 'after' }, show(d.to))))))
        : base ? h('p', { class: 'note' }, t('evidence.noChange')) : null,
      h('p', { class: 'evidence-boundary' }, h('span', { class: 'key-before', 'aria-hidden': 'true' }), h('span', { class: 'key-after', 'aria-hidden': 'true' }),
        t('evidence.boundary'), ' · ', h('strong', { class: boundaryChanged ? 'changed' : '' }, t(boundaryChanged ? 'evidence.boundaryChanged' : 'evidence.boundarySame'))),
      h('p', { class: 'evidence-area' }, t('evidence.area', {
        declared: num(declared, 4), measured: num(measuredHa, 4),
        diff: declared ? pct((measuredHa - declared) / declared) : '—',
      })),
      h('p', { class: 'evidence-overlaps' }, t('evidence.overlaps', { n: overlaps.items.length })),
      overlaps.items.length ? h('ul', { class: 'evidence-list' }, overlaps.items.map((o) => h('li', {},
        `${o.a.supply_id === s.id ? o.b.e_number || '—' : o.a.e_number || '—'} · ${num(o.area_m2, 1)} ${t('unit.m2')}`))) : null,
      h('p', { class: 'evidence-findings' }, t('evidence.findings', { n: findings.items.length })),
      findings.items.length ? h('ul', { class: 'evidence-list' }, findings.items.map((f) => h('li', {},
        [t(`finding.${f.kind}`), t(`status.${f.status}`), f.grade ? t(`grade.${f.grade}`) : ''].filter(Boolean).join(' · ')))) : null);
  }

  return {
    /** A toggle button and the block the evidence of s fills when opened. */
    block(s) {
      const el = h('div', { class: 'evidence', hidden: true, dataset: { enumber: s.e_number } });
      const button = h('button', {
        type: 'button', class: 'review-evidence', 'aria-expanded': 'false',
        on: {
          click: () => {
            const open = el.hidden;
            el.hidden = !open;
            button.setAttribute('aria-expanded', String(open));
            button.textContent = t(open ? 'evidence.hide' : 'evidence.show');
            if (open) load(s, el).catch((err) => el.replaceChildren(h('p', { class: 'error' }, err.message)));
            else outline(null, null);
          },
        },
      }, t('evidence.show'));
      return [button, el];
    },
    clear: () => (map.getSource(BEFORE) ? outline(null, null) : null),
  };
}
