// The register's records around a supply on the map (issue 15): the chain it came from (plan →
// announcement and lot → deal → supply), its transfers, leases and mortgages, reserve land and
// announced-but-unsold lots when clicked, and the legend's counts of them. The details panel and
// the legend call these; each new record kind adds its line here.
import { STAGES, LAND_USES, nameOf } from './codes.js';
import { addStrings, t, pick } from './i18n.js';
import { h, fill, swatch } from './dom.js';
import { getJSON, query } from './api.js';
import { num, pct, date } from './format.js';

addStrings({
  'register.chain': ['来源链条', 'Where it came from'],
  'register.plan': ['供地计划 {year}', 'Supply plan {year}'],
  'register.planProgress': ['完成 {share}', '{share} done'],
  'register.announcement': ['出让公告 {n}', 'Announcement {n}'],
  'register.lot': ['宗地 {n}', 'Lot {n}'],
  'register.deal': ['成交 {winner} {price} 万元 {on}', 'Sold to {winner} for {price} (10k yuan) on {on}'],
  'register.supply': ['本宗供地 {e}', 'This supply {e}'],
  'register.noChain': ['无出让公告记录', 'No announcement on record'],
  'register.transactions': ['转让、出租、抵押', 'Transfers, leases and mortgages'],
  'register.activeMortgage': ['抵押中', 'Mortgaged'],
  'register.released': ['已注销 {on}', 'Released {on}'],
  'register.idleWarning': ['该宗地为疑似或已认定闲置土地，存在交易：已生成核查线索', 'Traded while suspected or determined idle: a finding is open'],
  'register.reserve': ['储备地 {n}', 'Reserve land {n}'],
  'register.unsoldLot': ['未成交宗地 {n}', 'Unsold lot {n}'],
  'register.legend': ['登记', 'Register'],
  'register.collective': ['集体建设用地', 'Collective land'],
  'register.mortgaged': ['抵押未注销', 'Mortgaged'],
  'register.unsold': ['已公告未成交', 'Announced, unsold'],
  'register.reserves': ['储备地', 'Reserve land'],
  'register.counts': ['抵押为未注销抵押笔数，其余为宗数', 'Mortgages not released, the rest records'],
});

const TRANSACTION_KINDS = { transfer: ['转让', 'Transfer'], lease: ['出租', 'Lease'], mortgage: ['抵押', 'Mortgage'] };
const ACQUISITIONS = { purchase: ['收购', 'Purchase'], recovery: ['收回', 'Recovery'], requisition: ['征收', 'Requisition'], other: ['其他', 'Other'] };

const wan = (v) => (v == null ? '—' : `${num(v, 2)} ${t('unit.wan')}`);
const line = (cls, ...content) => h('li', { class: cls }, content);
const dl = (pairs) => h('dl', {}, pairs.filter(([, v]) => v != null).map(([k, v]) => [h('dt', {}, pick(k)), h('dd', {}, v === '' ? '—' : v)]));

/** The chain of a supply (GET /supplies/{id}/chain), one line per link. */
export function renderChain(c) {
  const items = [];
  if (c.plan) {
    const share = c.plan.progress?.share;
    items.push(line('chain-plan', t('register.plan', { year: c.plan.year }), ' ', c.plan.document_number || c.plan.doc_number || '',
      share != null ? h('span', { class: 'item-sub' }, ` · ${t('register.planProgress', { share: pct(share) })}`) : null));
  }
  if (c.announcement) {
    items.push(line('chain-announcement', t('register.announcement', { n: c.announcement.number }), ' · ', date(c.announcement.announced_on)));
  }
  if (c.lot) items.push(line('chain-lot', t('register.lot', { n: c.lot.number }), ` · ${num(c.lot.area_ha, 4)} ${t('unit.ha')}`));
  if (c.deal) {
    items.push(line('chain-deal', t('register.deal', { winner: c.deal.winner, price: num(c.deal.price_wan, 2), on: c.deal.deal_on })));
  }
  if (!c.announcement) items.push(line('chain-none note', t('register.noChain')));
  items.push(line('chain-supply', t('register.supply', { e: c.supply?.e_number || '' })));
  return h('ol', { class: 'chain' }, items);
}

