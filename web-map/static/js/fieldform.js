// The verification form: verdict, shares, notes and photos, sent with the device's position at the
// moment of submission; the server's answer (the photos' SHA-256, or why it refused) is shown.
import { ApiError, getJSON, postJSON } from './api.js';
import { h, fill } from './dom.js';
import { lang, t } from './i18n.js';
import { freshFix, metres } from './fieldgeo.js';

const ACCEPTED = ['image/jpeg', 'image/png'];

/** Reads a file as base64; a type the server does not take (HEIC, WebP, GIF…) is re-encoded as JPEG. */
async function readPhoto(file) {
  if (ACCEPTED.includes(file.type)) return { content_type: file.type, data: await base64(file) };
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d').drawImage(bitmap, 0, 0);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
  return { content_type: 'image/jpeg', data: await base64(blob) };
}

function base64(blob) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).slice(String(r.result).indexOf(',') + 1));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(blob);
  });
}

/**
 * Wires the form. getFinding() is the finding on screen; getFix() the last position;
 * onRecorded(finding) is called after a verification was accepted.
 */
export function createForm({ getFinding, getFix, onRecorded }) {
  const form = document.getElementById('field-form');
  const input = document.getElementById('field-photos');
  const thumbs = document.getElementById('field-thumbs');
  const error = document.getElementById('field-form-error');
  const result = document.getElementById('field-result');
  const submit = document.getElementById('field-submit');
  let photos = []; // { file, url }

  const renderThumbs = () => {
    fill(thumbs, photos.map((p, i) => h('li', {},
      h('img', { src: p.url, alt: p.file.name || `${i + 1}` }),
      h('button', {
        type: 'button', class: 'fthumb-remove', 'aria-label': t('field.photoRemove', { n: i + 1 }),
        on: { click: () => { URL.revokeObjectURL(p.url); photos.splice(i, 1); renderThumbs(); } },
      }, '×'))));
  };
  input.addEventListener('change', () => {
    for (const file of input.files) photos.push({ file, url: URL.createObjectURL(file) });
    input.value = '';
    renderThumbs();
  });

  const say = (text) => {
    error.textContent = text;
    error.hidden = !text;
  };

  const share = (name) => {
    const raw = form.elements[name].value.trim();
    if (raw === '') return undefined;
    const v = Number(raw);
    if (!(v >= 0 && v <= 100)) throw new Error(t('field.badShare'));
    return v / 100;
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const finding = getFinding();
    if (!finding) return;
    say('');
    const verdict = form.elements.verdict.value;
    if (!verdict) {
      say(t('field.needVerdict'));
      return;
    }
    let developed, invested;
    try {
      developed = share('developed');
      invested = share('invested');
    } catch (err) {
      say(err.message);
      return;
    }
    submit.disabled = true;
    submit.textContent = t('field.submitting');
    try {
      const fix = await freshFix(getFix());
      if (!fix) {
        say(t('field.noPosition'));
        return;
      }
      const body = {
        lon: fix.lon, lat: fix.lat, accuracy_m: Math.round((fix.accuracy || 0) * 10) / 10,
        observed_at: new Date().toISOString(), verdict, notes: form.elements.notes.value.trim(),
        photos: await Promise.all(photos.map((p) => readPhoto(p.file))),
      };
      if (developed !== undefined) body.developed_share = developed;
      if (invested !== undefined) body.invested_share = invested;
      let answer;
      try {
        answer = await postJSON(`/api/v1/findings/${finding.id}/verifications`, body);
      } catch (err) {
        // No answer (status 0) or a server or gateway fault: worth another try.
        if (err instanceof ApiError && err.status > 0 && err.status < 500) showRefusal(err);
        else showFailed();
        return;
      }
      let now = null;
      try {
        now = await getJSON(`/api/v1/findings/${finding.id}`);
      } catch {
        // the verification stands; the status is shown when the finding is opened again
      }
      showRecorded(answer, now);
      for (const p of photos) URL.revokeObjectURL(p.url);
      photos = [];
      renderThumbs();
      form.reset();
      if (now) onRecorded(now);
    } finally {
      submit.disabled = false;
      submit.textContent = t('field.submit');
    }
  });

  function showRecorded(v, finding) {
    result.dataset.outcome = 'recorded';
    fill(result,
      h('p', { class: 'fresult-head' }, t('field.ok', { id: v.id, status: finding ? t(`status.${finding.status}`) : '—' })),
      v.distance_m != null ? h('p', {}, t('field.okDistance', { d: metres(v.distance_m, lang()) })) : null,
      v.photos?.length
        ? h('ol', { class: 'fshas' }, v.photos.map((p, i) => h('li', {},
          h('span', {}, t('field.sha', { n: i + 1 })), h('code', { class: 'sha256' }, p.sha256),
          p.taken_at ? h('span', { class: 'fexif' }, t('field.taken', { at: new Date(p.taken_at).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB') })) : null,
          p.taken_lon != null ? h('span', { class: 'fexif' }, t('field.takenAt', { lon: p.taken_lon.toFixed(6), lat: p.taken_lat.toFixed(6) })) : null)))
        : h('p', {}, t('field.noPhotos')));
    result.hidden = false;
    result.scrollIntoView({ block: 'nearest' });
  }

  // A request that never got an answer changes nothing on the server: the
  // form keeps its verdict, notes and photos, and is sent again as soon as
  // the browser is back online.
  function showFailed() {
    result.dataset.outcome = 'failed';
    result.dataset.field = '';
    fill(result, h('p', { class: 'fresult-head' }, t('field.failed')));
    result.hidden = false;
    result.scrollIntoView({ block: 'nearest' });
  }
  window.addEventListener('online', () => {
    if (result.dataset.outcome === 'failed' && !submit.disabled) form.requestSubmit();
  });

  function showRefusal(err) {
    const problem = err instanceof ApiError ? err.problem || {} : {};
    result.dataset.outcome = 'refused';
    result.dataset.field = problem.field || '';
    const fieldName = problem.field ? t(`fieldname.${problem.field}`).replace(/^fieldname\./, '') : '';
    fill(result,
      h('p', { class: 'fresult-head' }, t('field.refused')),
      fieldName ? h('p', { class: 'fresult-field' }, t('field.refusedField', { field: fieldName })) : null,
      h('p', { class: 'fresult-detail' }, problem.detail || err.message));
    result.hidden = false;
    result.scrollIntoView({ block: 'nearest' });
  }

  return {
    /** Clears the form and the last answer (another finding was opened). */
    reset() {
      form.reset();
      for (const p of photos) URL.revokeObjectURL(p.url);
      photos = [];
      renderThumbs();
      say('');
      result.hidden = true;
      fill(result);
    },
  };
}
