// The filter panel: stages, land use, supply method, contract-year range and region. Every change
// that makes a valid filter is handed to onChange, which rebuilds the tile URL and the counts.
import { STAGES, METHODS, LAND_USES } from './codes.js';
import { t, pick } from './i18n.js';
import { h, fill, swatch } from './dom.js';

/** A filter with nothing left out. */
export function emptyFilter() {
  return { stages: STAGES.map((s) => s.code), landUse: '', method: '', fromYear: null, toYear: null, region: '' };
}

export function setupFilters({ onChange }) {
  const form = document.getElementById('filters');
  const stagesBox = document.getElementById('filter-stages');
  const landUse = document.getElementById('filter-landuse');
  const method = document.getElementById('filter-method');
  const from = document.getElementById('filter-from');
  const to = document.getElementById('filter-to');
  const region = document.getElementById('filter-region');
  const error = document.getElementById('filter-error');
  let last = emptyFilter();

  function renderChoices() {
    const checked = new Set(stageChecks().filter((c) => c.checked).map((c) => c.value));
    const first = stagesBox.childElementCount === 0;
    fill(stagesBox, STAGES.map((s) => h('label', {},
      h('input', { type: 'checkbox', name: 'stage', value: s.code, checked: first || checked.has(s.code) }),
      swatch(s.color), pick(s.name))));
    const keep = (sel) => sel.value;
    const lu = keep(landUse);
    fill(landUse, h('option', { value: '' }, t('filters.any')),
      LAND_USES.map((u) => h('option', { value: u.code }, `${u.code} ${pick(u.name)}`)));
    landUse.value = lu;
    const m = keep(method);
    fill(method, h('option', { value: '' }, t('filters.any')),
      METHODS.filter((x) => !x.legacy).map((x) => h('option', { value: x.code }, `${x.code} ${pick(x.name)}`)));
    method.value = m;
  }

  const stageChecks = () => [...stagesBox.querySelectorAll('input[name="stage"]')];

  function read() {
    const f = {
      stages: stageChecks().filter((c) => c.checked).map((c) => c.value),
      landUse: landUse.value,
      method: method.value,
      fromYear: from.value ? Number(from.value) : null,
      toYear: to.value ? Number(to.value) : null,
      region: region.value.trim(),
    };
    if (f.region && !/^\d{6}$/.test(f.region)) return { error: t('filters.invalid.region'), field: region };
    const badYear = (y) => y != null && (!Number.isInteger(y) || y < 1900 || y > 2100);
    if (badYear(f.fromYear) || badYear(f.toYear) || (f.fromYear && f.toYear && f.fromYear > f.toYear)) {
      return { error: t('filters.invalid.years'), field: from };
    }
    return { filter: f };
  }

  function apply() {
    const r = read();
    for (const el of [region, from]) el.removeAttribute('aria-invalid');
    if (r.error) {
      error.textContent = r.error;
      error.hidden = false;
      r.field.setAttribute('aria-invalid', 'true');
      return;
    }
    error.hidden = true;
    last = r.filter;
    onChange(last);
  }

  renderChoices();
  form.addEventListener('change', apply);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });
  form.addEventListener('reset', () => setTimeout(() => {
    for (const c of stageChecks()) c.checked = true;
    apply();
  }));
  document.getElementById('stages-all').addEventListener('click', () => {
    for (const c of stageChecks()) c.checked = true;
    apply();
  });
  document.getElementById('stages-none').addEventListener('click', () => {
    for (const c of stageChecks()) c.checked = false;
    apply();
  });
  document.addEventListener('langchange', renderChoices);
  /** Puts a filter (a shared link's, say) into the form and applies it. */
  function set(f) {
    const want = new Set(f.stages ?? STAGES.map((s) => s.code));
    for (const c of stageChecks()) c.checked = want.has(c.value);
    landUse.value = f.landUse || '';
    method.value = f.method || '';
    from.value = f.fromYear ?? '';
    to.value = f.toYear ?? '';
    region.value = f.region || '';
    apply();
  }
  return { current: () => last, set };
}
