/**
 * The aggregation job: recompute the intermediate tables for the months touched since the
 * last successful run (all months with `full`), rebuild every aggregate table from them,
 * write changed volunteer profiles back, then publish the run as the current snapshot.
 * Outputs go under a new `aggregates/runs/{run_id}/`, so a run that fails half-way leaves the
 * previous snapshot readable, and a run with nothing new publishes nothing.
 */
import { randomBytes } from 'node:crypto';
import type { RedvestConfig } from '../../adapters/config.ts';
import type { BlobStore, OpsStore, QueryEngine } from '../../adapters/ports.ts';
import type { DatasetName } from '../../schemas/dataset.ts';
import { AGGREGATE_TABLES, CURATED_TABLES } from '../../schemas/tables.ts';
import { curatedTablePrefix } from '../lake/lake-layout.ts';
import { type BatchFacts, type BatchFactsSource, batchesRelation, batchRejectsRelation } from './batch-facts.ts';
import { buildCalendar, calendarRelation, monthPeriodsRelation } from './calendar.ts';
import { INTERMEDIATES } from './intermediate-tables.ts';
import { type LakeIo, monthFilter } from './lake-io.ts';
import { type AggregateSnapshot, runTablePrefix, type TableCatalog } from './snapshot.ts';
import { sqlDate, sqlInteger } from './sql-literals.ts';
import { placeholdersOf, renderSql, type SqlName, sqlTemplate } from './sql-templates.ts';
import { PROFILES_TABLE, writeChangedProfiles } from './volunteer-profiles.ts';

/** The aggregate tables a run writes, in order. */
export const AGGREGATE_SQL: readonly SqlName[] = [
  'agg_participation',
  'agg_project_outcomes',
  'agg_purchase_delivery',
  'agg_purchase_breakdown',
  'agg_star_levels',
  'agg_data_quality',
];

/** Months per write statement (Athena UNLOAD writes at most 100 partitions). */
const MONTHS_PER_STATEMENT = 100;

/** What {@link runAggregation} works with. */
export interface AggregationDeps {
  engine: QueryEngine;
  lake: BlobStore;
  io: LakeIo;
  catalog: TableCatalog;
  batches: BatchFactsSource;
  /** Where volunteer profiles are written back; omitted = not written. */
  ops?: OpsStore;
  config: Pick<RedvestConfig, 'historyStart' | 'hourlyWageCny'>;
  now?: () => Date;
  newRunId?: (now: Date) => string;
  /** Called after each step (tests use it to fail a run half-way). */
  afterStep?: (step: string) => void | Promise<void>;
}

export interface AggregationOptions {
  /** Recompute every month of every intermediate table. */
  full?: boolean;
}

/** What a run did. */
export interface AggregationResult {
  status: 'published' | 'unchanged';
  runId: string | null;
  full: boolean;
  /** Batches completed since the previous run. */
  newBatches: number;
  /** Months recomputed per source dataset (every month on a full run). */
  recomputedMonths: Partial<Record<DatasetName, string[]>>;
  /** Curated Parquet bytes the run's statements were bound to (NaN on Athena). */
  curatedBytesRead: number;
  /**
   * Parquet bytes each statement of the run was bound to (curated and intermediate; every
   * column, so an upper bound of what Athena scans; NaN on Athena). Athena bills each statement
   * separately with a 10 MB minimum.
   */
  statementBytes: Record<string, number>;
  /** Rows of each table written. */
  rows: Record<string, number>;
  profilesWritten: number;
  seconds: number;
}

function defaultRunId(now: Date): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

function newSince(batches: BatchFacts[], previous: AggregateSnapshot | undefined): BatchFacts[] {
  if (!previous || previous.watermark === null) return batches;
  const atWatermark = new Set(previous.watermarkBatches);
  return batches.filter(
    (b) => b.completedAt > previous.watermark! || (b.completedAt === previous.watermark && !atWatermark.has(b.batchId)),
  );
}

