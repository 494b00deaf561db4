// The dashboard's charts, drawn by the vendored Apache ECharts as SVG (no eval, nothing inline that
// the page's CSP refuses). Every chart calls open(item) when one of its marks is clicked, so each
// figure leads to the records behind it.
import * as echarts from '../vendor/echarts/echarts.mjs';
import { addStrings, t } from './i18n.js';

// The words the charts draw, here so that every page with charts has them
// (the printed report loads no dashboard).
addStrings({
  'stats.count': ['宗数', 'Supplies'],
  'stats.area': ['面积（公顷）', 'Area (ha)'],
  'stats.thisPeriod': ['本期', 'This period'],
  'stats.lastYear': ['上年同期', 'A year before'],
});

const charts = new Map(); // element id → its chart

function chartIn(id) {
  if (!charts.has(id)) {
    const chart = echarts.init(document.getElementById(id), null, { renderer: 'svg' });
    new ResizeObserver(() => chart.resize()).observe(document.getElementById(id));
    charts.set(id, chart);
  }
  return charts.get(id);
}

function draw(id, option, items, open) {
  const chart = chartIn(id);
  chart.off('click');
  chart.setOption(option, true);
  chart.on('click', (p) => {
    const item = p.seriesId === 'previous' ? { ...items[p.dataIndex], url: items[p.dataIndex].previous_year_url } : items[p.dataIndex];
    if (item?.url) open(item, p.seriesId === 'previous');
  });
}

/** A pie of the items' share of the supplies (the methods). */
export function pie(id, items, open) {
  draw(id, {
    tooltip: { trigger: 'item' },
    series: [{ type: 'pie', radius: ['35%', '68%'], data: items.map((x) => ({ name: x.name, value: x.count })) }],
  }, items, open);
}

/** Bars of the items' area (hectares), named along the axis (the uses, the regions). */
export function bars(id, items, open) {
  draw(id, {
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 12, top: 16, bottom: 60 },
    xAxis: { type: 'category', data: items.map((x) => x.name || x.key), axisLabel: { rotate: 30, interval: 0 } },
    yAxis: { type: 'value', name: t('stats.area') },
    series: [{ type: 'bar', data: items.map((x) => x.area_ha) }],
  }, items, open);
}

/** Lines of the number of supplies per month, with the same months a year before when known. */
export function trend(id, items, open) {
  const series = [{ id: 'current', type: 'line', name: t('stats.thisPeriod'), data: items.map((x) => x.count) }];
  if (items.some((x) => x.previous_year)) {
    series.push({ id: 'previous', type: 'line', name: t('stats.lastYear'), lineStyle: { type: 'dashed' }, data: items.map((x) => x.previous_year?.count ?? 0) });
  }
  draw(id, {
    tooltip: { trigger: 'axis' },
    legend: {},
    grid: { left: 48, right: 12, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: items.map((x) => x.key) },
    yAxis: { type: 'value', name: t('stats.count') },
    series,
  }, items, open);
}
