/**
 * The report's charts, rendered server-side by ECharts into inline SVG strings (no browser,
 * no canvas): `echarts.init(null, null, { renderer: 'svg', ssr: true })` + `renderToSVGString()`.
 */
import * as echarts from 'echarts';
import type { BreakdownRow, ReportModel } from '../report-types.ts';

const FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";
const RED = '#c8102e';
const GREY = '#8a8a8a';

/**
 * Renders one ECharts option to an SVG string.
 *
 * @example
 * renderSvg({ xAxis: { type: 'category', data: ['7月'] }, yAxis: {}, series: [{ type: 'bar', data: [1] }] }, 600, 260);
 * // '<svg width="600" height="260" …'
 */
export function renderSvg(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Monthly delivered hours (bars) against the prorated target (line). */
function trendChart(model: ReportModel): string {
  return renderSvg(
    {
      color: [RED, GREY],
      legend: { top: 0, data: ['服务时长 Hours', '目标时长 Target'] },
      grid: { left: 56, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: model.trend.map((t) => t.month) },
      yAxis: { type: 'value', name: '小时 h' },
      series: [
        { name: '服务时长 Hours', type: 'bar', data: model.trend.map((t) => t.service_hours), barMaxWidth: 36 },
        { name: '目标时长 Target', type: 'line', data: model.trend.map((t) => t.target_hours) },
      ],
    },
    680,
    260,
  );
}

/** Horizontal bars of hours per row (districts, groups). */
function barsChart(rows: BreakdownRow[], height: number): string {
  const shown = rows.slice(0, 12).reverse();
  return renderSvg(
    {
      color: [RED],
      grid: { left: 110, right: 40, top: 8, bottom: 24 },
      xAxis: { type: 'value', name: '小时 h' },
      yAxis: { type: 'category', data: shown.map((r) => r.zh) },
      series: [{ type: 'bar', data: shown.map((r) => r.service_hours), label: { show: true, position: 'right' } }],
    },
    680,
    height,
  );
}

/** Volunteers per star level. */
function starsChart(model: ReportModel): string {
  return renderSvg(
    {
      color: [RED],
      grid: { left: 48, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: model.stars.levels.map((l) => (l.star === 0 ? '未达星级' : `${l.star}★`)) },
      yAxis: { type: 'value', name: '人 people' },
      series: [{ type: 'bar', data: model.stars.levels.map((l) => l.volunteers), barMaxWidth: 40 }],
    },
    680,
    220,
  );
}

/** The SVG of every chart of a report (empty string when a chart has no data). */
export interface ReportCharts {
  trend: string;
  districts: string;
  groups: string;
  stars: string;
}

/**
 * Renders every chart of a report.
 *
 * @example
 * const charts = renderReportCharts(model);
 * charts.trend.startsWith('<svg'); // true
 */
export function renderReportCharts(model: ReportModel): ReportCharts {
  const rowsHeight = (rows: BreakdownRow[]) => 40 + Math.min(rows.length, 12) * 26;
  return {
    trend: model.trend.length > 0 ? trendChart(model) : '',
    districts: model.districts.length > 0 ? barsChart(model.districts, rowsHeight(model.districts)) : '',
    groups: model.beneficiary_groups.length > 0 ? barsChart(model.beneficiary_groups, rowsHeight(model.beneficiary_groups)) : '',
    stars: model.stars.as_of !== null ? starsChart(model) : '',
  };
}
