/**
 * Ports: the only way domain code (`pipeline/`) reaches storage and query engines.
 *
 * Each port has a cloud adapter (S3, DynamoDB, Athena) and an embedded one
 * (filesystem, dynalite, DuckDB). Adapters are chosen by `adapters/config.ts`
 * and built by `adapters/runtime.ts`; domain code only ever sees these interfaces.
 */
import type { Readable } from 'node:stream';

/** Raised by {@link BlobStore.get}, {@link BlobStore.getStream} and {@link BlobStore.move} when a key does not exist. */
export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`blob not found: ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

/** One object listed by {@link BlobStore.list}. */
export interface BlobEntry {
  /** Key relative to the store root, `/`-separated. */
  key: string;
  size: number;
}

/**
 * A key/value store of immutable blobs (landing, lake, rejects, reports, site data).
 * Keys are `/`-separated paths relative to the store root.
 */
export interface BlobStore {
  /** Human readable root, e.g. `file:///…/.redvest/lake` or `s3://bucket/prefix`. */
  readonly url: string;
  put(key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  /** Streams a body of unknown length into the key. */
  putStream(key: string, body: Readable, contentType?: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  /** Returns undefined when the key does not exist. */
  getOptional(key: string): Promise<Uint8Array | undefined>;
  getStream(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Lists every key under a prefix (recursively). */
  list(prefix: string): Promise<BlobEntry[]>;
  delete(key: string): Promise<void>;
  /** Deletes every key under a prefix. */
  deletePrefix(prefix: string): Promise<void>;
  /** Copies then deletes; the target is complete before the source disappears. */
  move(fromKey: string, toKey: string): Promise<void>;
  /**
   * A location a query engine can read directly (`/abs/path` for the filesystem,
   * `s3://bucket/key` for S3).
   */
  locationOf(key: string): string;
}

/** A DynamoDB-shaped item: plain JSON-compatible values. */
export type Item = Record<string, unknown>;

/** Raised by {@link OpsStore.put} when its condition does not hold. */
export class ConditionFailedError extends Error {
  constructor(message = 'condition failed') {
    super(message);
    this.name = 'ConditionFailedError';
  }
}

/** Condition on a conditional write, kept small so every adapter can express it. */
export type WriteCondition =
  | { kind: 'notExists' }
  /** Attribute is absent, or lower than the given value (optimistic version pointer). */
  | { kind: 'absentOrLessThan'; attribute: string; value: string | number }
  /** Attribute equals one of the given values (state transitions). */
  | { kind: 'attributeIn'; attribute: string; values: (string | number)[] };

/** Query on a table's primary key or one of its secondary indexes. */
export interface KeyQuery {
  index?: 'byDistrict' | 'byVolunteer';
  /** Partition key value (pk, or the index's partition key). */
  partition: string;
  /** Optional sort key prefix. */
  sortPrefix?: string;
  /** Newest first. */
  descending?: boolean;
  limit?: number;
}

/**
 * Operational store (DynamoDB single table): records, batch manifests, volunteer profiles.
 * Items are keyed by `pk` and `sk`; secondary indexes on (`gsi1pk`,`gsi1sk`) = byDistrict
 * and (`gsi2pk`,`gsi2sk`) = byVolunteer.
 */
export interface OpsStore {
  get(pk: string, sk: string): Promise<Item | undefined>;
  /** Fetches many keys at once; missing keys are simply absent from the result. */
  batchGet(keys: { pk: string; sk: string }[]): Promise<Item[]>;
  put(item: Item, condition?: WriteCondition): Promise<void>;
  /** Unconditional bulk puts; unprocessed items are retried with backoff until written. */
  batchPut(items: Item[]): Promise<void>;
  query(q: KeyQuery): Promise<Item[]>;
  delete(pk: string, sk: string): Promise<void>;
}

/** Result rows of a query, as plain objects keyed by column name. */
export type Row = Record<string, unknown>;

/**
 * A SQL engine over the lake: DuckDB locally, Athena in the cloud. SQL is written in the
 * portable subset both accept (see `pipeline/aggregate/sql/`).
 */
export interface QueryEngine {
  readonly name: 'duckdb' | 'athena';
  /** Runs a statement and returns its rows. */
  query(sql: string): Promise<Row[]>;
  /** Runs a statement for its effect (DDL, COPY, UNLOAD). */
  execute(sql: string): Promise<void>;
  close(): Promise<void>;
}
