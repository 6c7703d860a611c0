/**
 * The printable HTML report: Chinese first with English labels, A4 print CSS, charts inline as
 * server-rendered SVG. Self-contained (no scripts, no external resources), so it opens anywhere
 * and prints the same in headless Chromium.
 */
import type { BreakdownRow, ReportModel } from '../report-types.ts';
import { renderReportCharts } from './charts.ts';
import { escapeHtml as e, formatFigure, formatPercent } from './format.ts';

/** A figure as escaped HTML text (`<5` must not become a tag). */
const f = (value: Parameters<typeof formatFigure>[0]) => e(formatFigure(value));
const pct = (value: number | null) => e(formatPercent(value));

const FUNDER_TYPES: Record<string, string> = {
  government: '政府购买服务 Government purchase',
  enterprise: '企业购买服务 Enterprise purchase',
};

const PERIOD_TYPES: Record<string, string> = {
  month: '月度 Month',
  quarter: '季度 Quarter',
  year: '年度 Year',
  contract: '合同期至今 Contract to date',
};

const CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; }
* { box-sizing: border-box; }
body { font-family: 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif; color: #222; font-size: 10.5pt; line-height: 1.5; margin: 0 auto; max-width: 190mm; }
header { border-bottom: 3px solid #c8102e; margin-bottom: 12px; padding-bottom: 8px; }
h1 { font-size: 18pt; margin: 0; color: #c8102e; }
h1 small, h2 small, th small, td small { color: #666; font-weight: normal; }
h1 small { display: block; font-size: 11pt; }
h2 { font-size: 13pt; margin: 18px 0 6px; border-left: 4px solid #c8102e; padding-left: 8px; break-after: avoid; }
dl.meta { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 12px; margin: 8px 0 0; }
dl.meta dt { color: #666; } dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; break-inside: auto; }
tr { break-inside: avoid; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f6f0f0; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.chart { break-inside: avoid; margin: 4px 0; }
.chart svg { max-width: 100%; height: auto; }
section { break-inside: auto; }
p.note { color: #555; font-size: 9pt; }
code { font-size: 8.5pt; word-break: break-all; }
footer { margin-top: 16px; border-top: 1px solid #ccc; padding-top: 6px; color: #666; font-size: 8.5pt; }
@media screen { body { padding: 16px; } }
`;

function label(zh: string, en: string): string {
  return `${e(zh)} <small>${e(en)}</small>`;
}

function table(head: string[], rows: string[][], numeric: boolean[]): string {
  const th = head.map((h, i) => `<th${numeric[i] ? ' class="n"' : ''}>${h}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((cell, i) => `<td${numeric[i] ? ' class="n"' : ''}>${cell}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function breakdownTable(rows: BreakdownRow[], first: [string, string]): string {
  if (rows.length === 0) return '<p class="note">本期无数据 No data for the period.</p>';
  return table(
    [
      label(...first),
      label('已审核记录', 'Approved records'),
      label('服务时长(小时)', 'Hours'),
      label('义工人数', 'Volunteers'),
      label('受益人次', 'Beneficiaries'),
    ],
    rows.map((r) => [
      `${e(r.zh)}${r.en !== r.zh ? ` <small>${e(r.en)}</small>` : ''}`,
      f(r.records_approved),
      f(r.service_hours),
      f(r.active_volunteers),
      f(r.beneficiaries),
    ]),
    [false, true, true, true, true],
  );
}

function chart(svg: string): string {
  return svg ? `<div class="chart">${svg}</div>` : '';
}

/**
 * Renders the report as one self-contained HTML page.
 *
 * @example
 * const html = renderReportHtml(model);
 * html.includes(model.contract.contract_id); // true
 */
export function renderReportHtml(model: ReportModel): string {
  const { contract, period, delivery: d, quality: q, provenance: p } = model;
  const charts = renderReportCharts(model);
  const title = `购买服务成效报告 · ${contract.contract_id} · ${period.label}`;

  const summary = table(
    [
      label('指标', 'Indicator'),
      label('目标(按期折算)', 'Target (prorated)'),
      label('实际', 'Delivered'),
      label('完成率', 'Achieved'),
    ],
    [
      [
        label('服务时长(小时)', 'Service hours'),
        f(d.target_hours),
        `<strong>${f(d.service_hours)}</strong>`,
        pct(d.hours_achieved_pct),
      ],
      [label('受益人次', 'Beneficiaries'), f(d.target_beneficiaries), f(d.beneficiaries), pct(d.beneficiaries_achieved_pct)],
      [
        label('义工人数(合同累计)', 'Volunteers, contract to date'),
        `${f(d.target_volunteers)} <small>(合同目标 not prorated)</small>`,
        f(d.contract_volunteers_to_date),
        pct(d.volunteers_achieved_pct),
      ],
      [label('本期服务义工', 'Volunteers active in the period'), '—', f(d.active_volunteers), '—'],
      [label('服务记录(已审核)', 'Service records, approved'), '—', f(d.service_records), '—'],
    ],
    [false, true, true, true],
  );

  const cost = table(
    [label('指标', 'Indicator'), label('数值', 'Value')],
    [
      [label('预算(按期折算,元)', 'Budget, prorated (CNY)'), f(d.budget_cny)],
      [label('每服务小时成本(元)', 'Cost per service hour (CNY)'), f(d.cost_per_hour)],
      [label('每受益人次成本(元)', 'Cost per beneficiary (CNY)'), f(d.cost_per_beneficiary)],
      [
        label('义工时间价值(元)', 'Value of volunteer time (CNY)'),
        `${f(d.volunteer_time_value_cny)}${p.hourly_wage_cny === null ? '' : ` <small>(${f(p.hourly_wage_cny)} 元/小时 CNY/h)</small>`}`,
      ],
      [label('杠杆率(时间价值÷预算)', 'Leverage (value ÷ budget)'), d.leverage === null ? '—' : `${f(d.leverage)}×`],
    ],
    [false, true],
  );

  const trend = table(
    [
      label('月份', 'Month'),
      label('服务时长', 'Hours'),
      label('目标时长', 'Target'),
      label('记录', 'Records'),
      label('义工', 'Volunteers'),
      label('受益人次', 'Beneficiaries'),
    ],
    model.trend.map((t) => [
      t.month,
      f(t.service_hours),
      f(t.target_hours),
      f(t.service_records),
      f(t.active_volunteers),
      f(t.beneficiaries),
    ]),
    [false, true, true, true, true, true],
  );

  const stars = table(
    [label('星级', 'Star level'), label('义工人数', 'Volunteers')],
    model.stars.levels.map((l) => [l.star === 0 ? label('未达星级', 'No star') : `${l.star}★`, f(l.volunteers)]),
    [false, true],
  );

  const rejectedCodes = q.rejected_by_code.map((c) => `${e(c.code)} ${f(c.rows)}`).join(', ');
  const qualityText =
    `本报告数据来自 ${f(q.batches)} 个上传批次,共接收 ${f(q.received)} 行,接受 ${f(q.accepted)} 行,拒绝 ${f(q.rejected)} 行` +
    `${rejectedCodes ? `(${rejectedCodes})` : ''},更正 ${f(q.corrections)} 行,重复 ${f(q.duplicates)} 行,` +
    `未关联身份的义工记录 ${f(q.unlinked_volunteer_records)} 条。被拒绝的行未计入任何数字。`;
  const qualityTextEn =
    `The figures come from ${f(q.batches)} upload batches: ${f(q.received)} rows received, ${f(q.accepted)} accepted, ` +
    `${f(q.rejected)} rejected, ${f(q.corrections)} corrected, ${f(q.duplicates)} duplicates, ` +
    `${f(q.unlinked_volunteer_records)} records with an unlinked volunteer number. Rejected rows count nowhere.`;

  const batches = table(
    [label('批次', 'Batch'), label('接收时间', 'Received'), label('记录数', 'Records'), label('内容哈希', 'Content sha256')],
    p.batches.map((b) => [
      `<code>${e(b.batch_id)}</code>`,
      e(b.received_at ?? '—'),
      f(b.records),
      `<code>rows ${e(b.rows_sha256)}</code>${b.file_sha256 ? `<br><code>file ${e(b.file_sha256)}</code>` : ''}`,
    ]),
    [false, false, true, false],
  );
  const sql = table(
    [label('SQL 文件', 'SQL file'), 'sha256', label('指标', 'Figures')],
    p.sql.map((s) => [`<code>${e(s.file)}</code>`, `<code>${e(s.sha256)}</code>`, e(s.figures.join(' '))]),
    [false, false, false],
  );

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${e(contract.funder)} 购买服务成效报告<small>Impact report of a purchased volunteer service contract</small></h1>
<dl class="meta">
<dt>合同编号 Contract</dt><dd><strong>${e(contract.contract_id)}</strong></dd>
<dt>购买方类型 Funder type</dt><dd>${e(FUNDER_TYPES[contract.funder_type] ?? contract.funder_type)}</dd>
<dt>报告期 Period</dt><dd>${e(period.label)} · ${e(PERIOD_TYPES[period.type] ?? period.type)}</dd>
<dt>起止 Dates</dt><dd>${e(period.from)} — ${e(period.to)}</dd>
<dt>合同期 Contract term</dt><dd>${e(contract.start_date)} — ${e(contract.end_date)}</dd>
<dt>生成时间 Generated</dt><dd>${e(p.generated_at)}</dd>
</dl>
</header>

<section id="delivery">
<h2>一、合同目标与交付 <small>Contracted vs delivered</small></h2>
${summary}
<p class="note">目标按报告期与合同期重叠天数折算(含首尾日);义工人数与合同目标比较,不折算。只计入已审核的服务记录。
Targets are prorated by the days the period overlaps the contract (both inclusive); volunteers are compared with the contract target unprorated. Only approved records count.</p>
</section>

<section id="cost">
<h2>二、成本与义工时间价值 <small>Cost and value of volunteer time</small></h2>
${cost}
</section>

<section id="trend">
<h2>三、月度交付趋势 <small>Monthly delivery</small></h2>
${chart(charts.trend)}
${trend}
</section>

<section id="areas">
<h2>四、分区交付 <small>Delivery by district and street</small></h2>
${chart(charts.districts)}
${breakdownTable(model.districts, ['区', 'District'])}
${breakdownTable(model.streets, ['街道', 'Street'])}
<p class="note">区、街道层级 1–4 名义工显示为 “&lt;${p.suppress_below}”,以保护个人信息。Volunteer counts of 1–4 below city level are shown as “&lt;${p.suppress_below}”.</p>
</section>

<section id="groups">
<h2>五、受益群体 <small>Beneficiaries by group</small></h2>
${chart(charts.groups)}
${breakdownTable(model.beneficiary_groups, ['受益群体', 'Group'])}
</section>

<section id="stars">
<h2>六、服务义工星级 <small>Star levels of the volunteers who served</small></h2>
<p>截至 As of: ${e(model.stars.as_of ?? '—')}</p>
${chart(charts.stars)}
${stars}
</section>

<section id="quality">
<h2>七、审核、时效与数据质量 <small>Approval, timeliness and data quality</small></h2>
${table(
  [label('指标', 'Indicator'), label('数值', 'Value')],
  [
    [label('记录总数', 'Records, any status'), f(q.records_total)],
    [label('已审核记录', 'Approved records'), f(q.records_approved)],
    [label('审核通过率', 'Approval rate'), pct(q.approval_rate_pct)],
    [label('入库时效中位数(天)', 'Median days from service to upload'), f(q.median_days_to_ingest)],
    [label('30 天内入库比例', 'Uploaded within 30 days'), pct(q.within_30_days_pct)],
  ],
  [false, true],
)}
<p>${e(qualityText)}</p>
<p class="note">${e(qualityTextEn)}</p>
</section>

<section id="provenance">
<h2>八、数据溯源 <small>Provenance</small></h2>
<p>汇总运行 Aggregation run: <code>${e(p.aggregation_run_id ?? '—')}</code> · 查询引擎 Engine: ${e(p.engine)}</p>
${batches}
${sql}
<p class="note">每个数字均可用 <code>redvest verify-report report.json</code> 从数据湖重新计算核对。
Every figure can be recomputed from the lake with <code>redvest verify-report report.json</code>.</p>
</section>

<footer>红马甲 Redvest · 深圳市义工联合会 Shenzhen Volunteers Federation · ${e(contract.contract_id)} · ${e(period.label)}</footer>
</body>
</html>
`;
}
