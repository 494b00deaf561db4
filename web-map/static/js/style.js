// The map's style: a plain background (or a configured raster basemap), parcels filled by stage with
// the exact colours of DESIGN §3, flags as outlines, overlaps hatched in magenta, and the layers the
// page draws itself (selection, drawn area, highlighted results).
import { STAGES } from './codes.js';

export const BACKGROUND = '#f4f2ec';
export const TILE_SOURCE = 'landwatch';
const MAGENTA = '#d500f9';

/** The stage colour as a MapLibre expression on the feature's "stage" property. */
const stageColor = ['match', ['get', 'stage'], ...STAGES.flatMap((s) => [s.code, s.color]), '#9e9e9e'];

const hasFlag = (flag) => ['in', flag, ['coalesce', ['get', 'flags'], '']];
const polygons = ['==', ['geometry-type'], 'Polygon'];
const points = ['==', ['geometry-type'], 'Point'];
// An announced lot not sold yet (its land is nobody's yet): outlined, never filled as a stage.
const isLot = ['has', 'lot'];
const land = ['all', polygons, ['!', isLot]];
const BROWN = '#6d4c41';

/** The style the map starts with: background, and the basemap when one is configured. */
export function baseStyle(basemap) {
  const style = {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }],
  };
  if (basemap) {
    style.sources.basemap = {
      type: 'raster',
      tiles: basemap.tiles,
      tileSize: basemap.tileSize || 256,
      maxzoom: basemap.maxzoom || 18,
      attribution: basemap.attribution || '',
    };
    style.layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
  }
  return style;
}

/** Layers of the vector tile source, bottom to top. With a basemap the fills let it show through. */
export function tileLayers(withBasemap) {
  const src = { source: TILE_SOURCE, 'source-layer': 'parcels' };
  const flagLine = (id, flag, paint) => ({
    id, type: 'line', ...src, filter: ['all', polygons, hasFlag(flag)],
    layout: { 'line-join': 'round' }, paint,
  });
  return [
    {
      id: 'parcels-fill', type: 'fill', ...src, filter: land,
      paint: { 'fill-color': stageColor, 'fill-opacity': withBasemap ? 0.7 : 1 },
    },
    {
      id: 'parcels-outline', type: 'line', ...src, filter: land,
      paint: { 'line-color': '#37474f', 'line-opacity': 0.55, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 0.3, 16, 0.8] },
    },
    {
      id: 'parcels-point', type: 'circle', ...src, filter: points,
      paint: {
        'circle-color': stageColor, 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 1.5, 14, 3],
        'circle-stroke-color': '#37474f', 'circle-stroke-width': 0.3,
      },
    },
    {
      id: 'overlaps-fill', type: 'fill', source: TILE_SOURCE, 'source-layer': 'overlaps',
      paint: { 'fill-pattern': 'hatch-magenta', 'fill-opacity': 0.9 },
    },
    {
      id: 'overlaps-outline', type: 'line', source: TILE_SOURCE, 'source-layer': 'overlaps',
      paint: { 'line-color': MAGENTA, 'line-width': 1 },
    },
    flagLine('flag-suspected-idle', 'suspected_idle', { 'line-color': '#b71c1c', 'line-width': 3.5 }),
    flagLine('flag-overlap', 'overlap', { 'line-color': MAGENTA, 'line-width': 2 }),
    flagLine('flag-overdue-delivery', 'overdue_delivery', { 'line-color': '#0d47a1', 'line-width': 2, 'line-dasharray': [1, 1] }),
    flagLine('flag-overdue-start-base', 'overdue_start', { 'line-color': '#212121', 'line-width': 2.5 }),
    flagLine('flag-overdue-start', 'overdue_start', { 'line-color': '#ffb300', 'line-width': 2.5, 'line-dasharray': [2, 2] }),
    flagLine('flag-overdue-completion', 'overdue_completion', { 'line-color': '#33691e', 'line-width': 2, 'line-dasharray': [3, 1.5] }),
    flagLine('flag-late-entry', 'late_entry', { 'line-color': '#455a64', 'line-width': 1.5, 'line-dasharray': [0.5, 1.5] }),
    // The register's marks (register.js): a mortgage not released dash-dotted in indigo, collective
    // land (集体建设用地) in a double brown line, an unsold lot dashed in orange with no fill (an
    // invisible fill takes its clicks).
    flagLine('flag-mortgaged', 'mortgaged', { 'line-color': '#283593', 'line-width': 2, 'line-dasharray': [4, 1.5, 1, 1.5] }),
    {
      id: 'collective-outer', type: 'line', ...src, filter: ['all', polygons, ['==', ['get', 'collective'], 1]],
      paint: { 'line-color': BROWN, 'line-width': 1.2 },
    },
    {
      id: 'collective-inner', type: 'line', ...src, filter: ['all', polygons, ['==', ['get', 'collective'], 1]],
      paint: { 'line-color': BROWN, 'line-width': 1.2, 'line-offset': 3 },
    },
    { id: 'lots-fill', type: 'fill', ...src, filter: ['all', polygons, isLot], paint: { 'fill-color': '#ef6c00', 'fill-opacity': 0 } },
    {
      id: 'lots-outline', type: 'line', ...src, filter: ['all', polygons, isLot],
      paint: { 'line-color': '#ef6c00', 'line-width': 2, 'line-dasharray': [3, 2] },
    },
    {
      // Open findings (核查线索), one dot each on the supply's land, from zoom 14 on.
      id: 'findings-dot', type: 'circle', source: TILE_SOURCE, 'source-layer': 'findings', minzoom: 14,
      paint: {
        'circle-radius': 5,
        'circle-color': ['match', ['get', 'kind'],
          'suspected_idle', '#b71c1c', 'overlap', MAGENTA, 'inconsistency', '#ef6c00', '#455a64'],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: 'results-outline', type: 'line', ...src, filter: ['in', ['get', 'supply_id'], ['literal', []]],
      paint: { 'line-color': '#00838f', 'line-width': 3 },
    },
    {
      id: 'overlap-selected', type: 'fill', source: TILE_SOURCE, 'source-layer': 'overlaps', filter: ['==', ['get', 'a'], -1],
      paint: { 'fill-color': MAGENTA, 'fill-opacity': 0.75 },
    },
  ];
}

