/**
 * One chunk of a batch: validate each row with the contract, normalise (pseudonymise, derive),
 * reconcile accepted records with the OpsStore, stage lake rows, and write the chunk's part of
 * the error report. Pure domain code over ports; the same function runs in-process, in a
 * worker thread and in the ingest-chunk Lambda.
 */
import { PassThrough } from 'node:stream';
import type { BlobStore, OpsStore } from '../../adapters/ports.ts';
import type { ContractRef, DatasetName, RawRow, RowContext, RowIssue, RowResult } from '../../schemas/dataset.ts';
import { DATASETS } from '../../schemas/datasets/index.ts';
import { normaliseRecord } from '../identity/normalise.ts';
import { contentColumns, rowHash } from '../identity/row-hash.ts';
import { VolunteerKeyer } from '../identity/volunteer-key.ts';
import { type LakePartition, partitionOf } from '../lake/lake-layout.ts';
import type { LakeRow } from '../lake/lake-row.ts';
import { StagedLakeWriter } from '../lake/staged-writer.ts';
import { type ErrorLine, errorLineCsv, errorsPartKey } from './errors-report.ts';
import { type LaneGroup, LaneRowReader } from './lane-group.ts';
import type { ParsedRow } from './parse/parsed-row.ts';
import { type AcceptedRecord, type Reconciled, reconcileRecords } from './reconcile-records.ts';

/** A row handed to a chunk, flagged when its natural key repeats an earlier row of the file. */
export interface ChunkRow extends ParsedRow {
  duplicateInFile?: boolean;
}

/** Facts of the batch every chunk needs (serialisable: it crosses threads and queues). */
export interface BatchFacts {
  batchId: string;
  dataset: DatasetName;
  district: string;
  fileName: string;
  /** ISO instant the batch was received (orders versions). */
  receivedAt: string;
  /** `versionOf(receivedAt, batchId)`. */
  version: string;
  /** ISO instant this processing attempt started. */
  ingestedAt: string;
  /** Ingestion day, Asia/Shanghai. */
  today: string;
  /** Current contracts (service records only). */
  contracts: ContractRef[];
}

/** Ports a chunk writes through. */
export interface ChunkDeps {
  ops: OpsStore;
  lake: BlobStore;
  rejects: BlobStore;
  volunteerKey: Uint8Array;
}

/** What a chunk reports back. */
export interface ChunkResult {
  chunk: number;
  received: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  corrections: number;
  /** `YYYY-MM` months whose figures changed. */
  months: string[];
  /** Key of the chunk's error-report part, or null without rejections. */
  errorsPart: string | null;
  stagedFiles: number;
}

/** Accepted rows reconciled with the OpsStore per block. */
const BLOCK_ROWS = 100;

/**
 * Processes the rows of one chunk. Rows arrive in groups (parser batches, or CSV text a
 * worker splits here); the function holds at most one block of records and the lake buffers
 * in memory.
 *
 * @example
 * const result = await processChunk(deps, facts, 0, groups);
 */
