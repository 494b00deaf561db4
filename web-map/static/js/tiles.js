// The parcels' vector tile source: read from the TileJSON, filtered through the tile URL's query
// string, and reloaded when the server says parcels changed (the TileJSON's ETag or body changes).
import { TILE_SOURCE, tileLayers, PARCEL_LAYERS, addPatterns } from './style.js';
import { STAGES } from './codes.js';

/** The query parameters of the tile URL for a filter (see filters.js for its fields). */
export function tileQuery(filter) {
  const q = new URLSearchParams();
  if (filter.stages && filter.stages.length > 0 && filter.stages.length < STAGES.length) q.set('stage', filter.stages.join(','));
  if (filter.landUse) q.set('land_use', filter.landUse);
  if (filter.method) q.set('method', filter.method);
  if (filter.fromYear) q.set('from_year', String(filter.fromYear));
  if (filter.toYear) q.set('to_year', String(filter.toYear));
  if (filter.region) q.set('region', filter.region);
  return q.toString();
}

function withQuery(template, query) {
  if (!query) return template;
  return template + (template.includes('?') ? '&' : '?') + query;
}

/**
 * Fetches the TileJSON, adds the source and its layers below `beforeLayer`, and returns a controller:
 * { available, tilejson, urls, setFilter(filter), refresh() }. When the TileJSON cannot be had the
 * controller says so (available false) and the rest of the page works without parcels.
 */
export async function attachTiles(map, config, { beforeLayer, withBasemap, onChange }) {
  const unavailable = { available: false, urls: [], setFilter() {}, refresh() {} };
  let res;
  try {
    res = await fetch(config.tiles, { cache: 'no-cache', headers: { Accept: 'application/json' } });
  } catch {
    res = null;
  }
  if (!res || !res.ok) return unavailable;
  const body = await res.text();
  let tilejson;
  try {
    tilejson = JSON.parse(body);
  } catch {
    return unavailable;
  }
  let marker = res.headers.get('ETag') || body;
  // resolved against the TileJSON's address, keeping the {z}/{x}/{y} braces unescaped. The TileJSON's
  // URLs are absolute for GIS clients, naming the address the server believes it is reached at; the
  // page asks the origin it was itself loaded from, whatever a proxy in between told the server.
  const base = new URL(config.tiles, location.href);
  const templates = (tilejson.tiles || []).map((t) => {
    const u = new URL(t, base);
    return new URL(u.pathname + u.search, base).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
  });
  const source = {
    type: 'vector',
    tiles: templates,
    minzoom: tilejson.minzoom ?? 0,
    maxzoom: tilejson.maxzoom ?? 16,
  };
  // no `bounds` on the source: a parcel edited outside the extent the page started with must show too
  if (tilejson.attribution) source.attribution = tilejson.attribution;
  addPatterns(map);
  map.addSource(TILE_SOURCE, source);
  for (const layer of tileLayers(withBasemap)) map.addLayer(layer, beforeLayer);

  let currentQuery = '';
  const controller = {
    available: true,
    tilejson,
    /** The tile URL templates with the current filter. */
    get urls() {
      return templates.map((t) => withQuery(t, currentQuery));
    },
    setFilter(filter) {
      const visible = !filter.stages || filter.stages.length > 0;
      for (const id of PARCEL_LAYERS) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
      const next = tileQuery(filter);
      if (next === currentQuery) return;
      currentQuery = next;
      map.getSource(TILE_SOURCE).setTiles(controller.urls);
    },
    refresh() {
      map.refreshTiles(TILE_SOURCE);
    },
  };

  if (config.refreshSeconds > 0) {
    const poll = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const r = await fetch(config.tiles, { cache: 'no-cache', headers: { Accept: 'application/json' } });
        if (!r.ok) return;
        const text = await r.text();
        const next = r.headers.get('ETag') || text;
        if (next !== marker) {
          marker = next;
          controller.refresh();
          onChange?.();
        }
      } catch {
        // the server is away for a moment; ask again next time
      }
    };
    setInterval(poll, config.refreshSeconds * 1000);
    document.addEventListener('visibilitychange', poll);
  }
  return controller;
}
