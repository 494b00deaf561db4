// Requests to the landwatch API. Errors carry the HTTP status and the RFC 9457 problem document.

/** An answer other than 2xx. status 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(status, problem, url) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.url = url;
  }

  /** True when the server has no such route or record (404) or does not know a parameter yet. */
  get unavailable() {
    return this.status === 404 || this.status === 405 || this.status === 501;
  }
}

async function request(url, options = {}) {
  let res;
  try {
    res = await fetch(url, options);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, { detail: err.message }, url);
  }
  if (!res.ok) {
    let problem = null;
    try {
      problem = await res.json();
    } catch {
      // not a problem document
    }
    throw new ApiError(res.status, problem, url);
  }
  return res;
}

/** GETs url and parses the JSON answer. */
export async function getJSON(url, { signal, accept = 'application/json' } = {}) {
  const res = await request(url, { signal, headers: { Accept: accept } });
  return res.json();
}

/** POSTs body as JSON of the given type and parses the JSON answer. */
export async function postJSON(url, body, { signal, type = 'application/json' } = {}) {
  const res = await request(url, {
    method: 'POST',
    signal,
    headers: { 'Content-Type': type, Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json();
}

/** The path of a supply by id or e-supervision number. */
export function supplyPath(idOrNumber) {
  return `/api/v1/supplies/${encodeURIComponent(idOrNumber)}`;
}

/** A supply's parcels as a GeoJSON FeatureCollection. */
export function supplyGeoJSON(idOrNumber, signal) {
  return getJSON(supplyPath(idOrNumber), { signal, accept: 'application/geo+json' });
}

/** Builds a query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v == null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
