// The clerk's boundaries in the details panel: choose a coordinate file (the ministry's text format)
// or GeoJSON, see its parcels drawn on the map with their plane areas and the overlaps with other
// supplies found before anything is saved (the API's dry run), then save them on the version seen.
import { addStrings, t, pick } from './i18n.js';
import { h, fill } from './dom.js';
import { request, supplyPath } from './api.js';
import { num, pct } from './format.js';
import { fitTo } from './map.js';

addStrings({
  'boundary.title': ['上传界址', 'Upload boundaries'],
  'boundary.file': ['坐标文件（部标准格式 .txt）或 GeoJSON', 'Coordinate file (ministry .txt) or GeoJSON'],
  'boundary.checking': ['正在检查…', 'Checking…'],
  'boundary.area': ['平面面积合计 {area} 平方米（{n} 个地块）', 'Plane area {area} m² in all ({n} parcels)'],
  'boundary.parcel': ['地块 {n}', 'Parcel {n}'],
  'boundary.overlaps': ['与其他供地重叠（保存前检查）', 'Overlaps with other supplies (checked before saving)'],
  'boundary.noOverlap': ['未发现重叠', 'No overlap found'],
  'boundary.overlap': ['与 {other} 重叠 {area} 平方米，占本地块 {share}', 'Overlaps {other} by {area} m², {share} of this parcel'],
  'boundary.elsewhere': ['与其他行政区已供土地重叠', 'Overlaps land supplied in another region'],
  'boundary.warnings': ['提示', 'Warnings'],
  'boundary.save': ['保存界址', 'Save boundaries'],
  'boundary.saved': ['界址已保存', 'Boundaries saved'],
  'boundary.stale': ['该记录已被他人修改，请重新打开后再上传', 'The record has changed: open it again and upload again'],
  'boundary.failed': ['失败：{msg}', 'Failed: {msg}'],
  'boundary.line': ['第 {line} 行 {field}：{reason}', 'line {line} {field}: {reason}'],
});

const SOURCE = 'proposed-boundary';
const empty = () => ({ type: 'FeatureCollection', features: [] });

/** Adds the source and layers of the proposed boundary to the map once. */
function ensureLayers(map) {
  if (map.getSource(SOURCE)) return;
  map.addSource(SOURCE, { type: 'geojson', data: empty() });
  map.addLayer({ id: 'proposed-fill', type: 'fill', source: SOURCE, paint: { 'fill-color': '#ff9800', 'fill-opacity': 0.25 } });
  map.addLayer({ id: 'proposed-line', type: 'line', source: SOURCE, paint: { 'line-color': '#e65100', 'line-width': 2.5, 'line-dasharray': [2, 1] } });
}

/**
 * The body of a file as the API takes it: GeoJSON by its name or its opening brace, else a
 * coordinate file (which opens with its "[属性描述]" section, so a bracket says nothing).
 */
async function bodyOf(file) {
  const text = await file.text();
  const json = /\.(geo)?json$/i.test(file.name) || /^\s*\{/.test(text);
  return { text, type: json ? 'application/geo+json' : 'text/plain; charset=utf-8' };
}

/** Creates the boundary editor. may: whether the session edits records; onChanged() after a save. */
export function createBoundaryEditor({ map, may, onChanged }) {
  const root = h('div', { class: 'boundary-edit', id: 'boundary-edit' });
  let supply = null;
  let pending = null; // the checked file: { text, type }

  function clearMap() {
    map.getSource(SOURCE)?.setData(empty());
  }

  function problemLines(err) {
    const rejected = err.problem?.rejected || [];
    if (!rejected.length) return h('p', { class: 'error' }, t('boundary.failed', { msg: err.message }));
    return h('ul', { class: 'error' }, rejected.map((r) => h('li', {}, t('boundary.line', { line: r.line ?? '—', field: r.field || '', reason: r.reason || r.message || '' }))));
  }

  function renderCheck(out, r) {
    const features = r.parcels?.features || [];
    const overlaps = r.overlaps || [];
    return fill(out,
      h('p', { class: 'boundary-area', id: 'boundary-area' }, t('boundary.area', { area: num(r.plane_area_m2, 1), n: features.length })),
      h('ul', { class: 'items' }, features.map((f) => h('li', {},
        `${f.properties.number || t('boundary.parcel', { n: f.properties.parcel + 1 })}：${num(f.properties.plane_area_m2, 1)} ${t('unit.m2')}`))),
      h('h4', {}, t('boundary.overlaps')),
      overlaps.length
        ? h('ul', { class: 'items boundary-overlaps', id: 'boundary-overlaps' }, overlaps.map((o) => h('li', { class: 'late' },
          o.elsewhere ? t('boundary.elsewhere')
            : t('boundary.overlap', { other: o.other_e_number || `#${o.other_supply_id}`, area: num(o.area_m2, 1), share: pct(o.share) }))))
        : h('p', { class: 'note', id: 'boundary-overlaps' }, t('boundary.noOverlap')),
      (r.warnings || []).length ? [h('h4', {}, t('boundary.warnings')), h('ul', { class: 'items' }, r.warnings.map((w) => h('li', {}, w)))] : null,
      h('button', { type: 'button', id: 'boundary-save', on: { click: () => save(out) } }, t('boundary.save')));
  }

  async function check(file, out) {
    pending = null;
    clearMap();
    fill(out, h('p', { class: 'note' }, t('boundary.checking')));
    try {
      const body = await bodyOf(file);
      const res = await request(`${supplyPath(supply.id)}/parcels/check`, {
        method: 'POST', headers: { 'Content-Type': body.type, Accept: 'application/json' }, body: body.text,
      });
      const r = await res.json();
      pending = body;
      ensureLayers(map);
      map.getSource(SOURCE).setData(r.parcels);
      fitTo(map, r.parcels);
      renderCheck(out, r);
    } catch (err) {
      fill(out, problemLines(err));
    }
  }

  async function save(out) {
    if (!pending) return;
    const button = out.querySelector('#boundary-save');
    button.disabled = true;
    try {
      // saved on the version the clerk saw: a record changed since is refused (412)
      await request(`${supplyPath(supply.id)}/parcels`, {
        method: 'PUT', headers: { 'Content-Type': pending.type, Accept: 'application/json', 'If-Match': `"v${supply.version}"` }, body: pending.text,
      });
      pending = null;
      clearMap();
      fill(out, h('p', { class: 'ok', role: 'status' }, t('boundary.saved')));
      onChanged();
    } catch (err) {
      button.disabled = false;
      fill(out, err.status === 412 ? h('p', { class: 'error' }, t('boundary.stale')) : problemLines(err));
    }
  }

  function build() {
    const out = h('div', { class: 'boundary-result', 'aria-live': 'polite' });
    const input = h('input', { type: 'file', id: 'boundary-file', accept: '.txt,.geojson,.json,text/plain,application/geo+json,application/json' });
    input.addEventListener('change', () => input.files[0] && check(input.files[0], out));
    fill(root, h('h3', {}, t('boundary.title')), h('label', { class: 'field' }, h('span', {}, t('boundary.file')), input), out);
  }

  return {
    /** The section of the supply shown: the same element while the same supply stays shown. */
    section(s) {
      if (!may) return null;
      if (s.id !== supply?.id) {
        pending = null;
        clearMap();
        supply = s;
        build();
      }
      supply = s; // the version a save is made on follows the record shown
      return root;
    },
    reset() {
      supply = null;
      pending = null;
      clearMap();
    },
  };
}

