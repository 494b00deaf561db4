// The filter kept in the page's address (?stage=…&region=…, beside the map's own #map=zoom/lat/lon),
// so that a view can be shared as a link and a reload restores it. Other query parameters (lang,
// basemap) are kept as they are.
import { tileQuery } from './tiles.js';
import { emptyFilter } from './filters.js';
import { STAGES } from './codes.js';

const KEYS = ['stage', 'land_use', 'method', 'from_year', 'to_year', 'region'];

/** The filter the address carries, or null when it carries none. */
export function filterFromLink(search = location.search) {
  const q = new URLSearchParams(search);
  if (!KEYS.some((k) => q.has(k))) return null;
  const f = emptyFilter();
  const stage = q.get('stage');
  if (stage === 'none') f.stages = [];
  else if (stage) f.stages = stage.split(',').filter((c) => STAGES.some((s) => s.code === c));
  f.landUse = q.get('land_use') || '';
  f.method = q.get('method') || '';
  const year = (k) => (/^\d{4}$/.test(q.get(k) || '') ? Number(q.get(k)) : null);
  f.fromYear = year('from_year');
  f.toYear = year('to_year');
  f.region = q.get('region') || '';
  return f;
}

/** Writes the filter into the address without adding a history entry. */
export function writeFilterToLink(filter) {
  const q = new URLSearchParams(location.search);
  for (const k of KEYS) q.delete(k);
  for (const [k, v] of new URLSearchParams(tileQuery(filter))) q.set(k, v);
  if (filter.stages && filter.stages.length === 0) q.set('stage', 'none');
  const search = q.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
}
