/**
 * The row hash: SHA-256 over every contract column of a normalised record, in table column
 * order (lineage columns excluded), so an unchanged record hashes the same in any batch.
 *
 * The hashed text is fixed forever (stored hashes are compared with new ones): for each column,
 * the value followed by U+001F, where a number is written as `toFixed(4)`, any other value as
 * `String(value)`, and null or undefined as U+0000. The output is the first 32 hex characters.
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

/** Zero padding of a 0–9999 fraction to four digits, by its digit count. */
const PAD = ['', '000', '00', '0', ''] as const;

/**
 * Exactly `value.toFixed(4)`, without its cost for the common values: safe integers, and numbers
 * that are the nearest double to a decimal with at most four places (then the decimal itself is
 * toFixed's nearest n / 10⁴, as |value| < 10⁹ keeps the double within 10⁻⁷ of it).
 *
 * @example
 * fixed4(1.25); // '1.2500'
 */
export function fixed4(value: number): string {
  // Below 2^53 every integer is a double of its own, so its shortest form is all its digits
  // (above, toFixed prints the exact value where String may round); -0 prints '0' in both.
  if (Number.isSafeInteger(value)) return `${value}.0000`;
  if (value < 1e9 && value > -1e9) {
    const scaled = Math.round(value * 10_000);
    if (scaled / 10_000 === value) {
      const digits = scaled < 0 ? -scaled : scaled;
      const fraction = digits % 10_000;
      const whole = (digits - fraction) / 10_000;
      const pad = PAD[fraction < 10 ? 1 : fraction < 100 ? 2 : fraction < 1000 ? 3 : 4];
      return `${scaled < 0 ? '-' : ''}${whole}.${pad}${fraction}`;
    }
  }
  return value.toFixed(4);
}

/** A function building the hashed text of a record for one column list. */
type TextOf = (record: StoredRecord, fixed: (value: number) => string) => string;

/** Compiled text builders by column list (each content-column array is read once). */
const builders = new WeakMap<readonly string[], TextOf>();

/**
 * Compiles the text builder of a column list: one expression with a constant property access
 * per column, so every access stays monomorphic.
 */
function compileTextOf(columns: readonly string[]): TextOf {
  const terms = columns.map((name, i) => {
    const v = `v${i}`;
    return `((${v} = r[${JSON.stringify(name)}]) == null ? '\\u0000\\u001f' : (typeof ${v} === 'string' ? ${v} : typeof ${v} === 'number' ? fixed(${v}) : String(${v})) + '\\u001f')`;
  });
  const locals = columns.length > 0 ? `let ${columns.map((_, i) => `v${i}`).join(', ')};` : '';
  return new Function('r', 'fixed', `${locals} return ''${terms.map((t) => ` + ${t}`).join('')};`) as TextOf;
}

/** The text that {@link rowHash} hashes, e.g. `'R1\u001f2.0000\u001f'` for `{ record_id: 'R1', hours: 2 }`. */
function rowHashText(columns: readonly string[], record: StoredRecord): string {
  let textOf = builders.get(columns);
  if (textOf === undefined) {
    textOf = compileTextOf(columns);
    builders.set(columns, textOf);
  }
  return textOf(record, fixed4);
}

/**
 * Hex SHA-256 of a record's content columns (first 32 hex characters). Pass the same column
 * array for every row (its compiled text builder is cached by array) and do not mutate it.
 *
 * @example
 * rowHash(['record_id', 'hours'], { record_id: 'R1', hours: 2 }); // '9c1…'
 */
export function rowHash(columns: readonly string[], record: StoredRecord): string {
  return hash('sha256', rowHashText(columns, record), 'hex').slice(0, 32);
}
