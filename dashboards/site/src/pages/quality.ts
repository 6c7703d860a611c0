/** Data quality: batches and rejection rate by district, top error codes, timeliness. */

import type { DistrictQuality, QualityPayload } from '../../../../pipeline/dashboard-export/payloads.ts';
import { METRICS } from '../../../definitions/metrics.ts';
import { QUALITY } from '../../../definitions/pages.ts';
import { drawChart } from '../charts.ts';
import { loadJson } from '../data.ts';
import { chartBox, h, panel } from '../dom.ts';
import { districtName, TEXT, t } from '../i18n.ts';
import { type Column, csvButton, dataTable } from '../table.ts';
import type { PageContext } from './context.ts';

/** Renders the data-quality page. */
export async function renderQuality(ctx: PageContext): Promise<void> {
  const { lang, period } = ctx.state;
  const data = await loadJson<QualityPayload>(`data/quality/${period}.json`);
  const [batchPanel, errorPanel, timelinessPanel, tablePanel] = QUALITY.panels;
  const names = data.districts.map((d) => districtName(d.district, lang));
  const columns: Column<DistrictQuality>[] = [
    { key: 'district', title: t(TEXT.district, lang), value: (d) => districtName(d.district, lang) },
    ...tablePanel!.metrics.map(
      (key): Column<DistrictQuality> => ({
        key,
        title: METRICS[key].title[lang],
        format: METRICS[key].format,
        value: (d) => d[key as 'received'],
      }),
    ),
  ];
  const boxes = [batchPanel, errorPanel, timelinessPanel].map((p) => chartBox(p!.id));
  ctx.root.append(
    h(
      'div',
      { class: 'grid' },
      panel(batchPanel!.id, batchPanel!.title[lang], boxes[0]!, { wide: true }),
      panel(errorPanel!.id, errorPanel!.title[lang], boxes[1]!),
      panel(timelinessPanel!.id, timelinessPanel!.title[lang], boxes[2]!),
      panel(
        tablePanel!.id,
        tablePanel!.title[lang],
        dataTable({
          id: 'quality',
          lang,
          columns,
          rows: data.districts,
          sort: ctx.state.sort,
          onSort: (sort) => ctx.navigate({ sort }),
        }),
        { wide: true, actions: csvButton(lang, `quality-${period}.csv`, columns, () => data.districts) },
      ),
    ),
  );
  const errors = [...data.errorCodes].reverse();
  await Promise.all([
    drawChart(boxes[0]!, {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 56, top: 36, bottom: 72 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 40, interval: 0 } },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { show: false } },
      ],
      series: [
        { name: METRICS.batches.title[lang], type: 'bar', data: data.districts.map((d) => d.batches) },
        {
          name: METRICS.rejection_rate.title[lang],
          type: 'line',
          yAxisIndex: 1,
          data: data.districts.map((d) => d.rejection_rate),
        },
      ],
      color: ['#9fb4cc', '#c8102e'],
    }),
    drawChart(boxes[1]!, {
      tooltip: { trigger: 'axis' },
      grid: { left: 120, right: 24, top: 16, bottom: 28 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: errors.map((e) => e.error_code) },
      series: [{ name: METRICS.rejected.title[lang], type: 'bar', data: errors.map((e) => e.rejected), color: '#c8102e' }],
    }),
    drawChart(boxes[2]!, {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 72 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 40, interval: 0 } },
      yAxis: { type: 'value', name: METRICS.median_days_to_ingest.unit?.[lang] ?? '' },
      series: [
        {
          name: METRICS.median_days_to_ingest.title[lang],
          type: 'bar',
          data: data.districts.map((d) => d.median_days_to_ingest),
          color: '#f29100',
        },
      ],
    }),
  ]);
}
