/** Government and enterprise purchase of services: delivery vs prorated targets, by contract and funder. */

import type { ContractDelivery, PurchasePayload } from '../../../../pipeline/dashboard-export/payloads.ts';
import { METRICS } from '../../../definitions/metrics.ts';
import { PURCHASE } from '../../../definitions/pages.ts';
import { drawChart } from '../charts.ts';
import { loadJson } from '../data.ts';
import { chartBox, h, panel } from '../dom.ts';
import { funderTypeName, TEXT, t } from '../i18n.ts';
import { type Column, csvButton, dataTable } from '../table.ts';
import type { PageContext } from './context.ts';

/** Renders the purchase page. */
export async function renderPurchase(ctx: PageContext): Promise<void> {
  const { lang, period } = ctx.state;
  const data = await loadJson<PurchasePayload>(`data/purchase/${period}.json`);
  const [deliveryPanel, funderPanel, tablePanel] = PURCHASE.panels;
  const columns: Column<ContractDelivery>[] = [
    { key: 'contract', title: t(TEXT.contract, lang), value: (c) => c.contract_id },
    {
      key: 'funder',
      title: t(TEXT.funder, lang),
      value: (c) =>
        lang === 'zh'
          ? `${c.funder}（${funderTypeName(c.funder_type, 'zh')}）`
          : `${c.funder} (${funderTypeName(c.funder_type, 'en')})`,
    },
    ...tablePanel!.metrics.map(
      (key): Column<ContractDelivery> => ({
        key,
        title: METRICS[key].title[lang],
        format: METRICS[key].format,
        value: (c) => c[key as 'service_hours'],
      }),
    ),
    {
      key: 'to_date_attainment',
      title: t(TEXT.toDateAttainment, lang),
      format: 'percent',
      value: (c) => c.toDate?.hours_attainment ?? null,
    },
  ];
  const deliveryBox = chartBox(deliveryPanel!.id);
  const funderBox = chartBox(funderPanel!.id);
  ctx.root.append(
    h(
      'div',
      { class: 'grid' },
      panel(deliveryPanel!.id, deliveryPanel!.title[lang], deliveryBox),
      panel(funderPanel!.id, funderPanel!.title[lang], funderBox),
      panel(
        tablePanel!.id,
        tablePanel!.title[lang],
        data.contracts.length === 0
          ? h('div', { class: 'empty' }, t(TEXT.noData, lang))
          : dataTable({
              id: 'contracts',
              lang,
              columns,
              rows: data.contracts,
              sort: ctx.state.sort,
              onSort: (sort) => ctx.navigate({ sort }),
            }),
        { wide: true, actions: csvButton(lang, `purchase-${period}.csv`, columns, () => data.contracts) },
      ),
    ),
  );
  const funders = [...data.funders].reverse();
  await Promise.all([
    drawChart(deliveryBox, {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 36, bottom: 56 },
      xAxis: { type: 'category', data: data.contracts.map((c) => c.contract_id), axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: 'value', name: METRICS.service_hours.unit?.[lang] ?? '' },
      series: [
        { name: METRICS.service_hours.title[lang], type: 'bar', data: data.contracts.map((c) => c.service_hours) },
        { name: METRICS.target_hours.title[lang], type: 'bar', data: data.contracts.map((c) => c.target_hours) },
      ],
      color: ['#c8102e', '#d0d3d8'],
    }),
    drawChart(funderBox, {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 120, right: 24, top: 36, bottom: 28 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: funders.map((f) => f.funder) },
      series: [
        { name: METRICS.service_hours.title[lang], type: 'bar', data: funders.map((f) => f.service_hours) },
        { name: METRICS.volunteer_time_value_cny.title[lang], type: 'bar', data: funders.map((f) => f.volunteer_time_value_cny) },
      ],
      color: ['#c8102e', '#f29100'],
    }),
  ]);
}
