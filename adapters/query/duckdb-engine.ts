/**
 * QueryEngine on DuckDB (`@duckdb/node-api`), the embedded engine over the local lake.
 *
 * The native binding is loaded with a dynamic `import()` of a computed specifier, so a
 * bundler never pulls DuckDB into a Lambda package even when this file is reachable.
 * Import this module itself only through `import()` as well (see `open-query-engine.ts`).
 */
import type { DuckDBConnection, DuckDBInstance, DuckDBType } from '@duckdb/node-api';
import type { QueryEngine, Row } from '../ports.ts';

type DuckDbModule = typeof import('@duckdb/node-api');

const DUCKDB_MODULE = '@duckdb/node-api';

/** Options of {@link DuckDbEngine.create}. */
export interface DuckDbEngineOptions {
  /** Database file; default `:memory:`. */
  path?: string;
  /** Worker threads; default DuckDB's (all cores). */
  threads?: number;
  /** e.g. `'1GB'`; default DuckDB's (80 % of RAM). */
  memoryLimit?: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DD` of a Date that DuckDB built at UTC midnight. */
function isoDate(date: Date): string {
  const year = date.getUTCFullYear();
  const yearText = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  return `${yearText}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function plainNumber(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/**
 * The QueryEngine over DuckDB. Values come back as plain JavaScript: DECIMAL → number,
 * integers → number (bigint only beyond 2^53), DATE → `YYYY-MM-DD`, TIMESTAMP → ISO 8601
 * string (UTC), VARCHAR → string, LIST/STRUCT converted element by element.
 *
 * @example
 * const engine = await DuckDbEngine.create();
 * await engine.query("SELECT DATE '2026-11-01' AS d"); // [{ d: '2026-11-01' }]
 * await engine.close();
 */
export class DuckDbEngine implements QueryEngine {
  readonly name = 'duckdb' as const;
  private closed = false;

  private constructor(
    private readonly duckdb: DuckDbModule,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Opens an in-memory (or file) database with extension downloads disabled. */
  static async create(options: DuckDbEngineOptions = {}): Promise<DuckDbEngine> {
    const duckdb = (await import(/* @vite-ignore */ DUCKDB_MODULE)) as DuckDbModule;
    const settings: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
    };
    if (options.threads !== undefined) settings.threads = String(options.threads);
    if (options.memoryLimit !== undefined) settings.memory_limit = options.memoryLimit;
    const instance = await duckdb.DuckDBInstance.create(options.path ?? ':memory:', settings);
    const connection = await instance.connect();
    // Timestamps without a zone are read as UTC everywhere; keep DuckDB's own zone in step.
    await connection.run("SET TimeZone = 'UTC'");
    return new DuckDbEngine(duckdb, instance, connection);
  }

  async query(sql: string): Promise<Row[]> {
    const reader = await this.connection.runAndReadAll(sql);
    const names = reader.columnNames();
    const types = reader.columnTypes();
    const rows = reader.getRowObjectsJS() as Row[];
    for (const row of rows) {
      names.forEach((name, index) => {
        const type = types[index];
        if (type) row[name] = this.plain(row[name], type);
      });
    }
    return rows;
  }

  async execute(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    this.instance.closeSync();
  }

  /** Converts a value from `getRowObjectsJS()` by its DuckDB type. */
  private plain(value: unknown, type: DuckDBType): unknown {
    if (value === null || value === undefined) return null;
    const { DuckDBTypeId } = this.duckdb;
    switch (type.typeId) {
      case DuckDBTypeId.DATE:
        return value instanceof Date ? isoDate(value) : value;
      case DuckDBTypeId.TIMESTAMP:
      case DuckDBTypeId.TIMESTAMP_S:
      case DuckDBTypeId.TIMESTAMP_MS:
      case DuckDBTypeId.TIMESTAMP_NS:
      case DuckDBTypeId.TIMESTAMP_TZ:
        return value instanceof Date ? value.toISOString() : value;
      case DuckDBTypeId.LIST:
      case DuckDBTypeId.ARRAY: {
        const valueType = (type as DuckDBType & { valueType: DuckDBType }).valueType;
        return (value as unknown[]).map((element) => this.plain(element, valueType));
      }
      case DuckDBTypeId.STRUCT: {
        const struct = type as DuckDBType & { entryNames: string[]; entryTypes: DuckDBType[] };
        const out: Record<string, unknown> = {};
        struct.entryNames.forEach((entryName, index) => {
          const entryType = struct.entryTypes[index];
          const entryValue = (value as Record<string, unknown>)[entryName];
          out[entryName] = entryType ? this.plain(entryValue, entryType) : entryValue;
        });
        return out;
      }
      default:
        return typeof value === 'bigint' ? plainNumber(value) : value;
    }
  }
}
