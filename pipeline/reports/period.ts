/**
 * Report periods: a month (`2026-11`), a quarter (`2026-Q3`), a year (`2026`) or `contract`
 * (the whole contract to date). A report period knows its first and last day and its months.
 */
import { monthsOf, periodTypeOf } from '../dashboard-export/periods.ts';

/** The grain of a report, as `agg_purchase_delivery.period_type` names it. */
export type ReportPeriodType = 'month' | 'quarter' | 'year' | 'contract';

/** A resolved report period. */
export interface ReportPeriod {
  type: ReportPeriodType;
  /** `2026-11`, `2026-Q3`, `2026` or `contract`. */
  label: string;
  /** First day, `YYYY-MM-DD` (for `contract`: the contract's start date). */
  from: string;
  /** Last day, `YYYY-MM-DD` (for `contract`: the contract's end date). */
  to: string;
  /** Months covered, `YYYY-MM`, in order. */
  months: string[];
}

/**
 * Checks a period label and returns its type.
 *
 * @example
 * reportPeriodTypeOf('2026-Q3'); // 'quarter'
 * reportPeriodTypeOf('contract'); // 'contract'
 */
export function reportPeriodTypeOf(label: string): ReportPeriodType {
  if (label === 'contract') return 'contract';
  const type = periodTypeOf(label);
  if (type === 'month' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(label)) throw new Error(`Not a period label: "${label}"`);
  return type;
}

function lastDayOf(month: string): string {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Months from the month of `from` to the month of `to`, inclusive. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    if (label > last) break;
    months.push(label);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/**
 * Resolves a period label; `contract` needs the contract's start and end dates.
 *
 * @example
 * resolveReportPeriod('2026-Q3'); // { type: 'quarter', from: '2026-07-01', to: '2026-09-30', months: ['2026-07', …] }
 * resolveReportPeriod('contract', { start_date: '2026-03-15', end_date: '2027-03-14' });
 */
export function resolveReportPeriod(label: string, contract?: { start_date: string; end_date: string }): ReportPeriod {
  const type = reportPeriodTypeOf(label);
  if (type === 'contract') {
    if (!contract) throw new Error('the contract period needs the contract dates');
    return {
      type,
      label,
      from: contract.start_date,
      to: contract.end_date,
      months: monthsBetween(contract.start_date, contract.end_date),
    };
  }
  const months = monthsOf(label);
  return { type, label, from: `${months[0]}-01`, to: lastDayOf(months[months.length - 1]!), months };
}

/**
 * The last quarter that ended before `today` (`YYYY-MM-DD`).
 *
 * @example
 * lastCompleteQuarter('2026-11-05'); // '2026-Q3'
 * lastCompleteQuarter('2026-01-01'); // '2025-Q4'
 */
export function lastCompleteQuarter(today: string): string {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
}