function monthOfKey(key: string): string | undefined {
  const m = /year=(\d{4})\/month=(\d{2})\//.exec(key);
  return m ? `${m[1]}-${m[2]}` : undefined;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function lastDayOf(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

async function countRows(engine: QueryEngine, relation: string): Promise<number> {
  const [row] = await engine.query(`SELECT count(*) AS n FROM ${relation} AS t`);
  return Number(row?.n ?? 0);
}

/**
 * Runs the aggregation once.
 *
 * @example
 * const result = await runAggregation(deps, { full: false });
 * result.status; // 'published' or 'unchanged'
 */
export async function runAggregation(deps: AggregationDeps, options: AggregationOptions = {}): Promise<AggregationResult> {
  const started = Date.now();
  const now = deps.now?.() ?? new Date();
  const step = async (name: string) => deps.afterStep?.(name);
  const previous = await deps.catalog.current();
  const batches = await deps.batches.completedBatches();
  const fresh = newSince(batches, previous);
  const full = options.full === true || previous === undefined;
  const base = {
    full,
    newBatches: fresh.length,
    recomputedMonths: {} as AggregationResult['recomputedMonths'],
    curatedBytesRead: 0,
    statementBytes: {} as Record<string, number>,
    rows: {} as Record<string, number>,
    profilesWritten: 0,
  };
  if (!full && fresh.length === 0) {
    return { ...base, status: 'unchanged', runId: null, seconds: (Date.now() - started) / 1000 };
  }

  const runId = (deps.newRunId ?? defaultRunId)(now);
  const touched = new Map<DatasetName, Set<string>>();
  for (const b of fresh) {
    const months = touched.get(b.dataset) ?? new Set<string>();
    for (const m of b.months) months.add(m);
    touched.set(b.dataset, months);
  }

  // 1. Intermediate tables: recompute the touched months into this run's location.
  const partitions: Record<string, Record<string, string>> = {};
  for (const intermediate of INTERMEDIATES) {
    const source = CURATED_TABLES[`${intermediate.source}_versions`]!;
    const kept = full ? {} : { ...(previous?.partitions[intermediate.table.name] ?? {}) };
    let months: string[];
    if (full) {
      const keys = await deps.lake.list(curatedTablePrefix(source.name));
      months = [...new Set(keys.map((e) => monthOfKey(e.key)).filter((m): m is string => m !== undefined))].sort();
    } else {
      months = [...(touched.get(intermediate.source) ?? [])].sort();
    }
    base.recomputedMonths[intermediate.source] = months;
    let part = 0;
    for (const group of chunks(months, MONTHS_PER_STATEMENT)) {
      const bound = await deps.io.curated(source, group);
      base.curatedBytesRead += bound.bytes;
      base.statementBytes[`${intermediate.table.name}/part-${part}`] = bound.bytes;
      const prefix = `${runTablePrefix(runId, intermediate.table.name)}part-${part}/`;
      const select = renderSql(intermediate.sql, {
        [source.name]: bound.relation,
        month_filter: monthFilter(group),
      });
      await deps.io.write(select, prefix, 'month');
      const written = new Set(
        (await deps.lake.list(prefix)).map((e) => /month=(\d{4}-\d{2})\//.exec(e.key)?.[1]).filter(Boolean) as string[],
      );
      for (const month of group) {
        if (written.has(month)) kept[month] = `${prefix}month=${month}/`;
        else delete kept[month];
      }
      part += 1;
    }
    partitions[intermediate.table.name] = kept;
    await step(`intermediate:${intermediate.table.name}`);
  }

  // 2. Bindings shared by every aggregate statement.
  const bindings: Record<string, string> = {};
  const boundBytes: Record<string, number> = {};
  for (const intermediate of INTERMEDIATES) {
    const prefixes = Object.values(partitions[intermediate.table.name] ?? {});
    const bound = await deps.io.outputs(intermediate.table, prefixes);
    bindings[intermediate.table.name] = bound.relation;
    boundBytes[intermediate.table.name] = bound.bytes;
  }
  for (const name of ['projects_versions', 'contracts_versions']) {
    const bound = await deps.io.curated(CURATED_TABLES[name]!);
    base.curatedBytesRead += bound.bytes;
    bindings[name] = bound.relation;
    boundBytes[name] = bound.bytes;
  }
  const bytesOf = (name: SqlName) => placeholdersOf(sqlTemplate(name)).reduce((sum, p) => sum + (boundBytes[p] ?? 0), 0);
  base.statementBytes.extent = boundBytes.int_volunteer_month ?? 0;
  const [extent] = await deps.engine.query(
    `SELECT min(month) AS first_month, max(month) AS last_month, min(first_service_date) AS first_date
     FROM ${bindings.int_volunteer_month} AS t`,
  );
  const firstMonth = (extent?.first_month as string | null) ?? now.toISOString().slice(0, 7);
  const lastMonth = (extent?.last_month as string | null) ?? firstMonth;
  const asOf = lastDayOf(lastMonth);
  const historyStart = deps.config.historyStart ?? (extent?.first_date as string | null) ?? `${firstMonth}-01`;
  const calendar = buildCalendar(firstMonth, lastMonth);
  Object.assign(bindings, {
    calendar: calendarRelation(calendar.periods),
    month_periods: monthPeriodsRelation(calendar.monthPeriods),
    history_start: sqlDate(historyStart),
    as_of: sqlDate(asOf),
    as_of_next: sqlDate(dayAfter(asOf)),
    hourly_wage_cents: sqlInteger(Math.round(deps.config.hourlyWageCny * 100)),
    batches: batchesRelation(batches),
    batch_rejects: batchRejectsRelation(batches),
  });

  // 3. Aggregate tables, each rebuilt whole from the intermediates.
  const tables: Record<string, string> = {};
  for (const name of AGGREGATE_SQL) {
    const prefix = runTablePrefix(runId, name);
    await deps.io.write(renderSql(name, bindings), prefix);
    base.statementBytes[name] = bytesOf(name);
    tables[name] = prefix;
    const output = await deps.io.outputs(AGGREGATE_TABLES[name]!, [prefix]);
    base.rows[name] = await countRows(deps.engine, output.relation);
    base.statementBytes[`count:${name}`] = output.bytes;
    await step(`aggregate:${name}`);
  }

  // 4. Volunteer profiles: written back only where a figure changed since the last snapshot.
  const profilesPrefix = runTablePrefix(runId, PROFILES_TABLE.name);
  await deps.io.write(renderSql('volunteer_profiles', bindings), profilesPrefix);
  base.statementBytes.volunteer_profiles = bytesOf('volunteer_profiles');
  tables[PROFILES_TABLE.name] = profilesPrefix;
  if (deps.ops) {
    const before = previous?.tables[PROFILES_TABLE.name];
    base.profilesWritten = await writeChangedProfiles(deps.engine, deps.io, deps.ops, profilesPrefix, before, runId);
  }
  await step('profiles');

  // 5. Publish: the one switch readers see.
  const watermark = batches.reduce<string | null>((max, b) => (max === null || b.completedAt > max ? b.completedAt : max), null);
  const snapshot: AggregateSnapshot = {
    runId,
    completedAt: new Date().toISOString(),
    watermark,
    watermarkBatches: batches.filter((b) => b.completedAt === watermark).map((b) => b.batchId),
    historyStart,
    asOf,
    tables,
    partitions,
  };
  await deps.catalog.publish(snapshot);
  await step('publish');
  return { ...base, status: 'published', runId, seconds: (Date.now() - started) / 1000 };
}
