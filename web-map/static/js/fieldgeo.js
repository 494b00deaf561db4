// The device's position (watched while the page is open) and distances from it to parcels, in metres
// on a local plane: good to a fraction of a metre over the few kilometres a field team cares about.

const M_PER_DEG = 111320;

/**
 * Watches the device's position. onChange receives { fix: {lon, lat, accuracy, at} | null, error }
 * with error one of "denied", "unavailable", "unsupported" or null. Returns a getter for the last fix.
 */
export function watchDevice(onChange) {
  let fix = null;
  if (!('geolocation' in navigator)) {
    onChange({ fix, error: 'unsupported' });
    return () => fix;
  }
  navigator.geolocation.watchPosition(
    (p) => {
      fix = toFix(p);
      onChange({ fix, error: null });
    },
    (err) => onChange({ fix, error: err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
    { enableHighAccuracy: true, maximumAge: 5000, timeout: 30000 },
  );
  return () => fix;
}

/**
 * A current position for the moment of a submission: `last` when it is under 10 s old, else a new
 * fix, falling back to `last` when none comes in time.
 */
export function freshFix(last, timeoutMs = 8000) {
  if (last && Date.now() - last.at < 10000) return Promise.resolve(last);
  if (!('geolocation' in navigator)) return Promise.resolve(last);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve(toFix(p)),
      () => resolve(last),
      { enableHighAccuracy: true, maximumAge: 0, timeout: timeoutMs },
    );
  });
}

function toFix(p) {
  return { lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy, at: p.timestamp };
}

/** The polygons (arrays of rings of [lon, lat]) of a GeoJSON object. */
export function polygonsOf(geojson) {
  const out = [];
  const visit = (g) => {
    if (!g) return;
    if (g.type === 'FeatureCollection') g.features.forEach(visit);
    else if (g.type === 'Feature') visit(g.geometry);
    else if (g.type === 'Polygon') out.push(g.coordinates);
    else if (g.type === 'MultiPolygon') out.push(...g.coordinates);
    else if (g.type === 'GeometryCollection') g.geometries.forEach(visit);
  };
  visit(geojson);
  return out;
}

/** Metres from lon/lat to the nearest polygon of geojson: 0 inside one, null when it has none. */
export function distanceTo(lon, lat, geojson) {
  const polys = polygonsOf(geojson);
  if (polys.length === 0) return null;
  const kx = M_PER_DEG * Math.cos((lat * Math.PI) / 180);
  const ky = M_PER_DEG;
  let best = Infinity;
  for (const poly of polys) {
    let inside = false;
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const ax = (ring[j][0] - lon) * kx, ay = (ring[j][1] - lat) * ky;
        const bx = (ring[i][0] - lon) * kx, by = (ring[i][1] - lat) * ky;
        // crossing of the ray from the point towards +x (even-odd, so holes count out)
        if ((ay > 0) !== (by > 0) && ax + ((0 - ay) * (bx - ax)) / (by - ay) > 0) inside = !inside;
        best = Math.min(best, segmentDistance(ax, ay, bx, by));
      }
    }
    if (inside) return 0;
  }
  return best;
}

/** Distance from the origin to the segment a–b. */
function segmentDistance(ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** A polygon approximating the circle of radius metres around lon/lat (the accuracy of a fix). */
export function circle(lon, lat, radius, steps = 48) {
  const kx = M_PER_DEG * Math.cos((lat * Math.PI) / 180);
  const ring = [];
  for (let i = 0; i <= steps; i++) {
    const a = (2 * Math.PI * i) / steps;
    ring.push([lon + (radius * Math.cos(a)) / kx, lat + (radius * Math.sin(a)) / M_PER_DEG]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}

/** A distance as people read it: "35 m", "1.2 km". */
export function metres(d, lang) {
  if (d == null) return '—';
  if (d < 1000) return lang === 'zh' ? `${Math.round(d)} 米` : `${Math.round(d)} m`;
  return lang === 'zh' ? `${(d / 1000).toFixed(d < 10000 ? 1 : 0)} 千米` : `${(d / 1000).toFixed(d < 10000 ? 1 : 0)} km`;
}
