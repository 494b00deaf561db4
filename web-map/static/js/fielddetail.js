// A finding's details on the field page: what was flagged, on which supply, and its steps so far.
import { h, fill } from './dom.js';
import { lang, t } from './i18n.js';
import { date, num, pct } from './format.js';
import { metres } from './fieldgeo.js';

function row(label, ...value) {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

function figures(f) {
  const fig = f.figures || {};
  if (f.kind === 'overlap' && fig.area_m2 != null) {
    return t('field.overlapArea', { a: num(fig.area_m2, 1), s1: pct(fig.share_a), s2: pct(fig.share_b) });
  }
  if (fig.assessment?.reason) return (f.rule || '').includes(fig.assessment.reason) ? null : fig.assessment.reason;
  const keys = Object.entries(fig).filter(([, v]) => typeof v !== 'object');
  return keys.length ? keys.map(([k, v]) => `${k}: ${typeof v === 'number' ? num(v, 4) : v}`).join('; ') : null;
}

/** Fills the detail view with finding f (with its steps), its supplies and the distance to them. */
export function renderDetail(f, supply, other, distance) {
  fill(document.getElementById('field-detail-title'),
    h('span', { class: `fkind fkind-${f.kind}` }, t(`kind.${f.kind}`)), ' ',
    h('span', { id: 'field-detail-enumber' }, supply?.e_number || `#${f.supply_id}`));
  const fig = figures(f);
  fill(document.getElementById('field-detail'),
    h('dl', { class: 'fdl' },
      row(t('field.supply'), supply?.e_number || '—'),
      supply?.project_name ? row(t('field.project'), supply.project_name) : null,
      supply?.location ? row(t('field.location'), supply.location) : null,
      f.other_supply_id ? row(t('field.other'), other?.e_number || `#${f.other_supply_id}`, other?.project_name ? ` ${other.project_name}` : '') : null,
      row(t('field.distance'), h('span', { id: 'field-detail-distance' }, distance == null ? '—' : distance === 0 ? t('field.inside') : metres(distance, lang()))),
      f.grade ? row(t('field.grade'), t(`grade.${f.grade}`)) : null,
      row(t('field.rule'), f.rule || '—'),
      fig ? row(t('field.figures'), fig) : null,
      row(t('field.status'), h('span', { id: 'field-detail-status', dataset: { status: f.status } }, t(`status.${f.status}`))),
      f.assignee ? row(t('field.assignee'), f.assignee) : null,
      row(t('field.detected'), date(f.detected_at))),
    f.steps?.length
      ? [h('h3', {}, t('field.steps')), h('ol', { class: 'fsteps' }, f.steps.map((s) => h('li', {},
        `${date(s.at)} ${t(`status.${s.from}`)} → ${t(`status.${s.to}`)}`,
        s.assignee ? ` (${s.assignee})` : '', s.reason ? ` · ${s.reason}` : '', s.actor ? ` · ${s.actor}` : '')))]
      : null);
}
