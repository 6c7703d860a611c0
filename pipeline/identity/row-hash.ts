/**
 * The row hash: SHA-256 over every contract column of a normalised record, in table column
 * order (lineage columns excluded), so an unchanged record hashes the same in any batch.
 */
import { hash } from 'node:crypto';
import type { TableDef } from '../../schemas/contract.ts';
import type { StoredRecord } from './normalise.ts';

/** Lineage columns: not part of a record's content. */
export const LINEAGE_COLUMNS: ReadonlySet<string> = new Set([
  'row_hash',
  'batch_id',
  'batch_received_at',
  'ingested_at',
  'version',
  'tombstone',
  'source_row',
]);

/** Content columns of a table (every file column except lineage), plus its district partition. */
export function contentColumns(table: TableDef): string[] {
  return table.columns.map((c) => c.name).filter((name) => !LINEAGE_COLUMNS.has(name));
}

/**
 * Hex SHA-256 of a record's content columns (first 32 hex characters).
 *
 * @example
 * rowHash(['record_id', 'hours'], { record_id: 'R1', hours: 2 }); // '9c1…'
 */
export function rowHash(columns: readonly string[], record: StoredRecord): string {
  // One string, one hash: the same bytes as hashing each value and separator in turn.
  let text = '';
  for (let i = 0; i < columns.length; i++) {
    const v = record[columns[i]!];
    text += v === null || v === undefined ? '\u0000\u001f' : `${typeof v === 'number' ? v.toFixed(4) : String(v)}\u001f`;
  }
  return hash('sha256', text, 'hex').slice(0, 32);
}