/** Layers drawn from the page's own GeoJSON sources, above the tiles. */
export function pageLayers() {
  return [
    { id: 'selection-halo', type: 'line', source: 'selection', paint: { 'line-color': '#ffffff', 'line-width': 6 } },
    { id: 'selection-line', type: 'line', source: 'selection', paint: { 'line-color': '#000000', 'line-width': 2.5 } },
    {
      id: 'draw-fill', type: 'fill', source: 'draw', filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#00897b', 'fill-opacity': 0.12 },
    },
    {
      id: 'draw-line', type: 'line', source: 'draw', filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'line-color': '#00695c', 'line-width': 2, 'line-dasharray': [2, 1] },
    },
    {
      id: 'draw-vertex', type: 'circle', source: 'draw', filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 4, 'circle-color': '#ffffff', 'circle-stroke-color': '#00695c', 'circle-stroke-width': 2 },
    },
  ];
}

/** Adds the images the style's patterns use: a magenta diagonal hatch on transparent ground. */
export function addPatterns(map) {
  if (map.hasImage('hatch-magenta')) return;
  const size = 8;
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // distance from the anti-diagonal x + y = size - 1, wrapped so the pattern tiles seamlessly
      const d = (x + y + 1) % size;
      const cover = d === 0 ? 1 : d === 1 || d === size - 1 ? 0.35 : 0;
      const i = (y * size + x) * 4;
      data.set([0xd5, 0x00, 0xf9, Math.round(cover * 255)], i);
    }
  }
  map.addImage('hatch-magenta', { width: size, height: size, data });
}

/** The layers that show parcels (hidden together when no stage is selected). */
export const PARCEL_LAYERS = [
  'parcels-fill', 'parcels-outline', 'parcels-point', 'flag-suspected-idle', 'flag-overlap',
  'flag-overdue-delivery', 'flag-overdue-start-base', 'flag-overdue-start', 'flag-overdue-completion',
  'flag-late-entry', 'results-outline', 'flag-mortgaged', 'collective-outer', 'collective-inner',
];

/** The layers a click on the map picks supplies from. */
export const CLICKABLE_LAYERS = ['parcels-fill', 'parcels-point', 'lots-fill'];
