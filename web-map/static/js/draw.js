// Drawing a box (two clicks at opposite corners) or a polygon (click to add vertices; double-click,
// a click on the first vertex, Enter or the Finish button to close it) on the map. The finished
// shape is a GeoJSON Polygon in longitude/latitude, exterior ring counter-clockwise.
import { t } from './i18n.js';

const CLOSE_PX = 10;
const SAME_PX = 4;

/** The polygon of the box with corners a and b ([lon, lat] each). */
export function boxPolygon(a, b) {
  const [w, e] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
  const [s, n] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/** The polygon through these vertices, closed and counter-clockwise. */
export function ringPolygon(points) {
  const ring = points.map((p) => [p[0], p[1]]);
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    twice += x1 * y2 - x2 * y1;
  }
  if (twice < 0) ring.reverse();
  ring.push([...ring[0]]);
  return { type: 'Polygon', coordinates: [ring] };
}

export function setupDraw(map, { onDone, onStart }) {
  const container = map.getContainer();
  const buttons = { box: document.getElementById('btn-box'), polygon: document.getElementById('btn-polygon') };
  const hint = document.getElementById('draw-hint');
  const hintText = document.getElementById('draw-hint-text');
  const undo = document.getElementById('draw-undo');
  const finishButton = document.getElementById('draw-finish');
  let mode = null;
  let points = [];
  let cursor = null;

  const feature = (geometry) => ({ type: 'Feature', properties: {}, geometry });
  const show = (features) => map.getSource('draw').setData({ type: 'FeatureCollection', features });
  const px = (p) => map.project(p);
  const near = (a, b, d) => {
    const pa = px(a), pb = px(b);
    return Math.hypot(pa.x - pb.x, pa.y - pb.y) <= d;
  };

  function render() {
    if (!mode) return;
    const live = cursor ? [...points, cursor] : points;
    const features = points.map((p) => feature({ type: 'Point', coordinates: p }));
    if (mode === 'box' && points.length === 1 && cursor) features.push(feature(boxPolygon(points[0], cursor)));
    if (mode === 'polygon') {
      if (live.length >= 3) features.push(feature(ringPolygon(live)));
      else if (live.length === 2) features.push(feature({ type: 'LineString', coordinates: live }));
    }
    show(features);
    undo.disabled = points.length === 0;
    finishButton.disabled = points.length < 3;
  }

  function setHint() {
    hintText.textContent = mode ? t(`draw.hint.${mode}`) : '';
  }

  function start(next) {
    stop();
    mode = next;
    points = [];
    cursor = null;
    onStart?.();
    map.doubleClickZoom.disable();
    container.classList.add('drawing');
    buttons[next].setAttribute('aria-pressed', 'true');
    undo.hidden = finishButton.hidden = next !== 'polygon';
    hint.hidden = false;
    setHint();
    show([]);
    render();
  }

  function stop() {
    if (!mode) return;
    buttons[mode].setAttribute('aria-pressed', 'false');
    mode = null;
    container.classList.remove('drawing');
    hint.hidden = true;
    // re-enable after the double-click that may have finished the shape has passed
    setTimeout(() => map.doubleClickZoom.enable(), 350);
  }

  function finish(geometry) {
    show([feature(geometry)]);
    stop();
    onDone(geometry);
  }

  function finishPolygon() {
    if (mode === 'polygon' && points.length >= 3) finish(ringPolygon(points));
  }

  map.on('click', (e) => {
    if (!mode) return;
    e.handledByDraw = true; // the page's own click handler leaves this click alone
    const p = [e.lngLat.lng, e.lngLat.lat];
    if (mode === 'box') {
      if (points.length === 0) points = [p];
      else if (!near(points[0], p, SAME_PX)) return finish(boxPolygon(points[0], p));
    } else {
      if (points.length >= 3 && near(points[0], p, CLOSE_PX)) return finishPolygon();
      if (points.length && near(points.at(-1), p, SAME_PX)) return;
      points.push(p);
    }
    render();
  });
  map.on('dblclick', (e) => {
    if (!mode) return;
    e.preventDefault();
    finishPolygon();
  });
  map.on('mousemove', (e) => {
    if (!mode) return;
    cursor = [e.lngLat.lng, e.lngLat.lat];
    render();
  });
  document.addEventListener('keydown', (e) => {
    if (!mode) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    } else if (e.key === 'Enter' && mode === 'polygon' && !e.target.closest('input, select, textarea')) {
      e.preventDefault();
      finishPolygon();
    } else if (e.key === 'Backspace' && !e.target.closest('input, select, textarea')) {
      e.preventDefault();
      points.pop();
      render();
    }
  }, true); // before the panels' Escape handler, so Escape cancels the drawing first

  function cancel() {
    stop();
    show([]);
  }

  for (const [name, button] of Object.entries(buttons)) {
    button.addEventListener('click', () => (mode === name ? cancel() : start(name)));
  }
  undo.addEventListener('click', () => {
    points.pop();
    render();
  });
  finishButton.addEventListener('click', finishPolygon);
  document.getElementById('draw-cancel').addEventListener('click', cancel);
  document.addEventListener('langchange', setHint);

  return {
    /** True while a shape is being drawn (map clicks then add vertices instead of selecting). */
    active: () => mode !== null,
    clear: () => show([]),
  };
}