export async function processChunk(
  deps: ChunkDeps,
  facts: BatchFacts,
  chunk: number,
  groups: AsyncIterable<LaneGroup> | Iterable<LaneGroup>,
): Promise<ChunkResult> {
  const dataset = DATASETS[facts.dataset];
  const table = dataset.table;
  const partitioned = table.partitionKeys.length > 0;
  const ctx: RowContext = {
    district: facts.district,
    today: facts.today,
    contracts: new Map(facts.contracts.map((c) => [c.contract_id, c])),
  };
  const keyer = new VolunteerKeyer(deps.volunteerKey);
  const hashColumns = contentColumns(table);
  const lake = new StagedLakeWriter(deps.lake, table, facts.batchId, chunk);
  const result: ChunkResult = {
    chunk,
    received: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    corrections: 0,
    months: [],
    errorsPart: null,
    stagedFiles: 0,
  };
  const months = new Set<string>();
  const errors = new ErrorPartWriter(deps.rejects, errorsPartKey(facts.dataset, facts.district, facts.batchId, chunk));
  let block: AcceptedRecord[] = [];

  // Lineage columns reach the lake writer as each row's `extra`. What every version row of the
  // chunk shares sits on the prototype of one small class, so a row adds an object of two
  // fields (its hash and source row) instead of seven.
  const VersionLineage = versionLineageClass({
    batch_id: facts.batchId,
    batch_received_at: facts.receivedAt,
    ingested_at: facts.ingestedAt,
    version: facts.version,
    tombstone: false,
  });
  const tombstoneLineage = (d: Reconciled, version: string): LakeRow => ({
    row_hash: d.record.rowHash,
    batch_id: facts.batchId,
    batch_received_at: facts.receivedAt,
    ingested_at: facts.ingestedAt,
    version,
    tombstone: true,
    source_row: d.record.sourceRow,
  });
  // One partition object per month (a chunk sees a few dozen), not one per row.
  const partitions = new Map<string, LakePartition>();
  const partitionOfMonth = (month: string): LakePartition => {
    let partition = partitions.get(month);
    if (partition === undefined) {
      partition = partitionOf(month, facts.district);
      partitions.set(month, partition);
    }
    return partition;
  };
  const reconcileBatch = { dataset: facts.dataset, district: facts.district, batchId: facts.batchId, version: facts.version };

  const flushBlock = async (): Promise<void> => {
    if (block.length === 0) return;
    const decisions = await reconcileRecords(deps.ops, reconcileBatch, block);
    block = [];
    for (let i = 0; i < decisions.length; i++) {
      const d = decisions[i]!;
      if (d.outcome === 'duplicate') result.duplicates++;
      else if (d.outcome === 'correction') result.corrections++;
      const touched = d.touched;
      for (let k = 0; k < touched.length; k++) months.add(touched[k]!);
      if (d.lake.version)
        lake.buffer(
          d.record.record,
          partitioned ? partitionOfMonth(d.record.month!) : undefined,
          new VersionLineage(d.record.rowHash, d.record.sourceRow),
        );
      for (const t of d.lake.tombstones) lake.buffer(d.record.record, partitionOfMonth(t.month), tombstoneLineage(d, t.version));
    }
    await lake.flushDue();
  };

  const validate = dataset.validate as (row: RawRow, ctx: RowContext) => RowResult<unknown>;
  const naturalKeyOf = dataset.naturalKey as (v: unknown) => string;
  const reader = new LaneRowReader();
  for await (const group of groups) {
    for (const row of reader.rows(group)) {
      result.received++;
      const validated = validate(row.cells, ctx);
      if (!validated.ok || row.duplicateInFile) {
        const issues: RowIssue[] = validated.ok ? [] : [...validated.issues];
        if (row.duplicateInFile)
          issues.unshift({ column: keyColumn(facts.dataset, row), code: 'DUPLICATE_IN_FILE', value: undefined });
        result.rejected++;
        for (const issue of issues) {
          const value = issue.code === 'DUPLICATE_IN_FILE' ? row.cells[issue.column] : issue.value;
          const drained = errors.write({
            file: facts.fileName,
            row: row.rowNumber,
            column: issue.column,
            value,
            code: issue.code,
          });
          if (drained !== undefined) await drained;
        }
        continue;
      }
      result.accepted++;
      const normalised = normaliseRecord(facts.dataset, validated.value, keyer);
      block.push({
        naturalKey: naturalKeyOf(validated.value),
        record: normalised.record,
        rowHash: rowHash(hashColumns, normalised.record),
        month: partitioned && normalised.partitionDate ? normalised.partitionDate.slice(0, 7) : null,
        partitionDate: normalised.partitionDate,
        volunteerKey: normalised.volunteerKey,
        sourceRow: row.rowNumber,
      });
      if (block.length >= BLOCK_ROWS) await flushBlock();
    }
  }
  await flushBlock();
  result.stagedFiles = (await lake.finish()).length;
  result.errorsPart = await errors.close();
  result.months = [...months].sort();
  return result;
}

/** The column a DUPLICATE_IN_FILE issue names: the dataset's natural key column. */
function keyColumn(dataset: DatasetName, row: ChunkRow): string {
  switch (dataset) {
    case 'service_records':
      return 'record_id';
    case 'projects':
      return 'project_code';
    case 'contracts':
      return 'contract_id';
    case 'registrations':
      return row.cells.volunteer_number !== undefined ? 'volunteer_number' : 'id_number';
  }
}

/** Streams error lines into the rejects store, opening the object on the first line. */
class ErrorPartWriter {
  private stream: PassThrough | undefined;
  private upload: Promise<void> | undefined;

  constructor(
    private readonly store: BlobStore,
    private readonly key: string,
  ) {}

  /** Writes a line; returns a promise to await only when the stream asks to wait for a drain. */
  write(line: ErrorLine): Promise<void> | undefined {
    if (!this.stream) {
      this.stream = new PassThrough();
      this.upload = this.store.putStream(this.key, this.stream, 'text/csv; charset=utf-8');
      this.upload.catch(() => undefined);
    }
    const stream = this.stream;
    if (stream.write(errorLineCsv(line))) return undefined;
    return new Promise((resolve) => stream.once('drain', resolve));
  }

  /** Ends the part; returns its key, or null when nothing was written. */
  async close(): Promise<string | null> {
    if (!this.stream) return null;
    this.stream.end();
    await this.upload;
    return this.key;
  }
}

/** Lineage every version row of a chunk shares. */
interface SharedLineage {
  batch_id: string;
  batch_received_at: string;
  ingested_at: string;
  version: string;
  tombstone: boolean;
}

/**
 * A class whose instances carry a row's own lineage (`row_hash`, `source_row`) and inherit the
 * shared columns: the lake writer reads columns by name (`in` and property loads follow the
 * prototype), so an instance reads as the full lineage row.
 */
function versionLineageClass(shared: SharedLineage): new (rowHash: string, sourceRow: number) => LakeRow {
  class VersionLineage {
    /**
     * One instance the class keeps for its life. Rows die young, and a map that only dead
     * objects used (V8 holds the maps an instance's fields led to weakly) is collected by the
     * next full GC: code inlining the constructor (it is inlined into the block flush and the
     * lake row appender) was then thrown away ("weak objects") and optimised again, about
     * four times a lane (`--trace-deopt`, 1M rows); with this instance, none.
     */
    static readonly keptForItsMap = new VersionLineage('', 0);
    constructor(
      readonly row_hash: string,
      readonly source_row: number,
    ) {}
  }
  Object.assign(VersionLineage.prototype, shared);
  return VersionLineage as unknown as new (
    rowHash: string,
    sourceRow: number,
  ) => LakeRow;
}
