// The clerk's boundaries in the details panel: choose a coordinate file (the ministry's text format)
// or GeoJSON, or draw them on the map (the supply's parcels edited vertex by vertex, or a new
// polygon, snapped to the neighbours' vertices, its plane area shown as it is drawn: boundarydraw.js),
// see the parcels drawn on the map with their plane areas and the overlaps with other supplies
// found before anything is saved (the API's dry run), then save them on the version seen.
import { addStrings, t, pick } from './i18n.js';
import { h, fill } from './dom.js';
import { request, getJSON, supplyPath } from './api.js';
import { num, pct } from './format.js';
import { fitTo } from './map.js';
import { createBoundaryDrawing } from './boundarydraw.js';

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
  'boundary.drawTitle': ['在地图上绘制', 'Draw on the map'],
  'boundary.drawEdit': ['编辑现有界址', 'Edit the boundaries'],
  'boundary.drawNew': ['绘制新地块', 'Draw a new parcel'],
  'boundary.drawCheck': ['检查', 'Check'],
  'boundary.drawCancel': ['取消绘制', 'Stop drawing'],
  'boundary.drawHint': ['拖动顶点修改界址；在地图上逐点单击绘制新地块，单击首点闭合；靠近相邻地块的顶点时自动吸附', 'Drag a vertex to move it; click point by point to draw a new parcel, click the first point to close it; a vertex near a neighbouring parcel\'s vertex snaps onto it'],
  'boundary.drawArea': ['绘制面积 {area} 平方米', 'Drawn area {area} m²'],
  'boundary.drawEmpty': ['尚未绘制地块', 'Nothing drawn yet'],
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
  let pending = null; // the checked file or drawing: { text, type, drawn }
  let stopDrawing = () => {}; // ends a drawing and puts its controls back, once they are built
  const areaLine = h('p', { class: 'boundary-area', id: 'draw-area', 'aria-live': 'polite' });
  const drawing = createBoundaryDrawing(map, {
    onChange: (m2) => {
      areaLine.dataset.m2 = String(m2);
      areaLine.textContent = m2 > 0 ? t('boundary.drawArea', { area: num(m2, 1) }) : t('boundary.drawEmpty');
    },
  });

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
      h('p', { class: 'boundary-area', id: 'boundary-area', dataset: { m2: r.plane_area_m2 } }, t('boundary.area', { area: num(r.plane_area_m2, 1), n: features.length })),
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

  /** Sends body (a promise of { text, type }) to the dry run and shows what it found. */
  async function check(bodyPromise, out) {
    pending = null;
    clearMap();
    fill(out, h('p', { class: 'note' }, t('boundary.checking')));
    try {
      const body = await bodyPromise;
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
    if (pending.drawn && drawing.active() && pending.text !== JSON.stringify(drawing.geojson())) {
      checkDrawing(out); // moved since the check: checked again rather than saved unseen
      return;
    }
    const button = out.querySelector('#boundary-save');
    button.disabled = true;
    try {
      // saved on the version the clerk saw: a record changed since is refused (412)
      await request(`${supplyPath(supply.id)}/parcels`, {
        method: 'PUT', headers: { 'Content-Type': pending.type, Accept: 'application/json', 'If-Match': `"v${supply.version}"` }, body: pending.text,
      });
      pending = null;
      clearMap();
      stopDrawing();
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
    input.addEventListener('change', () => input.files[0] && check(bodyOf(input.files[0]), out));
    fill(root, h('h3', {}, t('boundary.title')), h('label', { class: 'field' }, h('span', {}, t('boundary.file')), input),
      drawControls(out), out);
  }

  function drawControls(out) {
    const hint = h('p', { class: 'note', hidden: true }, t('boundary.drawHint'));
    const during = [];
    const shown = (on) => {
      hint.hidden = !on;
      areaLine.hidden = !on;
      for (const b of during) b.disabled = !on;
    };
    stopDrawing = () => {
      drawing.stop();
      shown(false);
    };
    async function begin(withParcels) {
      fill(out);
      let parcels = null;
      try {
        if (withParcels) parcels = await getJSON(supplyPath(supply.id), { accept: 'application/geo+json' });
      } catch (err) {
        fill(out, problemLines(err));
        return;
      }
      drawing.start(supply, parcels);
      shown(true);
    }
    const check = h('button', { type: 'button', id: 'draw-check', disabled: true, on: { click: () => checkDrawing(out) } }, t('boundary.drawCheck'));
    const cancel = h('button', { type: 'button', id: 'draw-cancel', disabled: true, on: { click: () => { stopDrawing(); clearMap(); fill(out); } } }, t('boundary.drawCancel'));
    during.push(check, cancel);
    areaLine.hidden = true;
    return h('div', { class: 'boundary-draw' },
      h('h4', {}, t('boundary.drawTitle')),
      h('div', { class: 'row' },
        (supply.parcels || []).length
          ? h('button', { type: 'button', id: 'draw-edit', on: { click: () => begin(true) } }, t('boundary.drawEdit')) : null,
        h('button', { type: 'button', id: 'draw-new', on: { click: () => begin(false) } }, t('boundary.drawNew')),
        check, cancel),
      hint, areaLine);
  }

  function checkDrawing(out) {
    const fc = drawing.geojson();
    if (!fc.features.length) return;
    check(Promise.resolve({ text: JSON.stringify(fc), type: 'application/geo+json', drawn: true }), out);
  }

  return {
    /** The section of the supply shown: the same element while the same supply stays shown. */
    section(s) {
      if (!may) return null;
      if (s.id !== supply?.id) {
        pending = null;
        clearMap();
        stopDrawing();
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
      stopDrawing();
    },
  };
}

