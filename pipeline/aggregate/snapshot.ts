/**
 * What a successful run publishes: where each aggregate table and each month of each
 * intermediate table lives, plus the watermark the next run starts from. Readers only ever
 * see a complete snapshot: a run writes under `aggregates/runs/{run_id}/` first and switches
 * the pointer last.
 */
import type { BlobStore } from '../../adapters/ports.ts';

/** Root of every run's outputs in the lake store. */
export const RUNS_PREFIX = 'aggregates/runs';
/** The local pointer to the current snapshot. */
export const CURRENT_POINTER_KEY = 'aggregates/current.json';

/** A published run. Key prefixes are relative to the lake store and end with `/`. */
export interface AggregateSnapshot {
  runId: string;
  completedAt: string;
  /** Latest `completedAt` of the batches this run accounted for; null when there were none. */
  watermark: string | null;
  /** Batch ids completed exactly at the watermark (a batch completing at the same instant later is still new). */
  watermarkBatches: string[];
  historyStart: string;
  /** The last day of the last month with service data (contract-to-date end, profile stars). */
  asOf: string;
  /** Aggregate table → key prefix of its files. */
  tables: Record<string, string>;
  /** Intermediate table → month (`YYYY-MM`) → key prefix of the directory holding that month's files. */
  partitions: Record<string, Record<string, string>>;
}

/**
 * Switches the readable tables to a snapshot: a pointer file locally; in the cloud an
 * implementation also updates the Glue tables (UpdateTable location, partitions).
 */
export interface TableCatalog {
  current(): Promise<AggregateSnapshot | undefined>;
  publish(snapshot: AggregateSnapshot): Promise<void>;
}

/** Key prefix of a table's outputs in a run. */
export function runTablePrefix(runId: string, table: string): string {
  return `${RUNS_PREFIX}/${runId}/${table}/`;
}

/**
 * The catalog as one JSON pointer in the lake store (atomic write on the filesystem, a single
 * PUT on S3).
 *
 * @example
 * const catalog = pointerFileCatalog(runtime.stores.lake);
 * const snapshot = await catalog.current();
 */
export function pointerFileCatalog(lake: BlobStore, key = CURRENT_POINTER_KEY): TableCatalog {
  return {
    async current() {
      const body = await lake.getOptional(key);
      return body === undefined ? undefined : (JSON.parse(Buffer.from(body).toString('utf8')) as AggregateSnapshot);
    },
    async publish(snapshot) {
      await lake.put(key, `${JSON.stringify(snapshot, null, 2)}\n`, 'application/json');
    },
  };
}
