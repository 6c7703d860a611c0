/**
 * Columns every versioned lake table carries: where a row came from and which version of
 * its record it is. Versions order by (batch received_at, batch_id): `version` is that pair
 * as one sortable string.
 */
import { col } from '../contract.ts';

/** Lineage columns, spread into each dataset's lake table. */
export const lineageColumns = {
  row_hash: col.string('行内容哈希', 'Hash of the normalised record (change detection)'),
  batch_id: col.string('批次编号', 'Batch that delivered this version'),
  batch_received_at: col.timestamp('批次接收时间', 'When the batch was received (UTC)'),
  ingested_at: col.timestamp('入库时间', 'When this version was written (UTC)'),
  version: col.string('版本', 'Sortable version: received_at ISO + "#" + batch_id'),
  tombstone: col.boolean('删除标记', 'True: the record moved to another partition with this version'),
  source_row: col.int('源文件行号', 'Row number in the source file as a spreadsheet shows it'),
};

/** Partition columns of per-district datasets (ASCII values only). */
export const districtPartitions = {
  year: col.string('年', 'Year partition (YYYY)'),
  month: col.string('月', 'Month partition (MM)'),
  district: col.string('区', 'District slug partition'),
};

/**
 * The sortable version string of a batch.
 *
 * @example
 * versionOf('2026-11-01T02:00:00.000Z', 'b-1'); // '2026-11-01T02:00:00.000Z#b-1'
 */
export function versionOf(receivedAt: string, batchId: string): string {
  return `${receivedAt}#${batchId}`;
}
