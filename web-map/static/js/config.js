// The page's settings: config.json beside index.html, overridden by query parameters.
//   basemap:        null, or { tiles: ["https://…/{z}/{x}/{y}.png"], tileSize, maxzoom, attribution }
//   tiles:          the TileJSON document of the parcels ("/tiles.json")
//   refreshSeconds: how often the map asks whether parcels changed (0: never)
//   center, zoom:   the view when the TileJSON gives none
// Query parameters: ?basemap=<URL template with {z}/{x}/{y}> and ?lang=zh|en (see i18n.js).

const defaults = {
  basemap: null,
  tiles: '/tiles.json',
  refreshSeconds: 5,
  center: [104.2, 35.9],
  zoom: 3.5,
};

/** Reads config.json (a missing or broken file leaves the defaults) and the query parameters. */
export async function loadConfig() {
  const config = { ...defaults };
  try {
    const res = await fetch('config.json', { cache: 'no-cache' });
    if (res.ok) Object.assign(config, await res.json());
  } catch {
    // defaults stand: the page works without its config file
  }
  const q = new URLSearchParams(location.search);
  const template = q.get('basemap');
  if (template && /^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/.test(template)) {
    config.basemap = { tiles: [template], tileSize: 256, attribution: q.get('basemap_attribution') || '' };
  } else if (template === 'none') {
    config.basemap = null;
  }
  if (config.basemap && !Array.isArray(config.basemap.tiles)) config.basemap = null;
  return config;
}