/** The plan's progress share is on the plan itself: the chain names the plan, this fills it in. */
export async function loadChain(id, signal) {
  const c = await getJSON(`/api/v1/supplies/${id}/chain`, { signal });
  if (c.plan?.id) {
    try {
      const plan = await getJSON(`/api/v1/plans/${c.plan.id}`, { signal });
      c.plan = { ...c.plan, progress: plan.progress, doc_number: plan.doc_number };
    } catch (err) {
      if (err.name === 'AbortError') throw err;
    }
  }
  return c;
}

/** A supply's transactions, the active mortgage marked; the warning when one was made on idle land. */
export function renderTransactions(r, findings) {
  const idle = (findings?.items || []).some((f) => f.kind === 'idle_transaction' && f.status !== 'closed');
  const warning = idle ? h('p', { class: 'idle-warning', id: 'details-idle-warning', role: 'note' }, t('register.idleWarning')) : null;
  if (!r.items?.length) return [warning, h('p', { class: 'note' }, t('details.none'))];
  return [warning, h('ul', { class: 'items transactions' }, r.items.map((x) => {
    const active = x.kind === 'mortgage' && !x.released_on;
    return h('li', { class: active ? 'active-mortgage' : '', dataset: { kind: x.kind } },
      h('span', { class: 'item-title' }, pick(TRANSACTION_KINDS[x.kind] || [x.kind, x.kind]), ' ', x.certificate_no,
        active ? h('span', { class: 'badge mortgaged' }, t('register.activeMortgage')) : null),
      h('span', { class: 'item-sub' }, [`${x.party_from} → ${x.party_to}`, wan(x.amount_wan), `${num(x.area_ha, 4)} ${t('unit.ha')}`,
        x.registered_on, x.released_on ? t('register.released', { on: x.released_on }) : ''].filter(Boolean).join(' · ')));
  }))];
}

/** Shows reserve land (a click on grey land) in body: number, acquisition, area and what remains. */
export async function showReserve(body, number, signal) {
  const r = await getJSON(`/api/v1/reserves/${encodeURIComponent(number)}`, { signal });
  const reserved = STAGES.find((s) => s.code === 'reserved');
  fill(body,
    h('div', { class: 'details-head' },
      h('div', { class: 'enumber', id: 'details-reserve' }, t('register.reserve', { n: r.number })),
      h('div', {}, r.location || ''),
      h('div', { class: 'row' }, h('span', { class: 'stage-tag' }, swatch(reserved.color), pick(reserved.name)))),
    h('h3', {}, t('details.attributes')),
    dl([
      [['储备编号', 'Reserve number'], r.number],
      [['收储方式', 'Acquisition'], pick(ACQUISITIONS[r.acquisition] || [r.acquisition, r.acquisition])],
      [['收储日期', 'Taken in on'], r.taken_on],
      [['原权利人', 'Former holder'], r.former_holder || ''],
      [['补偿费用', 'Compensation'], wan(r.compensation_wan)],
      [['规划用途', 'Planned use'], r.planned_use_code ? `${r.planned_use_code} ${pick(nameOf(LAND_USES, r.planned_use_code.slice(0, 2)))}` : ''],
      [['面积（公顷）', 'Area (ha)'], num(r.area_ha, 4)],
      [['剩余面积（公顷）', 'Remaining (ha)'], h('span', { id: 'details-reserve-remaining' }, num(r.remaining_ha, 4))],
    ]));
  return r;
}

