/**
 * Writes a batch's lake rows into staged Parquet files, per partition, with bounded memory.
 *
 * Rows arrive in any order of partitions (a district's export is rarely sorted by date), so
 * a chunk keeps one Parquet file open per partition and adds row groups to it:
 *
 * - rows are buffered per partition column by column (column-buffer.ts: typed arrays,
 *   strings as ids of one dictionary per column shared by the partitions, or as PLAIN
 *   bytes), converted as they arrive, so no row object outlives its `buffer` call (measured
 *   on service records: about 350 bytes a buffered row off the heap, slack included, against
 *   about 1,100 bytes of heap for the row objects, which also slowed every young-generation
 *   collection they survived). A buffer becomes a row group when it reaches
 *   {@link ROW_GROUP_ROWS}, and the largest buffer does whenever all buffers together reach
 *   `maxBufferedRows`;
 * - an open file is held as encoded bytes only (about 125 bytes a row, parquet-encoder.ts);
 *   it is closed and stored when it reaches `rowsPerFile`, and the
 *   largest open file is closed whenever all open files together reach `maxOpenBytes`. A
 *   closed file is written while the chunk goes on, one write in flight at a time;
 * - `finish` turns every buffer into a row group and closes every file.
 *
 * A chunk therefore writes about one file per partition instead of one per flush. File
 * names are deterministic for the same rows in the same order, so a retried batch rewrites
 * the same files.
 */

import type { BlobStore } from '../../adapters/ports.ts';
import type { ParquetSchemaElement, TableDef } from '../../schemas/contract.ts';
import { type ColumnBuffer, columnBuffers } from './column-buffer.ts';
import { type ColumnPlan, columnPlans } from './column-plan.ts';
import { batchFileName, curatedFileKey, type LakePartition, stagingFileKey } from './lake-layout.ts';
import { type LakeRow, ROW_GROUP_ROWS } from './lake-row.ts';
import { ParquetFileEncoder } from './parquet-encoder.ts';
import { compileRowAppender, type RowAppender } from './row-appender.ts';
import { StringDictionary } from './string-dictionary.ts';

/**
 * Emptied column buffers kept for reuse: reusing their grown arrays spares allocating and
 * growing new ones (off-heap memory whose churn triggers full garbage collections), while
 * a bound keeps a burst of partitions from pinning their capacity.
 */
const SPARE_BUFFERS = 2;

export interface StagedWriterOptions {
  /** Rows per file at most. Default 250,000. */
  rowsPerFile?: number;
  /**
   * Rows buffered (not yet encoded) across partitions at most. Default 60,000: the bound
   * sets the row-group size (an export spread over ~25 months gives groups of about a
   * 25th of it), and each group costs page headers, metadata and Snappy calls per column
   * (measured on one lane, 200k rows: 20,000 → 60,000 took the encoding from ~1.35 to
   * ~0.8 µs a row, ~21 MB of column buffers at most).
   */
  maxBufferedRows?: number;
  /** Encoded bytes held in open files across partitions at most. Default 8 MiB. */
  maxOpenBytes?: number;
}

interface Buffer {
  partition: LakePartition | undefined;
  /** One buffer per table column, in column order. */
  columns: ColumnBuffer[];
  rows: number;
}

interface OpenFile {
  partition: LakePartition | undefined;
  file: ParquetFileEncoder;
}

/**
 * One chunk's writer of one table's rows into `staging/{batch}/curated/{table}/…`.
 *
 * @example
 * const writer = new StagedLakeWriter(lake, serviceRecordsVersionsTable, 'b1', 0);
 * await writer.add(row, { year: '2026', month: '03', district: 'futian' });
 * const keys = await writer.finish();
 */
export class StagedLakeWriter {
  private readonly buffers = new Map<string, Buffer>();
  private readonly files = new Map<string, OpenFile>();
  private readonly names: string[];
  private readonly schema: ParquetSchemaElement[];
  private readonly plans: ColumnPlan[];
  /** Per string column that tries a dictionary: the writer's, shared by its partitions. */
  private readonly dictionaries: (StringDictionary | undefined)[];
  /** Column buffers of encoded row groups, emptied for the next partition buffer (a few at most). */
  private readonly spare: ColumnBuffer[][] = [];
  /** Partition objects seen (callers usually reuse one per month) → buffer id. */
  private readonly partitionIds = new Map<LakePartition, string>();
  private readonly full = new Set<string>();
  private buffered = 0;
  /** Appends a row given without `extra`. */
  private readonly appendRow: RowAppender;
  /** Appends a row with its `extra`, compiled once the first `extra` shows which columns it names. */
  private appendWithExtra: RowAppender | undefined;
  private seq = 0;
  private readonly written: string[] = [];
  /**
   * The write of the last closed file, still in flight: the chunk goes on encoding while the
   * store writes (one at a time, so at most one finished file's bytes wait in memory).
   */
  private writing: Promise<void> | undefined;
  private readonly rowsPerFile: number;
  private readonly maxBufferedRows: number;
  private readonly maxOpenBytes: number;

  constructor(
    private readonly store: BlobStore,
    private readonly table: TableDef,
    private readonly batchId: string,
    private readonly chunk: number,
    options: StagedWriterOptions = {},
  ) {
    this.rowsPerFile = options.rowsPerFile ?? 250_000;
    this.maxBufferedRows = options.maxBufferedRows ?? 60_000;
    this.maxOpenBytes = options.maxOpenBytes ?? 8 * 1024 * 1024;
    this.names = table.columns.map((c) => c.name);
    ({ schema: this.schema, plans: this.plans } = columnPlans(table));
    this.dictionaries = this.plans.map((p) => (p.kind === 'string' && !p.plain ? new StringDictionary() : undefined));
    this.appendRow = compileRowAppender(
      this.names,
      this.names.map(() => false),
    );
  }

