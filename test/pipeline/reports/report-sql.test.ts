// Deep import: the package root costs ~10 s per test run (DESIGN.md).
import { TrinoSQL } from 'dt-sql-parser/dist/parser/trino/index.js';
import { describe, expect, it } from 'vitest';
import { loadReportSql, REPORT_SQL_FILES, renderSql } from '../../../pipeline/reports/report-sql.ts';

const params = {
  contract_id: 'GP-2026-001',
  period_type: 'quarter',
  period: '2026-Q3',
  month_from: '2026-07',
  month_to: '2026-09',
  star_period_type: 'quarter',
  star_period_from: '2026-Q3',
  star_period_to: '2026-Q3',
  date_from: '2026-07-01',
  date_to: '2026-09-30',
  batch_ids: ['b-1', "b-'2"],
};

describe('report SQL', () => {
  it('every file renders and parses as Trino (Athena)', async () => {
    const parser = new TrinoSQL();
    expect(parser.validate('SELECT FROM WHERE')).not.toEqual([]); // the parser does reject bad SQL
    for (const name of REPORT_SQL_FILES) {
      const sql = await loadReportSql(name);
      expect(sql.sha256).toMatch(/^[0-9a-f]{64}$/);
      const rendered = renderSql(sql.text, params);
      expect(rendered).not.toContain('{{');
      expect(parser.validate(rendered), `${name}.sql`).toEqual([]);
    }
  });

  it('quotes parameters as literals and refuses missing ones', () => {
    expect(renderSql('x IN ({{ids}}) AND y = {{id}}', { ids: ['a', "b'c"], id: "O'Neil" })).toBe(
      "x IN ('a', 'b''c') AND y = 'O''Neil'",
    );
    expect(() => renderSql('x = {{missing}}', {})).toThrow(/missing/);
  });
});
