import { TrinoSQL } from 'dt-sql-parser/dist/parser/trino/index.js';
import { describe, expect, it } from 'vitest';
import { batchesRelation, batchRejectsRelation } from '../../../pipeline/aggregate/batch-facts.ts';
import { buildCalendar, calendarRelation, monthPeriodsRelation } from '../../../pipeline/aggregate/calendar.ts';
import { monthFilter } from '../../../pipeline/aggregate/lake-io.ts';
import { placeholdersOf, renderSql, SQL_NAMES, sqlTemplate } from '../../../pipeline/aggregate/sql-templates.ts';

/** The bindings an Athena run uses: Glue table names and inline relations. */
function athenaBindings(): Record<string, string> {
  const calendar = buildCalendar('2025-11', '2026-02');
  const glue = (name: string) => `"redvest"."${name}"`;
  return {
    service_records_versions: glue('service_records_versions'),
    registrations_versions: glue('registrations_versions'),
    projects_versions: glue('projects_versions'),
    contracts_versions: glue('contracts_versions'),
    int_volunteer_month: glue('int_volunteer_month'),
    int_registrations: glue('int_registrations'),
    int_batch_rows: glue('int_batch_rows'),
    month_filter: monthFilter(['2025-12', '2026-01']),
    calendar: calendarRelation(calendar.periods),
    month_periods: monthPeriodsRelation(calendar.monthPeriods),
    history_start: "DATE '2025-11-03'",
    as_of: "DATE '2026-02-28'",
    as_of_next: "DATE '2026-03-01'",
    hourly_wage_cents: '2220',
    batches: batchesRelation([
      {
        batchId: 'b-1',
        dataset: 'service_records',
        district: 'futian',
        receivedAt: '2026-01-05T02:00:00.000Z',
        completedAt: '2026-01-05T02:10:00.000Z',
        months: ['2025-12'],
        received: 10,
        accepted: 9,
        rejected: 1,
        duplicates: 0,
        corrections: 2,
        rejectCodes: { DATE_FORMAT: 1 },
      },
    ]),
    batch_rejects: batchRejectsRelation([]),
  };
}

describe('aggregation SQL is portable', () => {
  const trino = new TrinoSQL();

  it.each(SQL_NAMES)('%s parses as Trino (Athena) SQL with every placeholder bound', (name) => {
    const sql = renderSql(name, athenaBindings());
    expect(sql).not.toMatch(/\{\{/);
    expect(trino.validate(sql)).toEqual([]);
    // The parser does reject what Athena would.
    expect(trino.validate(sql.replace('SELECT', 'SELEC')).length).toBeGreaterThan(0);
  });

  it('uses no engine-specific functions that Athena lacks', () => {
    for (const name of SQL_NAMES) {
      const code = sqlTemplate(name)
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('--'))
        .join('\n');
      expect(code, name).not.toMatch(/\b(median|quantile|approx_percentile|generate_series|strftime|date_trunc)\s*\(|::/i);
    }
  });

  it('reports unbound placeholders instead of running broken SQL', () => {
    expect(placeholdersOf(sqlTemplate('agg_participation'))).toContain('int_volunteer_month');
    expect(() => renderSql('agg_participation', {})).toThrow(/placeholder \{\{\w+\}\} is not bound/);
  });

  it('limits month partitions with a predicate Athena can prune on', () => {
    expect(monthFilter(['2026-01', '2025-12', '2026-02'])).toBe(
      "(year = '2025' AND month IN ('12')) OR (year = '2026' AND month IN ('01', '02'))",
    );
    expect(monthFilter([])).toBe('FALSE');
    expect(monthFilter()).toBe('TRUE');
  });
});