  /** Adds a row to its partition's buffer, writing as the bounds require. */
  async add(row: LakeRow, partition: LakePartition | undefined): Promise<void> {
    this.buffer(row, partition);
    await this.flushDue();
  }

  /**
   * Adds a row to its partition's buffer without writing; call {@link flushDue} soon after
   * (buffers may exceed their bounds by the rows buffered in between). Columns `extra`
   * names (lineage, say; own or inherited properties) are taken from it, the others from
   * `row`; every `extra` given to one writer names the same columns. Values are converted
   * and copied into column buffers now: neither object is kept. A value a column cannot
   * hold (a null in a required column, a non-integer in an int column) throws, and leaves
   * this writer unusable. A partition object must not change once given (its buffer id is
   * remembered per object).
   */
  buffer(row: LakeRow, partition: LakePartition | undefined, extra?: LakeRow): void {
    const id = partition ? this.idOf(partition) : '';
    let buffer = this.buffers.get(id);
    if (!buffer) {
      buffer = { partition, columns: this.spare.pop() ?? columnBuffers(this.plans, this.dictionaries), rows: 0 };
      this.buffers.set(id, buffer);
    }
    if (extra === undefined) this.appendRow(buffer.columns, row, undefined);
    else {
      // Which source each column comes from is decided once, from the first `extra`.
      this.appendWithExtra ??= compileRowAppender(
        this.names,
        this.names.map((name) => name in extra),
      );
      this.appendWithExtra(buffer.columns, row, extra);
    }
    this.buffered++;
    if (++buffer.rows >= ROW_GROUP_ROWS) this.full.add(id);
  }

  /** A partition's buffer id (`year/month/district`), remembered for the first 64 partition objects. */
  private idOf(partition: LakePartition): string {
    let id = this.partitionIds.get(partition);
    if (id === undefined) {
      id = `${partition.year}/${partition.month}/${partition.district}`;
      if (this.partitionIds.size < 64) this.partitionIds.set(partition, id);
    }
    return id;
  }

  /** Encodes and writes what the bounds call for (full buffers, the largest while over a bound). */
  async flushDue(): Promise<void> {
    for (const id of this.full) await this.encode(id);
    this.full.clear();
    while (this.buffered >= this.maxBufferedRows) await this.encode(this.largestBuffer()!);
    while (this.openBytes() >= this.maxOpenBytes) await this.close(this.largestFile()!);
  }

  /** Encodes every buffer, closes every file, and returns the staged keys written (in order). */
  async finish(): Promise<string[]> {
    this.full.clear();
    // Ids sort as partition paths do (`year/month/district`).
    for (const id of [...this.buffers.keys()].sort()) await this.encode(id);
    for (const id of [...this.files.keys()].sort()) await this.close(id);
    await this.settleWrite();
    return [...this.written];
  }

  private largestBuffer(): string | undefined {
    let largest: string | undefined;
    let rows = -1;
    for (const [id, b] of this.buffers)
      if (b.rows > rows) {
        largest = id;
        rows = b.rows;
      }
    return largest;
  }

  private largestFile(): string | undefined {
    let largest: string | undefined;
    let bytes = -1;
    for (const [id, f] of this.files)
      if (f.file.bytes > bytes) {
        largest = id;
        bytes = f.file.bytes;
      }
    return largest;
  }

  private openBytes(): number {
    let bytes = 0;
    for (const f of this.files.values()) bytes += f.file.bytes;
    return bytes;
  }

  /** Turns a partition's buffer into a row group of its open file (opening one if needed). */
  private async encode(id: string): Promise<void> {
    const buffer = this.buffers.get(id);
    if (!buffer || buffer.rows === 0) return;
    this.buffers.delete(id);
    this.buffered -= buffer.rows;
    let open = this.files.get(id);
    if (!open) {
      open = { partition: buffer.partition, file: new ParquetFileEncoder(this.schema, this.plans) };
      this.files.set(id, open);
    }
    open.file.addRowGroup(buffer.columns, buffer.rows);
    if (this.spare.length < SPARE_BUFFERS) {
      for (const column of buffer.columns) column.reset();
      this.spare.push(buffer.columns);
    }
    if (open.file.rows >= this.rowsPerFile) await this.close(id);
  }

  private async close(id: string): Promise<void> {
    const open = this.files.get(id);
    if (!open) return;
    this.files.delete(id);
    const name = batchFileName(this.batchId, `${this.chunk}-${String(this.seq++).padStart(4, '0')}`);
    const key = stagingFileKey(this.batchId, curatedFileKey(this.table.name, open.partition, name));
    const bytes = open.file.finish();
    await this.settleWrite();
    const writing = this.store.put(key, bytes, 'application/vnd.apache.parquet').then(() => {
      this.written.push(key);
    });
    // A failure surfaces at the next close or in finish; until then it must not go unhandled.
    writing.catch(() => undefined);
    this.writing = writing;
  }

  /** Waits for the file write in flight, if any (rethrowing its failure). */
  private async settleWrite(): Promise<void> {
    const writing = this.writing;
    this.writing = undefined;
    await writing;
  }
}
