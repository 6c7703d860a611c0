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
  /**
   * Pixel position (relative to the chart element) of a bar's middle, so a test or a guided tour
   * can click it like a user would; undefined when there is no such chart or bar.
   */
  barPoint?: (chartId: string, seriesIndex: number, dataIndex: number) => [number, number] | undefined;
}

declare global {
  interface Window {
    __redvest: RedvestProbe;
  }
}

let live: EChartsType[] = [];

window.__redvest = {
  charts: 0,
  barPoint(chartId, seriesIndex, dataIndex) {
    const chart = live.find((candidate) => candidate.getDom().dataset.chart === chartId);
    const option = chart?.getOption() as { series?: { data?: unknown[] }[] } | undefined;
    const value = option?.series?.[seriesIndex]?.data?.[dataIndex];
    if (chart === undefined || typeof value !== 'number') return undefined;
    const point = chart.convertToPixel({ seriesIndex }, [dataIndex, value / 2]) as number[] | undefined;
    return point === undefined ? undefined : [point[0]!, point[1]!];
  },
};

/** Disposes every chart of the previous view. */
export function disposeCharts(): void {
  for (const chart of live) chart.dispose();
  live = [];
  window.__redvest.charts = 0;
}

/**
 * Draws a chart into a container; resolves once it has finished painting. `onCategoryClick`
 * receives the index of the x-axis category clicked (bar charts).
 *
 * @example
 * await drawChart(element, { xAxis: {...}, yAxis: {...}, series: [...] });
 */
export function drawChart(
  element: HTMLElement,
  option: EChartsCoreOption,
  onCategoryClick?: (dataIndex: number) => void,
): Promise<void> {
  const chart = init(element, undefined, { renderer: 'canvas' });
  live.push(chart);
  window.__redvest.charts = live.length;
  const finished = new Promise<void>((resolve) => {
    chart.on('finished', () => {
      window.__redvest.firstChartPaintMs ??= performance.now();
      resolve();
    });
  });
  if (onCategoryClick) {
    // A click anywhere in a category's column (not only on its bar) selects it: easier on phones.
    chart.getZr().on('click', (event) => {
      const pixel = [event.offsetX, event.offsetY];
      if (!chart.containPixel('grid', pixel)) return;
      const [index] = chart.convertFromPixel({ seriesIndex: 0 }, pixel) as number[];
      if (index !== undefined && Number.isFinite(index)) onCategoryClick(Math.round(index));
    });
  }
  chart.setOption({ animation: false, ...option });
  return finished;
}

/** Resizes every chart (window resize, phone rotation). */
export function resizeCharts(): void {
  for (const chart of live) chart.resize();
}
