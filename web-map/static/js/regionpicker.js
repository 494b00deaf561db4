// The region picker of the filter panel: province › prefecture › county by name, from the
// divisions table (/api/v1/regions?parent=CODE). A choice writes its code into the region field
// before the form hears the change, so the filter applies it like a typed code; the filter's code
// (typed, from a shared link, or reset) is shown back in the picker by show().
import { t, addStrings } from './i18n.js';
import { h, fill } from './dom.js';
import { getJSON, query } from './api.js';

addStrings({
  'picker.province': ['省', 'Province'],
  'picker.prefecture': ['市', 'Prefecture'],
  'picker.county': ['县', 'County'],
  'picker.all': ['全部', 'All'],
  'picker.label': ['按名称选择行政区', 'Pick a region by name'],
});

const LEVELS = ['province', 'prefecture', 'county'];

export function setupRegionPicker(container, codeInput) {
  const children = new Map(); // parent code → its divisions
  const selects = LEVELS.map((level) => h('select', { id: `region-${level}`, dataset: { level }, 'aria-label': t(`picker.${level}`) }));
  fill(container, h('span', { class: 'picker-label' }, t('picker.label')),
    selects.map((s, i) => h('label', { class: 'picker-level' }, h('span', {}, t(`picker.${LEVELS[i]}`)), s)));

  function list(parent) {
    if (!children.has(parent)) {
      const items = getJSON(`/api/v1/regions${query({ parent })}`).then((page) => page.items);
      items.catch(() => children.delete(parent)); // asked again next time
      children.set(parent, items);
    }
    return children.get(parent);
  }

  /** Fills the select at level i with the divisions under parent, choosing want. */
  async function offer(i, parent, want = '') {
    for (const s of selects.slice(i)) fill(s, h('option', { value: '' }, t('picker.all')));
    const sel = selects[i];
    sel.disabled = i > 0 && !parent;
    if (i > 0 && !parent) return;
    const items = await list(parent);
    fill(sel, h('option', { value: '' }, t('picker.all')), items.map((r) => h('option', { value: r.code }, r.name)));
    sel.value = items.some((r) => r.code === want) ? want : '';
    sel.disabled = items.length === 0;
    for (const s of selects.slice(i + 1)) s.disabled = true;
  }

  selects.forEach((sel, i) => sel.addEventListener('change', () => {
    // the code is written now, synchronously, so that the form's own change handler reads it
    codeInput.value = sel.value || (i > 0 ? selects[i - 1].value : '');
    if (i < LEVELS.length - 1) offer(i + 1, sel.value).catch(() => {});
  }));

  /** The code the selects stand for: the last level chosen. */
  const chosen = () => selects.map((s) => s.value).filter(Boolean).pop() || '';

  // one code is shown at a time, in the order asked, so a later one is never overwritten
  let showing = Promise.resolve();
  /** Shows a 6-digit code (or none) in the picker: its province, prefecture and county. */
  function show(code) {
    showing = showing.then(() => showNow(code));
    return showing;
  }

  async function showNow(code) {
    if (selects[0].options.length > 1 && (code || '') === chosen()) return; // shown already (picked here)
    try {
      if (!/^\d{6}$/.test(code || '')) return await offer(0, '');
      const chain = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code];
      await offer(0, '', chain[0]);
      if (chain[1] === chain[0]) return await offer(1, chain[0]); // a province: its prefectures to pick
      await offer(1, chain[0], chain[1]);
      await offer(2, chain[1], chain[2] === chain[1] ? '' : chain[2]);
    } catch {
      // the picker is a convenience: without the divisions the code field still filters
    }
  }
  document.addEventListener('langchange', () => {
    container.querySelector('.picker-label').textContent = t('picker.label');
    container.querySelectorAll('.picker-level > span').forEach((el, i) => { el.textContent = t(`picker.${LEVELS[i]}`); });
  });
  return { show };
}
