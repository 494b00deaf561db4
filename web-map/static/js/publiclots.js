// What the pages of announcements (出让公告) and deals (成交公示) share: their words, the published
// fields of a lot and of a deal in landchina's order, and the reading of a paged list whose page is
// in the address (…?cursor=…&region=…&q=…). Nothing here carries a coordinate: the public API
// publishes none.
import { getJSON, query } from './api.js';
import { fill } from './dom.js';
import { addStrings, t } from './i18n.js';
import { pager, showError, startPublicPage } from './publicwords.js';

addStrings({
  'public.col.announcement': ['公告编号', 'Announcement'],
  'public.col.authority': ['出让人', 'Issued by'],
  'public.col.announced': ['公告日期', 'Announced on'],
  'public.col.registration': ['报名时间', 'Registration'],
  'public.col.bidding': ['挂牌（拍卖、投标）时间', 'Bidding or listing'],
  'public.col.lot': ['宗地编号', 'Lot'],
  'public.col.lotlocation': ['宗地坐落', 'Location'],
  'public.col.lotarea': ['出让面积（公顷）', 'Area (ha)'],
  'public.col.years': ['出让年限', 'Term (years)'],
  'public.col.ratio': ['容积率', 'Plot ratio'],
  'public.col.density': ['建筑密度', 'Building density'],
  'public.col.green': ['绿地率', 'Green ratio'],
  'public.col.startprice': ['起始价（万元）', 'Starting price (10k yuan)'],
  'public.col.step': ['增价幅度（万元）', 'Bid step (10k yuan)'],
  'public.col.deposit': ['竞买保证金（万元）', 'Deposit (10k yuan)'],
  'public.col.winner': ['竞得人', 'Winner'],
  'public.col.dealprice': ['成交价（万元）', 'Price (10k yuan)'],
  'public.col.dealon': ['成交时间', 'Deal date'],
  'public.col.publicity': ['公示期', 'Publicity'],
  'public.col.status': ['状态', 'Status'],
  'public.sold': ['已成交', 'Sold'],
  'public.unsold': ['未成交', 'Not sold'],
});

const text = (v) => (v == null ? '' : String(v));
const span = (a, b) => (a || b ? `${a || ''} 至 ${b || ''}` : '');
const range = (lo, hi) => (lo == null && hi == null ? '' : lo != null && hi != null ? `${lo}–${hi}` : hi != null ? `≤${hi}` : `≥${lo}`);

/** The fields of an announcement, of a lot and of a deal: [label key, value of a record]. */
export const ANNOUNCEMENT_FIELDS = [
  ['announcement', (a) => a.number],
  ['authority', (a) => a.authority],
  ['method', (a) => a.method_name],
  ['announced', (a) => a.announced_on],
  ['registration', (a) => span(a.registration_start, a.registration_end)],
  ['bidding', (a) => span(a.bidding_start, a.bidding_end)],
];
export const LOT_FIELDS = [
  ['lot', (l) => l.number],
  ['lotlocation', (l) => l.location],
  ['lotarea', (l) => text(l.area_ha)],
  ['use', (l) => l.land_use_original || l.land_use_name],
  ['years', (l) => text(l.term_years)],
  ['ratio', (l) => range(l.plot_ratio_min, l.plot_ratio_max)],
  ['density', (l) => (l.building_density_max == null ? '' : `≤${l.building_density_max}%`)],
  ['green', (l) => (l.green_ratio_min == null ? '' : `≥${l.green_ratio_min}%`)],
  ['startprice', (l) => text(l.starting_price_wan)],
  ['step', (l) => text(l.bid_step_wan)],
  ['deposit', (l) => text(l.deposit_wan)],
  ['status', (l) => t(l.deal ? 'public.sold' : 'public.unsold')],
];
export const DEAL_FIELDS = [
  ['announcement', (d) => d.announcement_number],
  ['lot', (d) => d.lot_number],
  ['lotlocation', (d) => d.location],
  ['lotarea', (d) => text(d.area_ha)],
  ['use', (d) => d.land_use_name],
  ['method', (d) => d.method_name],
  ['winner', (d) => d.winner],
  ['dealprice', (d) => text(d.price_wan)],
  ['dealon', (d) => d.deal_on],
  ['publicity', (d) => span(d.publicity_start, d.publicity_end)],
];

/**
 * Shows a paged public list: path is the API's (/public/deals), name the page's element ids and
 * address (deals → #deals, #deals-count, #deals-pager, public-deals.html), card draws one item.
 */
export function startPublicList(path, name, card) {
  const list = document.getElementById(name);
  const count = document.getElementById(`${name}-count`);
  const form = document.getElementById('public-filters');
  const params = new URLSearchParams(location.search);
  const filters = { region: params.get('region') || '', q: params.get('q') || '' };
  form.elements.region.value = filters.region;
  form.elements.q.value = filters.q;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.search = query({ region: form.elements.region.value.trim(), q: form.elements.q.value.trim() });
  });
  let shown = null;
  const render = () => {
    if (!shown) return;
    fill(list, shown.items.map(card));
    count.textContent = shown.total ? t('public.count', { total: shown.total }) : t('public.none');
    const next = shown.next ? new URL(shown.next, location.href).searchParams.get('cursor') : null;
    pager(document.getElementById(`${name}-pager`), {
      page: Number(params.get('page')) || 1,
      prev: params.get('cursor') ? `public-${name}.html${query(filters)}` : null,
      next: next ? `public-${name}.html${query({ ...filters, cursor: next, page: (Number(params.get('page')) || 1) + 1 })}` : null,
    });
  };
  startPublicPage(render);
  const ready = getJSON(`${path}${query({ ...filters, cursor: params.get('cursor') || '' })}`)
    .then((page) => { shown = page; render(); })
    .catch((err) => showError(count, err));
  window.landwatchPublic = { ready };
}
