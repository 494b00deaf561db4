// The legend: each stage by its colour and name, with the number of supplies under the current
// filter (one cheap count per stage from the supplies list), then the flags' outlines.
import { STAGES, FLAGS } from './codes.js';
import { t, pick } from './i18n.js';
import { h, fill, swatch } from './dom.js';
import { getJSON, query } from './api.js';
import { num } from './format.js';
import { registerCounts, registerLegend } from './register.js';

/** The supplies-list parameters that match a map filter, without the stage. */
export function listParams(filter) {
  return {
    region: filter.region,
    method: filter.method,
    land_use: filter.landUse,
    from: filter.fromYear ? `${filter.fromYear}-01-01` : '',
    to: filter.toYear ? `${filter.toYear}-12-31` : '',
  };
}

/**
 * The reserve land (储备) the map draws under a filter, from the register's count of reserves:
 * reserve records are not supplies, and their parcels have no supply method or contract year, so a
 * filter by either hides them all; the reserves list has no land-use filter, so under one the count
 * is not known (null), nor when the register's counts could not be had.
 */
function reservedShown(base, register) {
  if (base.method || base.from || base.to) return 0;
  if (base.land_use || !register) return null;
  return register.reserves;
}

export function setupLegend() {
  const body = document.getElementById('legend-body');
  const toggle = document.getElementById('legend-toggle');
  let counts = {};
  let registered = null;
  let filter = null;
  let aborter = null;

  function render() {
    const shown = new Set(filter ? filter.stages : STAGES.map((s) => s.code));
    fill(body,
      h('ul', { class: 'stages' }, STAGES.map((s) => h('li', { class: shown.has(s.code) ? '' : 'off', dataset: { stage: s.code } },
        swatch(s.color), h('span', {}, pick(s.name)),
        h('span', { class: 'count' }, counts[s.code] == null ? '' : num(counts[s.code], 0))))),
      h('h3', {}, t('legend.flags')),
      h('ul', { class: 'flags' },
        FLAGS.filter((f) => !f.register).map((f) => h('li', {}, h('span', { class: `flag-sample ${f.code}`, 'aria-hidden': 'true' }), h('span', {}, pick(f.name)))),
        h('li', {}, h('span', { class: 'flag-sample overlaps', 'aria-hidden': 'true' }), h('span', {}, t('legend.overlaps')))),
      Object.keys(counts).length ? h('small', {}, t('legend.counts')) : null,
      registerLegend(registered));
  }

  async function count(next) {
    filter = next;
    aborter?.abort();
    aborter = new AbortController();
    const { signal } = aborter;
    const base = listParams(next);
    render();
    try {
      const supplied = STAGES.filter((s) => s.code !== 'reserved');
      const [totals, register] = await Promise.all([Promise.all(supplied.map((s) =>
        getJSON(`/api/v1/supplies${query({ ...base, stage: s.code, limit: 1 })}`, { signal }).then((r) => r.total))),
      // the register's counts are an addition: the stages are counted without them
      registerCounts(base, signal).catch((err) => { if (err.name === 'AbortError') throw err; return null; })]);
      counts = { ...Object.fromEntries(supplied.map((s, i) => [s.code, totals[i]])), reserved: reservedShown(base, register) };
      registered = register;
    } catch (err) {
      if (err.name === 'AbortError') return;
      counts = {};
      registered = null;
    }
    render();
  }

  const expand = (open) => {
    toggle.setAttribute('aria-expanded', String(open));
    body.hidden = !open;
  };
  // The user's choice; a tool panel on the left folds the legend away while it is open.
  let wanted = !matchMedia('(max-width: 700px)').matches;
  toggle.addEventListener('click', () => {
    wanted = toggle.getAttribute('aria-expanded') !== 'true';
    expand(wanted);
  });
  document.addEventListener('panelschange', (e) => expand(wanted && !e.detail.left));
  expand(wanted);
  document.addEventListener('langchange', render);
  render();
  return { update: count, refresh: () => filter && count(filter) };
}
