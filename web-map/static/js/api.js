// Requests to the landwatch API. Errors carry the HTTP status and the RFC 9457 problem document.

import { lang } from './i18n.js';

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

let signedIn = null; // the session: { user, csrf_token, may }

/** Sends the browser to the sign-in page, which comes back here afterwards; never resolves. */
export function goSignIn() {
  const here = location.pathname + location.search + location.hash;
  location.assign(`/signin.html?next=${encodeURIComponent(here)}`); // from pages in folders too (print/)
  return new Promise(() => {});
}

/** The signed-in session ({ user, csrf_token, may }); without one the browser goes to sign in. */
export async function requireSession() {
  if (signedIn) return signedIn;
  const res = await fetch('/api/v1/session', { headers: { Accept: 'application/json' } });
  if (res.status === 401) return goSignIn();
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null), '/api/v1/session');
  signedIn = await res.json();
  return signedIn;
}

/** Ends the session and shows the sign-in page. */
export async function signOut() {
  await request('/api/v1/session', { method: 'DELETE' }).catch(() => {});
  signedIn = null;
  location.assign('signin.html');
}

/** The Accept-Language of the page's requests: the language it shows. */
export function acceptLanguage() {
  return lang() === 'zh' ? 'zh-CN' : 'en';
}

/**
 * fetch with the session's CSRF header on writes; an answer that is not OK throws an ApiError. The
 * server's refusals, reports and warnings come in the language the page shows.
 */
export async function request(url, options = {}) {
  let res;
  options = { ...options, headers: { 'Accept-Language': acceptLanguage(), ...options.headers } };
  const method = (options.method || 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && signedIn?.csrf_token) {
    // Writes from the browser carry the session's CSRF token.
    options = { ...options, headers: { ...options.headers, 'X-CSRF-Token': signedIn.csrf_token } };
  }
  try {
    res = await fetch(url, options);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, { detail: err.message }, url);
  }
  if (res.status === 401 && signedIn) return goSignIn(); // the session ended meanwhile
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

/** POSTs body as JSON of the given type (with any further headers) and parses the JSON answer. */
export async function postJSON(url, body, { signal, type = 'application/json', headers = {} } = {}) {
  const res = await request(url, {
    method: 'POST',
    signal,
    headers: { ...headers, 'Content-Type': type, Accept: 'application/json' },
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