/** Shows an announced, unsold lot in body: its announcement and the lot's terms. */
export async function showLot(body, announcementID, lotNumber, signal) {
  const a = await getJSON(`/api/v1/announcements/${announcementID}`, { signal });
  const l = (a.lots || []).find((x) => x.number === lotNumber) || {};
  const range = (lo, hi) => (lo == null && hi == null ? '' : `${lo == null ? '—' : num(lo, 2)} – ${hi == null ? '—' : num(hi, 2)}`);
  fill(body,
    h('div', { class: 'details-head' },
      h('div', { class: 'enumber', id: 'details-lot' }, t('register.unsoldLot', { n: l.number || lotNumber })),
      h('div', {}, t('register.announcement', { n: a.number }))),
    h('h3', {}, t('details.attributes')),
    dl([
      [['公告日期', 'Announced on'], a.announced_on],
      [['报名截止', 'Registration ends'], a.registration_end || ''],
      [['竞价时间', 'Bidding'], [a.bidding_start, a.bidding_end].filter(Boolean).join(' – ')],
      [['宗地坐落', 'Location'], l.location || ''],
      [['面积（公顷）', 'Area (ha)'], num(l.area_ha, 4)],
      [['土地用途', 'Land use'], l.land_use_original || l.land_use_code || ''],
      [['出让年限', 'Term (years)'], l.term_years == null ? '' : String(l.term_years)],
      [['容积率', 'Plot ratio'], range(l.plot_ratio_min, l.plot_ratio_max)],
      [['起始价', 'Starting price'], wan(l.starting_price_wan)],
      [['增价幅度', 'Bid step'], wan(l.bid_step_wan)],
      [['竞买保证金', 'Deposit'], wan(l.deposit_wan)],
    ]));
  return a;
}

/** The legend's register lines: what marks each on the map, and how many there are under filter. */
export const REGISTER_MARKS = [
  { code: 'reserves', sample: 'reserved' },
  { code: 'collective', sample: 'collective' },
  { code: 'mortgaged', sample: 'mortgaged' },
  { code: 'unsold', sample: 'unsold-lot' },
];

/** Counts the register's records under the map filter: supplies params (base) and its region. */
export async function registerCounts(base, signal) {
  const region = base.region;
  const total = (url) => getJSON(url, { signal }).then((r) => r.total);
  const [reserves, collective, mortgaged, unsold] = await Promise.all([
    total(`/api/v1/reserves${query({ region, limit: 1 })}`),
    total(`/api/v1/supplies${query({ ...base, collective: 'true', limit: 1 })}`),
    total(`/api/v1/transactions${query({ region, kind: 'mortgage', active: 'true', limit: 1 })}`),
    unsoldLots(region, signal),
  ]);
  return { reserves, collective, mortgaged, unsold };
}

/**
 * Unsold lots in region, counted by the OGC lots collection (numberMatched), which filters on the
 * lot's status where the announcements list cannot: a region of many announcements is counted whole.
 */
async function unsoldLots(region, signal) {
  const filter = ["status='unsold'"];
  // A region is its code's leading digits: 130600 covers 1306xx, 130000 covers 13xxxx.
  if (region) filter.push(`region_code LIKE '${String(region).replace(/(00)+$/, '')}%'`);
  const r = await getJSON(`/ogc/collections/lots/items${query({ filter: filter.join(' AND '), limit: 1 })}`, { signal });
  return r.numberMatched;
}

export function registerLegend(counts) {
  return [h('h3', {}, t('register.legend')),
    h('ul', { class: 'register' }, REGISTER_MARKS.map((m) => h('li', { dataset: { register: m.code } },
      h('span', { class: `flag-sample ${m.sample}`, 'aria-hidden': 'true' }), h('span', {}, t(`register.${m.code}`)),
      h('span', { class: 'count' }, counts?.[m.code] == null ? '' : num(counts[m.code], 0))))),
    counts ? h('small', {}, t('register.counts')) : null];
}

/** A click on the map that hit no supply: reserve land or an unsold lot, when it hit one. */
export function showLand(hits, details) {
  const reserve = hits.find((f) => f.properties.reserve)?.properties.reserve;
  if (reserve) {
    details.showReserve(reserve);
    return;
  }
  const lot = hits.find((f) => f.properties.lot != null)?.properties;
  if (lot) details.showLot(lot.announcement_id, lot.lot);
}
