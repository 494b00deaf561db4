// What the page highlights on the map: the selected supply's parcels (from its GeoJSON, so it
// shows even before tiles exist), the supplies of a result list, and one overlap.
import { fitTo } from './map.js';

const empty = () => ({ type: 'FeatureCollection', features: [] });

export function createHighlight(map) {
  const setFilter = (layer, filter) => {
    if (map.getLayer(layer)) map.setFilter(layer, filter);
  };
  return {
    /** Outlines the selected supply; fits the map to it when fly is true. */
    selection(geojson, { fly = false } = {}) {
      map.getSource('selection').setData(geojson || empty());
      return geojson && fly ? fitTo(map, geojson) : false;
    },
    clearSelection() {
      map.getSource('selection').setData(empty());
    },
    /** Outlines the parcels of these supplies (ids) in the tiles. */
    results(ids) {
      setFilter('results-outline', ['in', ['get', 'supply_id'], ['literal', ids.map(Number)]]);
    },
    /** Fills the overlap between supplies a and b (ids) in the tiles; null clears it. */
    overlap(a, b) {
      if (a == null) return setFilter('overlap-selected', ['==', ['get', 'a'], -1]);
      const pair = (x, y) => ['all', ['==', ['to-number', ['get', 'a']], Number(x)], ['==', ['to-number', ['get', 'b']], Number(y)]];
      setFilter('overlap-selected', ['any', pair(a, b), pair(b, a)]);
    },
  };
}
