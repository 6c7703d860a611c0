/**
 * QueryEngine on Amazon Athena: start, poll with backoff, page through the results.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  AthenaClient,
  type ColumnInfo,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  type QueryExecution,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { backOff } from 'exponential-backoff';
import type { QueryEngine, Row } from '../ports.ts';

/** Options of {@link AthenaEngine}. Durations in milliseconds. */
export interface AthenaEngineOptions {
  workgroup: string;
  database: string;
  /** Result location; default the workgroup's. */
  outputLocation?: string;
  /** Shared client; default a new one in `region`. */
  client?: AthenaClient;
  region?: string;
  /**
   * Identifies the caller's run (e.g. an aggregation run id). With the SQL it yields the
   * ClientRequestToken, so retrying the same call within a run never starts the query twice.
   * Default: a random id per engine.
   */
  runId?: string;
  /** First delay between status polls. Default 250. */
  pollInitialMs?: number;
  /** Largest delay between status polls. Default 5000. */
  pollMaxMs?: number;
  /** Overall time to wait for one query before stopping it. Default 15 minutes. */
  timeoutMs?: number;
  /** Attempts of StartQueryExecution under TooManyRequestsException. Default 8. */
  startAttempts?: number;
  /** First delay of those retries. Default 500. */
  startBaseDelayMs?: number;
  /** Rows per GetQueryResults page (max 1000). Default 1000. */
  pageSize?: number;
}

/** A query that ended FAILED or CANCELLED, or ran out of time. */
export class AthenaQueryError extends Error {
  constructor(
    readonly queryExecutionId: string,
    readonly state: 'FAILED' | 'CANCELLED' | 'TIMEOUT',
    readonly reason: string | undefined,
  ) {
    super(`Athena query ${queryExecutionId} ${state}${reason ? `: ${reason}` : ''}`);
    this.name = 'AthenaQueryError';
  }
}

/**
 * The ClientRequestToken of a statement within a run: a SHA-256 of both (64 hex chars,
 * inside Athena's 32–128 range).
 *
 * @example
 * requestToken('run-1', 'SELECT 1'); // same value on every retry of this call
 */
export function requestToken(runId: string, sql: string): string {
  return createHash('sha256').update(runId).update('\u0000').update(sql).digest('hex');
}

function plainInteger(text: string): number | bigint {
  const value = BigInt(text);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** `2026-11-01 08:30:15.25` (Athena, UTC) → `2026-11-01T08:30:15.250Z`. */
function isoTimestamp(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/.exec(text);
  if (match) return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  const parsed = new Date(text.replace(' UTC', 'Z'));
  return Number.isNaN(parsed.getTime()) ? text : parsed.toISOString();
}

/**
 * Converts one Athena result cell by its column type (the same plain values DuckDB returns).
 *
 * @example
 * athenaValue('12.50', { Name: 'hours', Type: 'decimal' }); // 12.5
 */
export function athenaValue(text: string | undefined, column: Pick<ColumnInfo, 'Type'>): unknown {
  if (text === undefined) return null;
  const type = (column.Type ?? 'varchar').toLowerCase();
  switch (type) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'int':
    case 'bigint':
      return plainInteger(text);
    case 'double':
    case 'float':
    case 'real':
    case 'decimal':
      return Number(text);
    case 'boolean':
      return text === 'true';
    case 'timestamp':
    case 'timestamp with time zone':
      return isoTimestamp(text);
    default:
      return text;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The QueryEngine over Athena.
 *
 * @example
 * const engine = new AthenaEngine({ workgroup: 'redvest', database: 'redvest', runId: 'agg-2026-11-01' });
 * const rows = await engine.query('SELECT district, count(*) AS n FROM service_records GROUP BY 1');
 */
export class AthenaEngine implements QueryEngine {
  readonly name = 'athena' as const;
  private readonly client: AthenaClient;
  private readonly ownsClient: boolean;
  private readonly runId: string;

  constructor(private readonly options: AthenaEngineOptions) {
    this.client = options.client ?? new AthenaClient({ region: options.region });
    this.ownsClient = options.client === undefined;
    this.runId = options.runId ?? randomUUID();
  }

  async query(sql: string): Promise<Row[]> {
    const execution = await this.run(sql);
    const id = execution.QueryExecutionId ?? '';
    const rows: Row[] = [];
    let columns: ColumnInfo[] = [];
    let token: string | undefined;
    let firstPage = true;
    do {
      const page = await this.client.send(
        new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: this.options.pageSize ?? 1000, NextToken: token }),
      );
      if (firstPage) columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      let pageRows = page.ResultSet?.Rows ?? [];
      if (firstPage && execution.StatementType === 'DML' && pageRows.length > 0) {
        const first = pageRows[0]?.Data ?? [];
        const isHeader = columns.every((column, index) => first[index]?.VarCharValue === (column.Label ?? column.Name));
        if (isHeader) pageRows = pageRows.slice(1);
      }
      for (const row of pageRows) {
        const out: Row = {};
        columns.forEach((column, index) => {
          out[column.Name ?? `_col${index}`] = athenaValue(row.Data?.[index]?.VarCharValue, column);
        });
        rows.push(out);
      }
      token = page.NextToken;
      firstPage = false;
    } while (token);
    return rows;
  }

  async execute(sql: string): Promise<void> {
    await this.run(sql);
  }

  async close(): Promise<void> {
    if (this.ownsClient) this.client.destroy();
  }

  /** Starts a statement and waits until it succeeds; throws {@link AthenaQueryError} otherwise. */
  private async run(sql: string): Promise<QueryExecution> {
    const id = await this.start(sql);
    const timeoutMs = this.options.timeoutMs ?? 15 * 60_000;
    const deadline = Date.now() + timeoutMs;
    let delay = this.options.pollInitialMs ?? 250;
    const maxDelay = this.options.pollMaxMs ?? 5000;
    for (;;) {
      const { QueryExecution: execution } = await this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const state = execution?.Status?.State;
      if (state === 'SUCCEEDED' && execution) return execution;
      if (state === 'FAILED' || state === 'CANCELLED')
        throw new AthenaQueryError(
          id,
          state,
          execution?.Status?.StateChangeReason ?? execution?.Status?.AthenaError?.ErrorMessage,
        );
      if (Date.now() + delay > deadline) {
        await this.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
        throw new AthenaQueryError(id, 'TIMEOUT', `still ${state ?? 'unknown'} after ${timeoutMs} ms; stopped`);
      }
      await sleep(delay);
      delay = Math.min(delay * 2, maxDelay);
    }
  }

  private async start(sql: string): Promise<string> {
    const out = await backOff(
      () =>
        this.client.send(
          new StartQueryExecutionCommand({
            QueryString: sql,
            WorkGroup: this.options.workgroup,
            QueryExecutionContext: { Database: this.options.database },
            ClientRequestToken: requestToken(this.runId, sql),
            ...(this.options.outputLocation ? { ResultConfiguration: { OutputLocation: this.options.outputLocation } } : {}),
          }),
        ),
      {
        numOfAttempts: this.options.startAttempts ?? 8,
        startingDelay: this.options.startBaseDelayMs ?? 500,
        maxDelay: 20_000,
        jitter: 'full',
        retry: (error: Error) => error.name === 'TooManyRequestsException',
      },
    );
    if (!out.QueryExecutionId) throw new Error('Athena returned no QueryExecutionId');
    return out.QueryExecutionId;
  }
}
