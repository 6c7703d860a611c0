/** Period labels: `2026-11` (month), `2026-Q4` (quarter), `2026` (year). */
import type { PeriodType } from './payloads.ts';

/**
 * The type of a period label.
 *
 * @example
 * periodTypeOf('2026-Q4'); // 'quarter'
 */
export function periodTypeOf(period: string): PeriodType {
  if (/^\d{4}-\d{2}$/.test(period)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}$/.test(period)) return 'year';
  throw new Error(`Not a period label: "${period}"`);
}

/**
 * The period of the same type just before this one.
 *
 * @example
 * previousPeriod('2026-01'); // '2025-12'
 * previousPeriod('2026-Q1'); // '2025-Q4'
 * previousPeriod('2026'); // '2025'
 */
export function previousPeriod(period: string): string {
  const type = periodTypeOf(period);
  const year = Number(period.slice(0, 4));
  if (type === 'year') return String(year - 1);
  if (type === 'quarter') {
    const quarter = Number(period.slice(6));
    return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
  }
  const month = Number(period.slice(5));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * The months (`YYYY-MM`) a period covers.
 *
 * @example
 * monthsOf('2026-Q2'); // ['2026-04', '2026-05', '2026-06']
 */
export function monthsOf(period: string): string[] {
  const type = periodTypeOf(period);
  const year = period.slice(0, 4);
  if (type === 'month') return [period];
  const first = type === 'quarter' ? (Number(period.slice(6)) - 1) * 3 + 1 : 1;
  const count = type === 'quarter' ? 3 : 12;
  return Array.from({ length: count }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
}

/**
 * Sorts period labels chronologically (labels of one type sort as strings).
 *
 * @example
 * sortPeriods(['2026-02', '2025-12']); // ['2025-12', '2026-02']
 */
export function sortPeriods(periods: Iterable<string>): string[] {
  return [...new Set(periods)].sort();
}
