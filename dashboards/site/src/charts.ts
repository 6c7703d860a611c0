/**
 * ECharts, tree-shaken to the charts and components the dashboards use (keeps the bundle small),
 * plus the instrumentation the browser tests read (`window.__redvest`).
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** What the page exposes for tests and monitoring. */
export interface RedvestProbe {
  /** ms since navigation start when the first chart finished painting. */
  firstChartPaintMs?: number;
  /** Hash of the view whose charts all finished rendering. */
  renderedHash?: string;
  /** Charts on the current view. */
  charts: number;
}

declare global {
  interface Window {
    __redvest: RedvestProbe;
  }
}

window.__redvest = { charts: 0 };

let live: EChartsType[] = [];

/** Disposes every chart of the previous view. */
export function disposeCharts(): void {
  for (const chart of live) chart.dispose();
  live = [];
  window.__redvest.charts = 0;
}

/**
 * Draws a chart into a container; resolves once it has finished painting.
 *
 * @example
 * await drawChart(element, { xAxis: {...}, yAxis: {...}, series: [...] });
 */
export function drawChart(element: HTMLElement, option: EChartsCoreOption, onClick?: (name: string) => void): Promise<void> {
  const chart = init(element, undefined, { renderer: 'canvas' });
  live.push(chart);
  window.__redvest.charts = live.length;
  const finished = new Promise<void>((resolve) => {
    chart.on('finished', () => {
      window.__redvest.firstChartPaintMs ??= performance.now();
      resolve();
    });
  });
  if (onClick) chart.on('click', (params) => onClick(String((params as { name?: string }).name ?? '')));
  chart.setOption({ animation: false, ...option });
  return finished;
}

/** Resizes every chart (window resize, phone rotation). */
export function resizeCharts(): void {
  for (const chart of live) chart.resize();
}
