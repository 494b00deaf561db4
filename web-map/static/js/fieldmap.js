// The small map of the field page: the parcel tiles, the finding's supplies outlined, and the
// device's position as a dot inside its accuracy circle.
import * as maplibregl from '../vendor/maplibre-gl/maplibre-gl.mjs';
import { baseStyle } from './style.js';
import { attachTiles } from './tiles.js';
import { bboxOf } from './map.js';
import { circle } from './fieldgeo.js';

const empty = () => ({ type: 'FeatureCollection', features: [] });

/** Creates the map in container; resolves to { map, tiles, showSupplies(main, other, fix), showDevice(fix) }. */
export function createFieldMap(container, config) {
  const map = new maplibregl.Map({
    container,
    style: baseStyle(config.basemap),
    center: config.center,
    zoom: config.zoom,
    attributionControl: config.basemap ? { compact: true } : false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    maxPitch: 0,
    cooperativeGestures: false,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 100 }), 'bottom-left');
  map.on('error', (e) => console.error(e.error || e));
  return new Promise((resolve) => {
    map.once('load', async () => {
      map.addSource('supply', { type: 'geojson', data: empty() });
      map.addSource('device', { type: 'geojson', data: empty() });
      map.addLayer({ id: 'supply-halo', type: 'line', source: 'supply', paint: { 'line-color': '#ffffff', 'line-width': 6 } });
      map.addLayer({
        id: 'supply-line', type: 'line', source: 'supply',
        paint: { 'line-color': ['case', ['get', 'other'], '#d500f9', '#000000'], 'line-width': 2.5 },
      });
      map.addLayer({
        id: 'device-accuracy', type: 'fill', source: 'device', filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#1e88e5', 'fill-opacity': 0.15, 'fill-outline-color': '#1e88e5' },
      });
      map.addLayer({
        id: 'device-dot', type: 'circle', source: 'device', filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 7, 'circle-color': '#1e88e5', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 },
      });
      // the tiles go under the page's layers; the field page does not poll for changes
      const tiles = await attachTiles(map, { ...config, refreshSeconds: 0 }, { beforeLayer: 'supply-halo', withBasemap: !!config.basemap });
      resolve({
        map,
        tiles,
        /** Outlines the supplies and fits them, with the device's position when it is nearby. */
        showSupplies(main, other, fix) {
          const features = [];
          for (const [g, isOther] of [[main, false], [other, true]]) {
            for (const f of g?.features || []) features.push({ type: 'Feature', geometry: f.geometry, properties: { other: isOther } });
          }
          const data = { type: 'FeatureCollection', features };
          map.getSource('supply').setData(data);
          map.resize();
          const bbox = bboxOf(main) || bboxOf(data);
          const near = 0.02; // degrees: a device further away would shrink the supply to a speck
          if (bbox && fix && fix.lon > bbox[0][0] - near && fix.lon < bbox[1][0] + near && fix.lat > bbox[0][1] - near && fix.lat < bbox[1][1] + near) {
            bbox[0] = [Math.min(bbox[0][0], fix.lon), Math.min(bbox[0][1], fix.lat)];
            bbox[1] = [Math.max(bbox[1][0], fix.lon), Math.max(bbox[1][1], fix.lat)];
          }
          if (bbox) map.fitBounds(bbox, { padding: 30, maxZoom: 18, animate: false });
        },
        showDevice(fix) {
          const data = fix
            ? { type: 'FeatureCollection', features: [
              { type: 'Feature', geometry: circle(fix.lon, fix.lat, Math.max(fix.accuracy || 0, 1)), properties: {} },
              { type: 'Feature', geometry: { type: 'Point', coordinates: [fix.lon, fix.lat] }, properties: {} },
            ] }
            : empty();
          map.getSource('device').setData(data);
        },
      });
    });
  });
}
