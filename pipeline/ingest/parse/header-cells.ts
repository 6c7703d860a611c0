/**
 * Turning a reader's row (header positions → values) into a {@link RawRow} keyed by the
 * contract's input keys, with columns of date and time type converted from spreadsheet
 * values.
 */
import { cellText, type Dataset, type HeaderMapping, type RawRow } from '../../../schemas/dataset.ts';
import { excelSerialToIso } from '../../../schemas/rules/dates.ts';

/** How each input key of a dataset is typed in storage: dates and clock times need care in spreadsheets. */
export type CellKind = 'date' | 'time' | 'text';

/**
 * Cell kinds of a dataset's input keys, read from its lake table (`date` columns) and its
 * clock columns (`*_time`).
 *
 * @example
 * cellKinds(DATASETS.service_records).get('service_date'); // 'date'
 */
export function cellKinds(dataset: Pick<Dataset<unknown>, 'columns' | 'table'>): Map<string, CellKind> {
  const sqlByName = new Map(dataset.table.columns.map((c) => [c.name, c.sql]));
  const kinds = new Map<string, CellKind>();
  for (const c of dataset.columns) {
    if (sqlByName.get(c.key) === 'date') kinds.set(c.key, 'date');
    else if (c.key.endsWith('_time')) kinds.set(c.key, 'time');
    else kinds.set(c.key, 'text');
  }
  return kinds;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * A spreadsheet value as cell text for a column of the given kind: a date cell or serial
 * number in a date column becomes `YYYY-MM-DD`; a time cell (a Date on 1899-12-30 or a day
 * fraction) in a time column becomes `HH:MM`.
 *
 * @example
 * typedCellText(46000, 'date'); // '2025-12-09'
 * typedCellText(0.375, 'time'); // '09:00'
 */
export function typedCellText(value: unknown, kind: CellKind): string | undefined {
  if (kind === 'date' && typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 2_958_466)
    return excelSerialToIso(value);
  if (kind === 'time') {
    if (value instanceof Date && !Number.isNaN(value.getTime())) {
      const minutes = Math.round((value.getTime() / 60_000) % 1440);
      const m = (minutes + 1440) % 1440;
      return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
    }
    if (typeof value === 'number' && value >= 0 && value < 1) {
      const m = Math.round(value * 1440) % 1440;
      return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
    }
  }
  return cellText(value);
}

/**
 * Builds the row of input keys from positional values, skipping unmapped (unknown or
 * personal) positions so they are never seen again.
 *
 * @example
 * rowFromPositions(mapping, kinds, ['R1', '张三']); // { record_id: 'R1' }
 */
export function rowFromPositions(
  header: HeaderMapping,
  kinds: ReadonlyMap<string, CellKind>,
  values: ArrayLike<unknown>,
  offset = 0,
): RawRow {
  const row: RawRow = {};
  const keys = header.keys;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === undefined) continue;
    const text = typedCellText(values[i + offset], kinds.get(key) ?? 'text');
    if (text !== undefined) row[key] = text;
  }
  return row;
}

/** True when no mapped cell of the row holds a value (blank spreadsheet rows are skipped). */
export function isBlankRow(row: RawRow): boolean {
  for (const key in row) if (row[key] !== undefined) return false;
  return true;
}
