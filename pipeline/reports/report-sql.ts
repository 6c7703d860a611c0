/**
 * The report's SQL: one `.sql` file per figure group in `pipeline/reports/sql/`, run unchanged
 * by DuckDB and Athena through the QueryEngine port. Parameters are written `{{name}}` and
 * rendered as quoted SQL literals; every figure in a report names the file (and its sha256)
 * it came from.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The SQL files of a report, by figure group. */
export const REPORT_SQL_FILES = [
  'contract',
  'delivery',
  'monthly-trend',
  'breakdown',
  'star-levels',
  'batch-rows',
  'timeliness',
  'data-quality',
  'contracts-in-period',
] as const;

/** The name of one report SQL file (without `.sql`). */
export type ReportSqlName = (typeof REPORT_SQL_FILES)[number];

/** A loaded SQL file: its repository path, text and sha256. */
export interface ReportSql {
  name: ReportSqlName;
  /** Path from the repository root, e.g. `pipeline/reports/sql/delivery.sql`. */
  file: string;
  text: string;
  sha256: string;
}

/** A parameter value: a string (quoted), a list of strings (a quoted, comma-separated list). */
export type SqlParam = string | readonly string[];

const SQL_DIR = new URL('./sql/', import.meta.url);
const cache = new Map<ReportSqlName, Promise<ReportSql>>();

/**
 * Loads one report SQL file (cached).
 *
 * @example
 * const sql = await loadReportSql('delivery');
 * sql.file; // 'pipeline/reports/sql/delivery.sql'
 */
export function loadReportSql(name: ReportSqlName): Promise<ReportSql> {
  let loaded = cache.get(name);
  if (!loaded) {
    loaded = readFile(fileURLToPath(new URL(`${name}.sql`, SQL_DIR)), 'utf8').then((text) => ({
      name,
      file: `pipeline/reports/sql/${name}.sql`,
      text,
      sha256: createHash('sha256').update(text).digest('hex'),
    }));
    cache.set(name, loaded);
  }
  return loaded;
}

/**
 * A quoted SQL string literal.
 *
 * @example
 * sqlString("O'Brien"); // "'O''Brien'"
 */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Replaces every `{{name}}` with its quoted value; throws on a missing parameter.
 *
 * @example
 * renderSql('SELECT 1 WHERE c = {{id}}', { id: 'C1' }); // "SELECT 1 WHERE c = 'C1'"
 * renderSql('… IN ({{ids}})', { ids: ['a', 'b'] }); // "… IN ('a', 'b')"
 */
export function renderSql(text: string, params: Record<string, SqlParam>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`SQL parameter {{${name}}} has no value`);
    return typeof value === 'string' ? sqlString(value) : value.map(sqlString).join(', ');
  });
}
