// The published style (/style.json) is made from the map's own style (web-map/static/js/style.js):
// its tile layers, with the stage colours and flag outlines the map draws, over a vector source
// named by the TileJSON. The map is the one source; web-map/static/style.json is what this script
// makes of it, and the server answers it with the TileJSON's address made absolute.
//
//   node style-json.mjs --write ../static/style.json   (after changing style.js)
//   node style-json.mjs --check FILE                   (FILE must validate and equal what style.js makes)
import { readFile, writeFile } from 'node:fs/promises';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { BACKGROUND, TILE_SOURCE, tileLayers } from '../static/js/style.js';

function publishedStyle() {
  return {
    version: 8,
    name: 'landwatch',
    metadata: {
      'landwatch:about': 'Parcels by development stage (DESIGN §3), flags as outlines, overlaps and findings. ' +
        'The hatch of overlaps is an image the map draws itself; a client without it fills them plainly.',
    },
    sources: { [TILE_SOURCE]: { type: 'vector', url: '/tiles.json' } },
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }, ...tileLayers(false)],
  };
}

const [mode, file] = process.argv.slice(2);
const made = publishedStyle();
if (mode === '--write' && file) {
  await writeFile(file, JSON.stringify(made, null, 1) + '\n');
} else if (mode === '--check' && file) {
  const style = JSON.parse(await readFile(file, 'utf8'));
  const errors = validateStyleMin(style).map((e) => e.message);
  // The served style names its source by an absolute address; all else is the map's own.
  const url = style.sources?.[TILE_SOURCE]?.url || '';
  if (!/^https?:\/\//.test(url) && url !== '/tiles.json') errors.push(`source ${TILE_SOURCE}: url ${url} is not the TileJSON`);
  // Compared whatever the order of each object's keys (the server writes them sorted).
  const canonical = (v) => (Array.isArray(v) ? v.map(canonical)
    : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v);
  const same = (a) => JSON.stringify(canonical({ ...a, sources: { [TILE_SOURCE]: { type: 'vector' } } }));
  if (same(style) !== same(made)) errors.push('the style differs from the map\'s (web-map/static/js/style.js): run node style-json.mjs --write ../static/style.json');
  if (errors.length) {
    console.error(errors.join('\n'));
    process.exit(1);
  }
} else {
  console.error('usage: node style-json.mjs --write FILE | --check FILE');
  process.exit(2);
}
