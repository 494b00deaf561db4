// Starts the map page and wires its parts. window.landwatch is the hook browser tests use:
//   landwatch.ready   a promise, resolved once the map, its tiles (when the server has them) and
//                     the panels are up and the first view has rendered
//   landwatch.map     the MapLibre map
//   landwatch.tiles   the tile controller: available, urls, setFilter(), refresh()
//   landwatch.idle()  a promise resolved when the map has rendered everything it asked for
//   landwatch.select(idOrENumber)  selects a supply as a click would (panel, highlight, fly)
import { loadConfig } from './config.js';
import { translate, setLang, lang, t } from './i18n.js';
import { wirePanels } from './panels.js';
import { createMap, showCoordinates, fitTo } from './map.js';
import { attachTiles } from './tiles.js';
import { CLICKABLE_LAYERS } from './style.js';
import { createHighlight } from './highlight.js';
import { setupLegend } from './legend.js';
import { setupFilters, emptyFilter } from './filters.js';
import { setupRegionPicker } from './regionpicker.js';
import { filterFromLink, writeFilterToLink } from './viewlink.js';
import { setupEmptyNotice } from './emptynotice.js';
import { setupOutlines } from './outlines.js';
import { addLabels } from './labels.js';
import { createDetails } from './details.js';
import { showLand } from './register.js';
import { createEventEditor } from './eventedit.js';
import { createBoundaryEditor } from './boundaryedit.js';
import { setupSearch } from './search.js';
import { setupDraw } from './draw.js';
import { setupDrawResults } from './drawresults.js';
import { setupWorklist } from './worklist.js';
import { setupReview } from './review.js';
import { setupFindingWork } from './findingwork.js';
import { createEvidence } from './reviewevidence.js';
import { requireSession, supplyGeoJSON } from './api.js';
import { showWho } from './who.js';
import { showStatus } from './status.js';
import { setupMenu } from './menu.js';
import { followBarHeight } from './bar.js';

const hook = { map: null, tiles: null };
hook.ready = new Promise((resolve, reject) => {
  hook.resolveReady = resolve;
  hook.rejectReady = reject;
});
hook.ready.catch(() => {}); // reported on the page; a test awaiting it still sees the rejection
window.landwatch = hook;

function idle(map) {
  return new Promise((resolve) => {
    map.once('idle', resolve);
    map.triggerRepaint();
  });
}

