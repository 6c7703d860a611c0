/**
 * Writes a batch's lake rows into staged Parquet files, per partition, with bounded memory:
 * rows are buffered column-wise per partition; a partition is flushed into a new file when it
 * reaches `rowsPerFile`, and the largest partition is flushed whenever all buffers together
 * reach `maxBufferedRows`. File names are deterministic for the same rows in the same order,
 * so a retried batch rewrites the same files.
 */

import type { BlobStore } from '../../adapters/ports.ts';
import type { TableDef } from '../../schemas/contract.ts';
import { batchFileName, curatedFileKey, type LakePartition, stagingFileKey } from './lake-layout.ts';
import { encodeParquet, type LakeRow } from './parquet-file.ts';

export interface StagedWriterOptions {
  /** Rows per file at most. Default 50,000. */
  rowsPerFile?: number;
  /** Rows buffered across partitions at most. Default 20,000. */
  maxBufferedRows?: number;
}

interface Buffer {
  partition: LakePartition | undefined;
  /** One array per table column, in table column order. */
  columns: unknown[][];
  rows: number;
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
  private readonly names: string[];
  private readonly full = new Set<string>();
  private buffered = 0;
  private seq = 0;
  private readonly written: string[] = [];
  private readonly rowsPerFile: number;
  private readonly maxBufferedRows: number;

  constructor(
    private readonly store: BlobStore,
    private readonly table: TableDef,
    private readonly batchId: string,
    private readonly chunk: number,
    options: StagedWriterOptions = {},
  ) {
    this.rowsPerFile = options.rowsPerFile ?? 50_000;
    this.maxBufferedRows = options.maxBufferedRows ?? 20_000;
    this.names = table.columns.map((c) => c.name);
  }

  /** Adds a row to its partition's buffer, flushing files as the bounds require. */
  async add(row: LakeRow, partition: LakePartition | undefined): Promise<void> {
    this.buffer(row, partition);
    await this.flushDue();
  }

  /**
   * Adds a row to its partition's buffer without writing; call {@link flushDue} soon after
   * (buffers may exceed their bounds by the rows buffered in between). Columns present in
   * `extra` (lineage, say) are taken from it, the others from `row`.
   */
  buffer(row: LakeRow, partition: LakePartition | undefined, extra?: LakeRow): void {
    const id = partition ? `${partition.year}/${partition.month}/${partition.district}` : '';
    let buffer = this.buffers.get(id);
    if (!buffer) {
      buffer = { partition, columns: this.names.map(() => []), rows: 0 };
      this.buffers.set(id, buffer);
    }
    const { names } = this;
    const columns = buffer.columns;
    if (extra === undefined) for (let k = 0; k < names.length; k++) columns[k]!.push(row[names[k]!] ?? null);
    else
      for (let k = 0; k < names.length; k++) {
        const name = names[k]!;
        const value = extra[name];
        columns[k]!.push(value !== undefined ? value : (row[name] ?? null));
      }
    buffer.rows++;
    this.buffered++;
    if (buffer.rows >= this.rowsPerFile) this.full.add(id);
  }

  /** Writes the files the bounds call for (full partitions, then the largest while over the total bound). */
  async flushDue(): Promise<void> {
    for (const id of this.full) await this.flush(id);
    this.full.clear();
    while (this.buffered >= this.maxBufferedRows) await this.flushLargest();
  }

  /** Flushes every buffer and returns the staged keys written (in order). */
  async finish(): Promise<string[]> {
    this.full.clear();
    // Ids sort as partition paths do (`year/month/district`).
    for (const id of [...this.buffers.keys()].sort()) await this.flush(id);
    return [...this.written];
  }

  private async flushLargest(): Promise<void> {
    let largest: string | undefined;
    let rows = -1;
    for (const [id, b] of this.buffers)
      if (b.rows > rows) {
        largest = id;
        rows = b.rows;
      }
    if (largest !== undefined) await this.flush(largest);
  }

  private async flush(id: string): Promise<void> {
    const buffer = this.buffers.get(id);
    if (!buffer || buffer.rows === 0) return;
    this.buffers.delete(id);
    this.buffered -= buffer.rows;
    const columns = Object.fromEntries(this.names.map((name, k) => [name, buffer.columns[k]!]));
    const bytes = encodeParquet(this.table, columns, buffer.rows);
    const name = batchFileName(this.batchId, `${this.chunk}-${String(this.seq++).padStart(4, '0')}`);
    const key = stagingFileKey(this.batchId, curatedFileKey(this.table.name, buffer.partition, name));
    await this.store.put(key, bytes, 'application/vnd.apache.parquet');
    this.written.push(key);
  }
}
