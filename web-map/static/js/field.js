// The field page (实地核查): open and assigned findings nearest first, a finding's details with a
// small map, and the verification form. Test hook: window.landwatchField.
import { getJSON, requireSession } from './api.js';
import { showWho } from './who.js';
import { loadConfig } from './config.js';
import { lang, setLang, t, translate } from './i18n.js';
import './fieldwords.js';
import { distanceTo, metres, watchDevice } from './fieldgeo.js';
import { createList, supplyCache } from './fieldlist.js';
import { renderDetail } from './fielddetail.js';
import { createForm } from './fieldform.js';
import { createFieldMap } from './fieldmap.js';

const listView = document.getElementById('field-list-view');
const detailView = document.getElementById('field-detail-view');
const posEl = document.getElementById('field-position');
const hereEl = document.getElementById('field-here');

const supplies = supplyCache();
let current = null; // { finding, supply, other }
let fieldMap = null; // promise of the map, made the first time a finding is opened
let posState = { fix: null, error: null };
let config;

function showPosition() {
  const { fix, error } = posState;
  posEl.dataset.state = fix ? 'fix' : error || 'waiting';
  posEl.textContent = fix ? t('field.pos.fix', { acc: Math.round(fix.accuracy) }) : t(`field.pos.${error || 'waiting'}`);
  if (!fix) {
    hereEl.textContent = t('field.noPosition');
    return;
  }
  let text = t('field.here', { lon: fix.lon.toFixed(6), lat: fix.lat.toFixed(6), acc: Math.round(fix.accuracy) });
  if (current?.supply) {
    const d = distanceTo(fix.lon, fix.lat, current.supply.geojson);
    if (d != null) {
      text += ` · ${d === 0 ? t('field.inside') : t('field.hereDistance', { d: metres(d, lang()) })}`;
      const el = document.getElementById('field-detail-distance');
      if (el) el.textContent = d === 0 ? t('field.inside') : metres(d, lang());
    }
  }
  hereEl.textContent = text;
}

const list = createList({ supplies, onOpen: (f) => { location.hash = `f=${f.id}`; } });
const form = createForm({
  getFinding: () => current?.finding,
  getFix: () => posState.fix,
  onRecorded: (f) => {
    current.finding = f;
    renderDetail(f, current.supply, current.other, distanceHere());
    showPosition();
  },
});

function distanceHere() {
  const fix = posState.fix;
  return fix && current?.supply ? distanceTo(fix.lon, fix.lat, current.supply.geojson) : null;
}

async function openFinding(id) {
  listView.hidden = true;
  detailView.hidden = false;
  form.reset();
  document.getElementById('field-detail-title').textContent = t('field.loading');
  document.getElementById('field-detail').replaceChildren();
  window.scrollTo(0, 0);
  let finding;
  try {
    finding = await getJSON(`/api/v1/findings/${encodeURIComponent(id)}`);
  } catch (err) {
    document.getElementById('field-detail-title').textContent = err.status === 404 ? t('field.notFound') : err.message;
    return;
  }
  const [supply, other] = await Promise.all([
    supplies.get(finding.supply_id),
    finding.other_supply_id ? supplies.get(finding.other_supply_id) : null,
  ]);
  current = { finding, supply, other };
  renderDetail(finding, supply, other, distanceHere());
  showPosition();
  fieldMap ??= createFieldMap(document.getElementById('field-map'), config);
  const m = await fieldMap;
  m.showSupplies(supply?.geojson, other?.geojson, posState.fix);
  m.showDevice(posState.fix);
  document.body.dataset.openFinding = String(finding.id);
}

function showList() {
  current = null;
  delete document.body.dataset.openFinding;
  detailView.hidden = true;
  listView.hidden = false;
  list.render();
}

function route() {
  const m = /^#f=(\d+)$/.exec(location.hash);
  if (m) openFinding(m[1]);
  else showList();
}

async function start() {
  translate(document);
  document.title = `landwatch · ${t('field.title')}`;
  const session = await requireSession();
  showWho(session);
  list.setUser(session.user.name);
  config = await loadConfig();
  document.getElementById('field-back').addEventListener('click', () => {
    if (/^#f=/.test(location.hash)) history.back();
    else showList();
  });
  document.getElementById('field-lang').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  document.addEventListener('langchange', () => {
    document.title = `landwatch · ${t('field.title')}`;
    showPosition();
    if (current) renderDetail(current.finding, current.supply, current.other, distanceHere());
    else list.render();
  });
  window.addEventListener('hashchange', route);
  showPosition();
  let sorted = Promise.resolve();
  watchDevice((state) => {
    posState = state;
    showPosition();
    if (state.fix) sorted = list.setPosition(state.fix);
    fieldMap?.then((m) => m.showDevice(state.fix));
  });
  await list.load();
  if (posState.fix) sorted = list.setPosition(posState.fix);
  route();
  window.landwatchField.sorted = () => sorted;
}

window.landwatchField = { ready: null, list, position: () => posState };
window.landwatchField.ready = start();
