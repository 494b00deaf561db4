// Drawing a supply's boundary on the map with terra-draw: the supply's parcels loaded as polygons
// whose vertices are dragged, new polygons drawn by clicks, each vertex snapped onto a neighbouring
// parcel's vertex when the pointer comes within a few pixels of one, and the plane area given back
// on every change. The neighbours are the supplies whose parcels the map draws in view; their exact
// vertices come from the API (the tiles' are rounded to the tile grid), so a snapped vertex is the
// neighbour's own, to the drawing's precision.
import { TerraDraw, TerraDrawPolygonMode } from '../vendor/terra-draw/terra-draw.mjs';
import { TerraDrawMapLibreGLAdapter } from '../vendor/terra-draw/terra-draw-maplibre-gl-adapter.mjs';
import { getJSON, supplyPath } from './api.js';
import { planeArea } from './planearea.js';

const PRECISION = 9; // decimal places of a degree kept: 0.1 mm
const SNAP_PX = 12; // how near (screen pixels) a neighbour's vertex pulls the pointer
const MAX_NEIGHBOURS = 60; // supplies whose vertices are fetched for one view

const round = (v) => Number(v.toFixed(PRECISION));
const roundRing = (ring) => ring.map(([x, y]) => [round(x), round(y)]);

/** The Polygon features of a GeoJSON geometry (a MultiPolygon split), with properties. */
function polygonsOf(geometry, properties) {
  const polys = geometry.type === 'MultiPolygon' ? geometry.coordinates : [geometry.coordinates];
  return polys.map((rings) => ({ type: 'Feature', properties: { ...properties }, geometry: { type: 'Polygon', coordinates: rings.map(roundRing) } }));
}

/** Every vertex of a FeatureCollection's polygons. */
function verticesOf(fc) {
  const out = [];
  for (const f of fc.features || []) {
    const g = f.geometry;
    if (!g) continue;
    const polys = g.type === 'MultiPolygon' ? g.coordinates : g.type === 'Polygon' ? [g.coordinates] : [];
    for (const rings of polys) for (const ring of rings) for (const p of ring) out.push(p);
  }
  return out;
}

/**
 * Creates the drawing of one map. onChange(areaM2) is called on every change of the drawing.
 * start(supply, parcelsGeoJSON | null) begins (with the supply's parcels to edit, or empty),
 * geojson() is the drawing as the parcels API takes it, stop() ends it.
 */
export function createBoundaryDrawing(map, { onChange }) {
  let draw = null;
  let supply = null;
  let parcelProps = []; // number, name … of each loaded parcel, kept through a save
  let vertices = [];
  const neighbours = new Map(); // supply id → its vertices
  let loading = 0;

  function snap(event) {
    let best = null;
    let bestD = SNAP_PX * SNAP_PX;
    for (const v of vertices) {
      const p = map.project(v);
      const d = (p.x - event.containerX) ** 2 + (p.y - event.containerY) ** 2;
      if (d <= bestD) {
        best = v;
        bestD = d;
      }
    }
    return best ? [round(best[0]), round(best[1])] : undefined;
  }

  /** Fetches the exact vertices of the supplies drawn in view (the edited one left out). */
  async function loadNeighbours() {
    const ids = new Set();
    for (const f of map.getLayer('parcels-fill') ? map.queryRenderedFeatures({ layers: ['parcels-fill'] }) : []) {
      const id = f.properties.supply_id;
      if (id != null && id !== supply?.id) ids.add(id);
    }
    const mine = ++loading;
    const wanted = [...ids].slice(0, MAX_NEIGHBOURS);
    await Promise.all(wanted.filter((id) => !neighbours.has(id)).map(async (id) => {
      try {
        neighbours.set(id, verticesOf(await getJSON(supplyPath(id), { accept: 'application/geo+json' })));
      } catch {
        neighbours.set(id, []); // no snapping to what cannot be read
      }
    }));
    if (mine === loading && draw) vertices = wanted.flatMap((id) => neighbours.get(id) || []);
  }

  function polygons() {
    if (!draw) return [];
    return draw.getSnapshot().filter((f) => f.geometry.type === 'Polygon' && f.geometry.coordinates[0].length >= 4);
  }

  function area() {
    return polygons().reduce((sum, f) => sum + planeArea(f.geometry), 0);
  }

  function stop() {
    if (!draw) return;
    map.off('moveend', loadNeighbours);
    draw.stop();
    draw = null;
    vertices = [];
  }

  // While drawing, a click on the map is the drawing's, not a choice of the parcel under it.
  map.on('click', (e) => {
    if (draw) e.handledByDraw = true;
  });

  return {
    active: () => draw !== null,
    start(s, parcels) {
      stop();
      supply = s;
      neighbours.clear();
      draw = new TerraDraw({
        adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: PRECISION }),
        modes: [new TerraDrawPolygonMode({
          editable: true,
          snapping: { toCustom: snap },
          styles: { fillColor: '#ff9800', fillOpacity: 0.3, outlineColor: '#e65100', outlineWidth: 2 },
        })],
      });
      draw.start();
      draw.setMode('polygon');
      parcelProps = [];
      if (parcels) {
        const byID = new Map((s.parcels || []).map((p) => [p.id, p]));
        const features = parcels.features.flatMap((f, i) => {
          const p = byID.get(f.id) || {};
          parcelProps[i] = { number: p.number, name: p.name, land_use: p.land_use, declared_area_ha: p.declared_area_ha };
          return polygonsOf(f.geometry, { mode: 'polygon', parcel: i });
        });
        const refused = draw.addFeatures(features).filter((r) => !r.valid);
        if (refused.length) console.warn('parcels not drawn:', refused.map((r) => r.reason).join('; '));
      }
      draw.on('change', () => onChange(area()));
      map.on('moveend', loadNeighbours);
      loadNeighbours();
      onChange(area());
    },
    /** The drawing as a FeatureCollection of parcels: a loaded parcel's polygons together again. */
    geojson() {
      const parcels = new Map();
      const features = [];
      for (const f of polygons()) {
        const i = f.properties.parcel;
        if (i == null) {
          features.push({ type: 'Feature', properties: {}, geometry: f.geometry });
        } else if (parcels.has(i)) {
          parcels.get(i).geometry.coordinates.push(f.geometry.coordinates);
        } else {
          const props = Object.fromEntries(Object.entries(parcelProps[i] || {}).filter(([, v]) => v != null && v !== ''));
          const feature = { type: 'Feature', properties: props, geometry: { type: 'MultiPolygon', coordinates: [f.geometry.coordinates] } };
          parcels.set(i, feature);
          features.push(feature);
        }
      }
      return { type: 'FeatureCollection', features };
    },
    area,
    stop,
  };
}