async function start() {
  const viewInLink = /[#&]map=/.test(location.hash); // before the map writes its own
  translate(document);
  const session = await requireSession(); // tiles and records are for signed-in users only
  hook.session = session;
  showWho(session);
  wirePanels();
  hook.menu = setupMenu();
  followBarHeight();
  const config = await loadConfig();
  const map = await createMap('map', config);
  hook.map = map;
  hook.idle = () => idle(map);
  showCoordinates(map, document.getElementById('coords'));
  const highlight = createHighlight(map);
  const legend = setupLegend();
  let details = null;
  let worklist = null;

  const tiles = await attachTiles(map, config, {
    beforeLayer: 'selection-halo',
    withBasemap: !!config.basemap,
    onChange: () => {
      showStatus(t('status.refreshed'), 2);
      legend.refresh();
      details?.refresh();
      worklist?.reload();
    },
  });
  hook.tiles = tiles;
  if (!tiles.available) {
    showStatus(t('status.noTiles'));
  } else if (!viewInLink) {
    const c = tiles.tilejson.center;
    if (Array.isArray(c) && c.length >= 2) map.jumpTo({ center: [c[0], c[1]], zoom: c[2] ?? 13 });
    else if (Array.isArray(tiles.tilejson.bounds)) {
      const [w, s, e, n] = tiles.tilejson.bounds;
      map.fitBounds([[w, s], [e, n]], { animate: false, padding: 20 });
    }
  }

  let selecting = 0;
  /** Selects a supply: details panel, outline, and (unless fly is false) the map fitted to it. */
  async function select(idOrNumber, { fly = true } = {}) {
    const mine = ++selecting;
    const [supply, geojson] = await Promise.all([
      details.show(idOrNumber),
      supplyGeoJSON(idOrNumber).catch(() => null),
    ]);
    if (mine !== selecting) return supply;
    highlight.overlap(null);
    highlight.selection(supply ? geojson : null, { fly: fly && !!supply });
    return supply;
  }
  hook.select = select;

  async function showOverlap(o) {
    highlight.overlap(o.a.supply_id, o.b.supply_id);
    const both = await Promise.all([o.a.supply_id, o.b.supply_id].map((id) => supplyGeoJSON(id).catch(() => null)));
    const features = both.flatMap((fc) => fc?.features || []);
    const union = { type: 'FeatureCollection', features };
    highlight.selection(union);
    fitTo(map, union);
  }

  const findingWork = setupFindingWork(session, {
    onSupply: (id) => select(id),
    onMoved: () => worklist?.reload(),
  });
  hook.finding = findingWork;
  const may = new Set(session.may || []);
  details = createDetails({
    editors: {
      events: createEventEditor({ may: may.has('events'), onChanged: () => details.refresh() }),
      boundary: createBoundaryEditor({ map, may: may.has('edit'), onChanged: () => details.refresh() }),
    },
    onFly: (id) => select(id),
    onFinding: (id) => findingWork.show(id),
    onOverlap: showOverlap,
    onSelect: (s) => {
      if (!s) {
        highlight.clearSelection();
        highlight.overlap(null);
      }
    },
  });

  hook.outlines = setupOutlines(map, { beforeLayer: 'selection-halo' });
  if (tiles.available) addLabels(map, { beforeLayer: 'selection-halo' });
  let emptyNotice = null;
  let picker = null;
  const filters = setupFilters({
    onChange: (f) => {
      tiles.setFilter(f);
      legend.update(f);
      worklist?.reload();
      writeFilterToLink(f);
      emptyNotice?.check(f);
      picker?.show(f.region);
    },
  });
  emptyNotice = setupEmptyNotice({ onReset: () => filters.set(emptyFilter()) });
  picker = setupRegionPicker(document.getElementById('region-picker'), document.getElementById('filter-region'));
  picker.show(''); // the provinces to pick from
  const linked = filterFromLink(); // a shared link's (or the last reload's) filter
  if (linked) filters.set(linked);
  legend.update(filters.current());

  let draw = null;
  const drawResults = setupDrawResults({ highlight, onSelect: (id) => select(id), onClose: () => draw?.clear() });
  draw = setupDraw(map, { onDone: (geometry) => drawResults.query(geometry) });
  setupSearch({ onSelect: (id) => select(id) });
  worklist = setupWorklist(map, { region: () => filters.current().region, onSelect: (id) => select(id), onFinding: (id) => findingWork.show(id) });
  hook.review = setupReview(session, {
    onSelect: (id) => select(id),
    onDecided: (s) => {
      const shown = details.current();
      if (shown && (shown.id === s.id || shown.e_number === s.e_number)) details.refresh();
    },
    evidence: createEvidence(map),
  });

  const clickable = () => CLICKABLE_LAYERS.filter((id) => map.getLayer(id));
  const around = (p, r) => [[p.x - r, p.y - r], [p.x + r, p.y + r]];
  map.on('click', (e) => {
    if (e.handledByDraw || draw.active()) return;
    const layers = clickable();
    if (!layers.length) return;
    const hits = map.queryRenderedFeatures(around(e.point, matchMedia('(pointer: coarse)').matches ? 8 : 3), { layers });
    const id = hits.find((f) => f.properties.supply_id != null)?.properties.supply_id;
    // on a phone the details sheet covers the lower map, so the map moves the parcel into view
    if (id != null) select(id, { fly: matchMedia('(max-width: 700px)').matches });
    else showLand(hits, details);
  });
  map.on('mousemove', (e) => {
    if (draw.active()) return;
    const layers = clickable();
    const over = layers.length > 0 && map.queryRenderedFeatures(around(e.point, 2), { layers }).length > 0;
    map.getCanvas().style.cursor = over ? 'pointer' : '';
  });

  document.getElementById('btn-lang').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  document.addEventListener('langchange', () => {
    if (!tiles.available) showStatus(t('status.noTiles'));
  });

  await idle(map);
  hook.resolveReady();
}

start().catch((err) => {
  showStatus(t('status.error', { msg: err.message || String(err) }));
  hook.rejectReady(err);
  throw err;
});
