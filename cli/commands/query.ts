/**
 * `redvest query "SQL" [--format table|csv|json]`: runs SQL on DuckDB over the local lake with
 * every table and view registered under its Athena name.
 */
import type { Command } from 'commander';
import type { Row } from '../../adapters/ports.ts';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function csvCell(value: unknown): string {
  const text = cell(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Formats rows for the terminal.
 *
 * @example
 * formatRows([{ a: 1 }], 'csv'); // 'a\n1\n'
 */
export function formatRows(rows: Row[], format: 'table' | 'csv' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))}\n`;
  const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
  if (format === 'csv') {
    return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n').concat('\n');
  }
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))]
    .join('\n')
    .concat(`\n(${rows.length} rows)\n`);
}

/** Registers `redvest query`. */
export function register(program: Command): void {
  program
    .command('query')
    .description('run SQL over the local lake / 在本地数据湖上执行 SQL(表名与 Athena 相同)')
    .argument('<sql>', 'a SQL statement, e.g. "SELECT * FROM agg_participation LIMIT 10"')
    .option('--format <format>', 'table, csv or json (json prints one array)', 'table')
    .action(async (sql: string, flags: { format: string }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir: string; json?: boolean }>();
      const format = globals.json ? 'json' : flags.format;
      if (format !== 'table' && format !== 'csv' && format !== 'json')
        throw new Error(`--format must be table, csv or json, got "${flags.format}"`);
      const { loadConfig } = await import('../../adapters/config.ts');
      const { openBlobStore } = await import('../../adapters/blob/open-blob-store.ts');
      const { DuckDbEngine } = await import('../../adapters/query/duckdb-engine.ts');
      const { registerLakeViews } = await import('../../pipeline/aggregate/lake-views.ts');
      const config = loadConfig(process.env, { dataDir: globals.dataDir });
      const engine = await DuckDbEngine.create();
      try {
        await registerLakeViews(engine, openBlobStore(config.stores.lake, config));
        process.stdout.write(formatRows(await engine.query(sql), format));
      } finally {
        await engine.close();
      }
    });
}
