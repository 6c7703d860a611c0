/** Number formatting for cards, tables and tooltips. */
import type { Lang, MetricFormat } from '../../definitions/types.ts';

const LOCALE: Record<Lang, string> = { zh: 'zh-CN', en: 'en-US' };

/**
 * Formats a published value: numbers per metric format, suppressed markers (`"<5"`) as they are,
 * null as an em dash.
 *
 * @example
 * formatValue(12345.5, 'decimal', 'zh'); // '12,345.5'
 * formatValue('<5', 'integer', 'en'); // '<5'
 */
export function formatValue(value: number | string | null | undefined, format: MetricFormat, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  const locale = LOCALE[lang];
  switch (format) {
    case 'integer':
      return value.toLocaleString(locale, { maximumFractionDigits: 0 });
    case 'decimal':
    case 'days':
      return value.toLocaleString(locale, { maximumFractionDigits: 2 });
    case 'currency':
      return value.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'percent':
      return `${(value * 100).toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
  }
}

/** A sortable number for a published value: suppressed `"<5"` sorts between 0 and 5. */
export function sortableValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.startsWith('<')) return (Number(value.slice(1)) - 0.5) / 2 || 0.5;
  return Number.NEGATIVE_INFINITY;
}

/** A chart value: numbers pass, suppressed markers and nulls become null (not drawn). */
export function chartValue(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}
