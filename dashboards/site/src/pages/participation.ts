/** Participation: city → district → street drill-down, sortable table, CSV download. */

import type { ParticipationPayload, ParticipationRow } from '../../../../pipeline/dashboard-export/payloads.ts';
import { DISTRICTS } from '../../../../schemas/reference/districts.ts';
import { METRICS } from '../../../definitions/metrics.ts';
import { PARTICIPATION } from '../../../definitions/pages.ts';
import type { MetricKey } from '../../../definitions/types.ts';
import { drawChart } from '../charts.ts';
import { loadJson } from '../data.ts';
import { chartBox, h, panel } from '../dom.ts';
import { chartValue } from '../format.ts';
import { districtName, streetName, TEXT, t } from '../i18n.ts';
import { type Column, csvButton, dataTable } from '../table.ts';
import type { PageContext } from './context.ts';

const METRIC_COLUMN: Record<string, number> = {
  active_volunteers: 2,
  new_volunteers: 3,
  returning_volunteers: 4,
  registered_volunteers: 5,
  service_records: 6,
  service_hours: 7,
  beneficiaries: 8,
};

/** Renders the participation page (city level, or one district's streets when `district` is set). */
export async function renderParticipation(ctx: PageContext): Promise<void> {
  const { lang, period, district } = ctx.state;
  const data = await loadJson<ParticipationPayload>(`data/participation/${period}.json`);
  const [chartPanel, tablePanel] = PARTICIPATION.panels;
  const drilled = district !== undefined && district !== 'all';

  const total = data.rows.find(([d, s]) => s === 'all' && d === (drilled ? district : 'all'));
  const children = data.rows.filter(([d, s]) => (drilled ? d === district && s !== 'all' : d !== 'all' && s === 'all'));
  if (!drilled) {
    // Keep the federation's reporting order for districts.
    const order = new Map(DISTRICTS.map((d, i) => [d.slug, i]));
    children.sort((a, b) => (order.get(a[0]) ?? 99) - (order.get(b[0]) ?? 99));
  }
  const areaName = (row: ParticipationRow) => (drilled ? streetName(row[1], lang) : districtName(row[0], lang));

  const crumbs = h('div', { class: 'breadcrumb', id: 'breadcrumb' });
  const cityLink = h('a', { 'data-drill': 'all' }, t(TEXT.city, lang));
  cityLink.addEventListener('click', () => ctx.navigate({ district: undefined, sort: undefined }));
  crumbs.append(drilled ? cityLink : h('strong', {}, t(TEXT.city, lang)));
  if (drilled) crumbs.append(' / ', h('strong', { 'data-current': district }, districtName(district, lang)));

  const columns: Column<ParticipationRow>[] = [
    {
      key: 'area',
      title: t(TEXT.area, lang),
      value: areaName,
      cell: (row) => {
        if (drilled || row[0] === 'all') return areaName(row);
        const link = h('a', { class: 'drill', 'data-drill': row[0] }, areaName(row));
        link.addEventListener('click', () => ctx.navigate({ district: row[0], sort: undefined }));
        return link;
      },
    },
    ...tablePanel!.metrics.map(
      (key): Column<ParticipationRow> => ({
        key,
        title: METRICS[key].title[lang],
        format: METRICS[key].format,
        value: (row) => row[METRIC_COLUMN[key]!] as number | string | null,
      }),
    ),
  ];
  const scope = drilled ? district : 'city';
  const box = chartBox(chartPanel!.id);
  ctx.root.append(
    crumbs,
    h(
      'div',
      { class: 'grid' },
      panel(chartPanel!.id, chartPanel!.title[lang], box, { wide: true }),
      panel(
        tablePanel!.id,
        tablePanel!.title[lang],
        children.length === 0
          ? h('div', { class: 'empty' }, t(TEXT.noData, lang))
          : dataTable({
              id: 'participation',
              lang,
              columns,
              rows: children,
              total,
              sort: ctx.state.sort,
              onSort: (sort) => ctx.navigate({ sort }),
            }),
        {
          wide: true,
          actions: csvButton(lang, `participation-${period}-${scope}.csv`, columns, () =>
            total ? [total, ...children] : children,
          ),
        },
      ),
    ),
  );

  const series = (key: MetricKey, axis: number) => ({
    name: METRICS[key].title[lang],
    type: 'bar',
    yAxisIndex: axis,
    data: children.map((row) => chartValue(row[METRIC_COLUMN[key]!])),
  });
  await drawChart(
    box,
    {
      tooltip: {
        trigger: 'axis',
        formatter: (items: { dataIndex: number; seriesIndex: number; marker: string; seriesName: string }[]) => {
          const row = children[items[0]?.dataIndex ?? 0];
          if (row === undefined) return '';
          const keys: MetricKey[] = ['active_volunteers', 'service_hours'];
          return [
            areaName(row),
            ...items.map(
              (item) =>
                `${item.marker}${item.seriesName}: ${String(row[METRIC_COLUMN[keys[item.seriesIndex]!]!] ?? '—').replace('<', '&lt;')}`,
            ),
          ].join('<br/>');
        },
      },
      legend: { top: 0 },
      grid: { left: 56, right: 64, top: 36, bottom: 72 },
      xAxis: { type: 'category', data: children.map(areaName), axisLabel: { rotate: 40, interval: 0 } },
      yAxis: [
        { type: 'value', name: METRICS.active_volunteers.unit?.[lang] ?? '' },
        { type: 'value', name: METRICS.service_hours.unit?.[lang] ?? '', splitLine: { show: false } },
      ],
      series: [series('active_volunteers', 0), series('service_hours', 1)],
      color: ['#c8102e', '#9fb4cc'],
    },
    drilled
      ? undefined
      : (dataIndex) => {
          const row = children[dataIndex];
          if (row !== undefined) ctx.navigate({ district: row[0], sort: undefined });
        },
  );
}
