// The MapLibre map: base style, controls, the page's own GeoJSON sources, and the cursor's
// coordinates in CGCS2000.
import * as maplibregl from '../vendor/maplibre-gl/maplibre-gl.mjs';
import { baseStyle, pageLayers } from './style.js';
import { lang, t } from './i18n.js';

const zhLocale = {
  'Map.Title': '地图',
  'NavigationControl.ZoomIn': '放大',
  'NavigationControl.ZoomOut': '缩小',
  'NavigationControl.ResetBearing': '指北',
  'GeolocateControl.FindMyLocation': '定位到我的位置',
  'GeolocateControl.LocationNotAvailable': '无法获取位置',
  'AttributionControl.ToggleAttribution': '显示或隐藏版权信息',
  'ScaleControl.Meters': '米',
  'ScaleControl.Kilometers': '千米',
};

const empty = () => ({ type: 'FeatureCollection', features: [] });

/** Creates the map in container and resolves once its style has loaded. */
export function createMap(container, config) {
  const map = new maplibregl.Map({
    container,
    style: baseStyle(config.basemap),
    center: config.center,
    zoom: config.zoom,
    hash: 'map',
    attributionControl: config.basemap ? { compact: true } : false,
    locale: lang() === 'zh' ? zhLocale : {},
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    maxPitch: 0,
    // tiles are reloaded when the server says parcels changed (tiles.js), not on cache expiry
    refreshExpiredTiles: false,
    // Tiles are revalidated (ETag) rather than taken from the browser cache, so an edit shows
    // as soon as the map reloads them.
    transformRequest: (url, type) => (type === 'Tile' && url.startsWith(location.origin) ? { url, cache: 'no-cache' } : { url }),
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.GeolocateControl({ positionOptions: { enableHighAccuracy: true } }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right');
  return new Promise((resolve, reject) => {
    map.once('load', () => {
      for (const id of ['selection', 'draw']) map.addSource(id, { type: 'geojson', data: empty() });
      for (const layer of pageLayers()) map.addLayer(layer);
      resolve(map);
    });
    // MapLibre reports style and tile errors as events; without a listener of ours they would go
    // to the console only while no other listener exists, so say them there always.
    map.on('error', (e) => {
      if (!map.loaded()) reject(e.error || new Error('the map could not start'));
      console.error(e.error || e);
    });
  });
}

/** Shows the coordinates under the cursor (on a touch screen: of the map's centre) in el. */
export function showCoordinates(map, el) {
  const show = (lngLat) => {
    el.textContent = t('coords.label', { lon: lngLat.lng.toFixed(6), lat: lngLat.lat.toFixed(6) });
  };
  const coarse = matchMedia('(pointer: coarse)').matches;
  if (coarse) {
    map.on('move', () => show(map.getCenter()));
  } else {
    let pointerOnMap = false;
    map.on('mousemove', (e) => {
      pointerOnMap = true;
      show(e.lngLat);
    });
    map.on('mouseout', () => {
      pointerOnMap = false;
    });
    map.on('moveend', () => pointerOnMap || show(map.getCenter()));
  }
  show(map.getCenter());
  document.addEventListener('langchange', () => show(map.getCenter()));
}

/** The bounding box [[w, s], [e, n]] of a GeoJSON object, or null when it has no coordinates. */
export function bboxOf(geojson) {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      w = Math.min(w, c[0]); e = Math.max(e, c[0]);
      s = Math.min(s, c[1]); n = Math.max(n, c[1]);
    } else {
      for (const x of c) walk(x);
    }
  };
  const visit = (g) => {
    if (!g) return;
    if (g.type === 'FeatureCollection') g.features.forEach(visit);
    else if (g.type === 'Feature') visit(g.geometry);
    else if (g.type === 'GeometryCollection') g.geometries.forEach(visit);
    else if (g.coordinates) walk(g.coordinates);
  };
  visit(geojson);
  return Number.isFinite(w) ? [[w, s], [e, n]] : null;
}

/** Padding that keeps a fitted area clear of the open panels. */
export function viewPadding() {
  const pad = { top: 60, bottom: 40, left: 40, right: 40 };
  if (matchMedia('(max-width: 700px)').matches) {
    const sheet = document.querySelector('.panel:not([hidden])');
    if (sheet) pad.bottom = Math.min(sheet.getBoundingClientRect().height + 20, innerHeight * 0.6);
    return pad;
  }
  for (const el of document.querySelectorAll('.panel:not([hidden])')) {
    const r = el.getBoundingClientRect();
    if (el.classList.contains('panel-left')) pad.left = Math.max(pad.left, r.width + 40);
    else pad.right = Math.max(pad.right, r.width + 40);
  }
  // never pad away the whole map: keep at least a third of its width for the fitted area
  const spare = innerWidth / 3;
  if (pad.left + pad.right > innerWidth - spare) {
    const k = (innerWidth - spare) / (pad.left + pad.right);
    pad.left = Math.floor(pad.left * k);
    pad.right = Math.floor(pad.right * k);
  }
  return pad;
}

/** Fits the map to a GeoJSON object; false when it has no geometry. */
export function fitTo(map, geojson, { maxZoom = 17, animate = true } = {}) {
  const bbox = bboxOf(geojson);
  if (!bbox) return false;
  map.fitBounds(bbox, { padding: viewPadding(), maxZoom, animate, duration: animate ? 800 : 0 });
  return true;
}
