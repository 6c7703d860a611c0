/**
 * The reporting calendar of a run: every month between the first and last month with
 * service data, and the quarters and years containing them. Bound into the SQL as inline
 * VALUES (portable, tiny), so no engine needs a calendar function.
 */
import { sqlDate, sqlString } from './sql-literals.ts';

/** One reporting period. Months are `YYYY-MM` strings, dates `YYYY-MM-DD`. */
export interface Period {
  period_type: 'month' | 'quarter' | 'year';
  period: string;
  period_start: string;
  period_end: string;
  /** The day after period_end. */
  period_next: string;
  first_month: string;
  last_month: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function nextDay(year: number, month: number): string {
  return month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
}

function span(type: Period['period_type'], label: string, y: number, m1: number, m2: number): Period {
  return {
    period_type: type,
    period: label,
    period_start: `${y}-${pad(m1)}-01`,
    period_end: `${y}-${pad(m2)}-${pad(lastDay(y, m2))}`,
    period_next: nextDay(y, m2),
    first_month: `${y}-${pad(m1)}`,
    last_month: `${y}-${pad(m2)}`,
  };
}

/** The month, quarter and year periods of a month (`YYYY-MM`). */
export function periodsOfMonth(month: string): Period[] {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const q = Math.ceil(m / 3);
  return [span('month', month, y, m, m), span('quarter', `${y}-Q${q}`, y, q * 3 - 2, q * 3), span('year', String(y), y, 1, 12)];
}

/** Every month from `first` to `last` inclusive (`YYYY-MM`). */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  while (`${y}-${pad(m)}` <= last) {
    out.push(`${y}-${pad(m)}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * The calendar of a month range: distinct periods, and the month → period mapping.
 *
 * @example
 * buildCalendar('2026-11', '2026-12').periods.length; // 4: two months, 2026-Q4, 2026
 */
export function buildCalendar(
  first: string,
  last: string,
): { periods: Period[]; monthPeriods: { month: string; period: Period }[] } {
  const periods = new Map<string, Period>();
  const monthPeriods: { month: string; period: Period }[] = [];
  for (const month of monthsBetween(first, last)) {
    for (const period of periodsOfMonth(month)) {
      periods.set(`${period.period_type}/${period.period}`, period);
      monthPeriods.push({ month, period });
    }
  }
  return { periods: [...periods.values()], monthPeriods };
}

function periodValues(p: Period): string {
  return [
    sqlString(p.period_type),
    sqlString(p.period),
    sqlDate(p.period_start),
    sqlDate(p.period_end),
    sqlDate(p.period_next),
    sqlString(p.first_month),
    sqlString(p.last_month),
  ].join(', ');
}

const PERIOD_COLUMNS = 'period_type, period, period_start, period_end, period_next, first_month, last_month';

/** `{{calendar}}`: the periods as an inline relation. */
export function calendarRelation(periods: Period[]): string {
  if (periods.length === 0) throw new Error('the calendar is empty');
  return `(SELECT * FROM (VALUES ${periods.map((p) => `(${periodValues(p)})`).join(', ')}) AS t(${PERIOD_COLUMNS}))`;
}

/** `{{month_periods}}`: month → its month, quarter and year periods as an inline relation. */
export function monthPeriodsRelation(monthPeriods: { month: string; period: Period }[]): string {
  if (monthPeriods.length === 0) throw new Error('the calendar is empty');
  const values = monthPeriods.map(({ month, period }) => `(${sqlString(month)}, ${periodValues(period)})`).join(', ');
  return `(SELECT * FROM (VALUES ${values}) AS t(month, ${PERIOD_COLUMNS}))`;
}
