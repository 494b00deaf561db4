// Labels at high zoom: each parcel's e-supervision number, and under it from zoom 17 its project
// name (only tiles of zoom 17 and above carry it, so lower tiles stay small). They are written at
// the tiles' label points (the layer "labels": one point inside each parcel, in the one tile that
// holds it), not on the polygons, which the map would label once in every tile a parcel reaches. The style names no
// glyph server, so MapLibre draws every character in the browser from the fonts the computer has
// (TinySDF): nothing is fetched for text, from landwatch or elsewhere, and Chinese is drawn as well
// as digits.
import { TILE_SOURCE } from './style.js';

export const LABEL_MIN_ZOOM = 16;

export function addLabels(map, { beforeLayer }) {
  map.addLayer({
    id: 'parcel-labels', type: 'symbol', source: TILE_SOURCE, 'source-layer': 'labels', minzoom: LABEL_MIN_ZOOM,
    layout: {
      'text-field': ['case', ['has', 'project'], ['concat', ['get', 'e_number'], '\n', ['get', 'project']], ['get', 'e_number']],
      'text-font': ['sans-serif'],
      'text-size': ['interpolate', ['linear'], ['zoom'], LABEL_MIN_ZOOM, 10, 19, 13],
      'symbol-placement': 'point',
      'text-max-width': 12,
    },
    paint: { 'text-color': '#212121', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
  }, beforeLayer);
}
