/** How figures are written in the HTML report (and searched for in its PDF). */
import type { FigureValue } from '../report-types.ts';

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/**
 * A figure as text: numbers with thousands separators and at most 2 decimals, `—` for null,
 * suppressed counts (`<5`) and text as they are.
 *
 * @example
 * formatFigure(1234.5); // '1,234.5'
 * formatFigure(null); // '—'
 * formatFigure('<5'); // '<5'
 */
export function formatFigure(value: FigureValue | undefined): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'number' ? numberFormat.format(value) : value;
}

/**
 * A percentage, or `—`.
 *
 * @example
 * formatPercent(87.5); // '87.5%'
 */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${numberFormat.format(value)}%`;
}

/**
 * Escapes text for HTML.
 *
 * @example
 * escapeHtml('<a>'); // '&lt;a&gt;'
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
