/** Overview: KPI cards, monthly trend, star-level distribution. */

import type { OverviewPayload } from '../../../../pipeline/dashboard-export/payloads.ts';
import { METRICS } from '../../../definitions/metrics.ts';
import { OVERVIEW } from '../../../definitions/pages.ts';
import type { MetricKey } from '../../../definitions/types.ts';
import { drawChart } from '../charts.ts';
import { loadJson } from '../data.ts';
import { chartBox, h, panel } from '../dom.ts';
import { formatValue } from '../format.ts';
import { periodName, TEXT, t } from '../i18n.ts';
import type { PageContext } from './context.ts';

function changeText(value: number | null, previous: number | null, ctx: PageContext): HTMLElement {
  const { lang } = ctx.state;
  if (value === null || previous === null || previous === 0) return h('div', { class: 'change' }, t(TEXT.noPrevious, lang));
  const change = (value - previous) / previous;
  const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '＝';
  return h(
    'div',
    { class: `change ${change > 0 ? 'up' : change < 0 ? 'down' : ''}`, 'data-change': change.toFixed(4) },
    `${arrow} ${formatValue(Math.abs(change), 'percent', lang)} ${t(TEXT.vsPrevious, lang)}`,
  );
}

/** Renders the overview page. */
export async function renderOverview(ctx: PageContext): Promise<void> {
  const { lang, period } = ctx.state;
  const data = await loadJson<OverviewPayload>(`data/overview/${period}.json`);
  const [kpiPanel, trendPanel, starsPanel] = OVERVIEW.panels;

  const cards = h('div', { class: 'kpis', id: `panel-${kpiPanel!.id}` });
  for (const key of kpiPanel!.metrics) {
    const metric = METRICS[key];
    const kpi = data.kpis[key as keyof OverviewPayload['kpis']];
    cards.append(
      h(
        'div',
        { class: 'kpi', 'data-kpi': key, 'data-value': kpi.value === null ? '' : String(kpi.value) },
        h('div', { class: 'label' }, metric.title[lang]),
        h(
          'div',
          { class: 'value' },
          h('span', { class: 'number' }, formatValue(kpi.value, metric.format, lang)),
          metric.unit ? h('span', { class: 'unit' }, metric.unit[lang]) : null,
        ),
        changeText(kpi.value, kpi.previous, ctx),
      ),
    );
  }

  const trendBox = chartBox(trendPanel!.id);
  const starsBox = chartBox(starsPanel!.id);
  ctx.root.append(
    cards,
    h(
      'div',
      { class: 'grid', style: 'margin-top:12px' },
      panel(trendPanel!.id, trendPanel!.title[lang], trendBox),
      panel(starsPanel!.id, starsPanel!.title[lang], starsBox),
    ),
  );

  const seriesOf = (key: MetricKey, axis: number, type: 'line' | 'bar') => ({
    name: METRICS[key].title[lang],
    type,
    yAxisIndex: axis,
    data: data.trend[key as 'active_volunteers'],
    smooth: true,
  });
  await Promise.all([
    drawChart(trendBox, {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 56, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: data.trend.months.map((m) => periodName(m, lang)) },
      yAxis: [
        { type: 'value', name: METRICS.active_volunteers.unit?.[lang] ?? '' },
        { type: 'value', name: METRICS.service_hours.unit?.[lang] ?? '', splitLine: { show: false } },
      ],
      series: [
        seriesOf('active_volunteers', 0, 'line'),
        seriesOf('new_volunteers', 0, 'line'),
        seriesOf('service_hours', 1, 'bar'),
      ],
      color: ['#c8102e', '#f29100', '#9fb4cc'],
    }),
    drawChart(starsBox, {
      tooltip: { trigger: 'axis' },
      grid: { left: 56, right: 16, top: 24, bottom: 28 },
      xAxis: {
        type: 'category',
        data: data.stars.map((s) => (s.star === 0 ? t(TEXT.noStar, lang) : t(TEXT.starN, lang, { n: s.star }))),
      },
      yAxis: { type: 'value', name: METRICS.volunteers.unit?.[lang] ?? '' },
      series: [
        { name: METRICS.volunteers.title[lang], type: 'bar', data: data.stars.map((s) => s.volunteers), color: '#c8102e' },
      ],
    }),
  ]);
}
