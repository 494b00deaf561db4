// County and township outlines, when administrative boundaries are loaded: fetched for the view
// (/api/v1/boundaries?bbox=…&zoom=…, simplified for the zoom) from zoom 7 up, and drawn as lines
// above the parcels and below the selection.
import { getJSON, query } from './api.js';

const SOURCE = 'boundaries';
const MIN_ZOOM = 7;

export function setupOutlines(map, { beforeLayer }) {
  map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: 'boundary-township', type: 'line', source: SOURCE, minzoom: 11, filter: ['==', ['get', 'level'], 'township'],
    paint: { 'line-color': '#6d4c41', 'line-width': 1, 'line-dasharray': [3, 2] },
  }, beforeLayer);
  map.addLayer({
    id: 'boundary-county', type: 'line', source: SOURCE, filter: ['==', ['get', 'level'], 'county'],
    paint: { 'line-color': '#4e342e', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1.5, 14, 3] },
  }, beforeLayer);

  let aborter = null;
  async function reload() {
    aborter?.abort();
    const zoom = Math.floor(map.getZoom());
    if (zoom < MIN_ZOOM) {
      map.getSource(SOURCE).setData({ type: 'FeatureCollection', features: [] });
      return;
    }
    aborter = new AbortController();
    const b = map.getBounds();
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(5)).join(',');
    try {
      const fc = await getJSON(`/api/v1/boundaries${query({ bbox, zoom })}`, { signal: aborter.signal, accept: 'application/geo+json' });
      map.getSource(SOURCE).setData(fc);
    } catch {
      // no boundaries (or an older server): the map goes on without outlines
    }
  }
  map.on('moveend', reload);
  reload();
  return { reload };
}
