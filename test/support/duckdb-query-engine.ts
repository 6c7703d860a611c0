/**
 * Test helper: an in-memory DuckDB implementing the {@link QueryEngine} port, for tests that
 * need a real SQL engine before (or independently of) the production DuckDB adapter.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { QueryEngine, Row } from '../../adapters/ports.ts';

/**
 * Opens an in-memory DuckDB. Rows come back JSON-shaped (BIGINT and DECIMAL as strings), as
 * an Athena result would, so consumers must normalise numbers themselves.
 *
 * @example
 * const engine = await openInMemoryDuckDb();
 * await engine.execute("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a')) v(n, s)");
 * await engine.query('SELECT * FROM t'); // [{ n: 1, s: 'a' }]
 */
export async function openInMemoryDuckDb(): Promise<QueryEngine> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false' });
  const connection = await instance.connect();
  return {
    name: 'duckdb',
    async query(sql: string): Promise<Row[]> {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as Row[];
    },
    async execute(sql: string): Promise<void> {
      await connection.run(sql);
    },
    async close(): Promise<void> {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Renders one SQL literal (NULL, number, or single-quoted string). */
function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return `'${String(value).replaceAll("'", "''")}'`;
}

/**
 * Creates (or replaces) a table from literal rows: `CREATE TABLE … AS SELECT … FROM (VALUES …)`,
 * with explicit column types so empty-ish or NULL-heavy columns stay well typed.
 *
 * @example
 * await createTableFromRows(engine, 'agg_star_levels', { period: 'VARCHAR', volunteers: 'BIGINT' }, [{ period: '2026', volunteers: 3 }]);
 */
export async function createTableFromRows(
  engine: QueryEngine,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, unknown>[],
): Promise<void> {
  const names = Object.keys(columns);
  const select = names.map((name, i) => `CAST(col${i} AS ${columns[name]}) AS ${name}`).join(', ');
  if (rows.length === 0) {
    const empty = names.map((name) => `CAST(NULL AS ${columns[name]}) AS ${name}`).join(', ');
    await engine.execute(`CREATE OR REPLACE TABLE ${table} AS SELECT ${empty} LIMIT 0`);
    return;
  }
  const chunkSize = 2000;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const values = rows
      .slice(start, start + chunkSize)
      .map((row) => `(${names.map((name) => sqlLiteral(row[name])).join(', ')})`)
      .join(',\n');
    const source = `(VALUES ${values}) AS v(${names.map((_, i) => `col${i}`).join(', ')})`;
    if (start === 0) await engine.execute(`CREATE OR REPLACE TABLE ${table} AS SELECT ${select} FROM ${source}`);
    else await engine.execute(`INSERT INTO ${table} SELECT ${select} FROM ${source}`);
  }
}
