/**
 * Appends a lake row to column buffers with one compiled function per table: a property
 * load by a name that varies per column is a megamorphic keyed load (the slow path, once
 * per column per row), while the compiled function loads each column by a constant name
 * and calls each buffer's `add` from its own call site, so every load and call stays
 * monomorphic.
 */
import type { ColumnBuffer } from './column-buffer.ts';
import type { LakeRow } from './lake-row.ts';

/** Appends `row` (and the columns `extra` names) to `columns`, one buffer per table column. */
export type RowAppender = (columns: ColumnBuffer[], row: LakeRow, extra: LakeRow | undefined) => void;

/**
 * A function appending each column's value, read from `extra` for the columns `fromExtra`
 * marks and from `row` otherwise (a missing value is a null).
 *
 * @example
 * const append = compileRowAppender(['record_id', 'row_hash'], [false, true]);
 * append(columns, { record_id: 'R1' }, { row_hash: 'ab12' });
 */
export function compileRowAppender(names: readonly string[], fromExtra: readonly boolean[]): RowAppender {
  const lines = names.map((name, k) => `columns[${k}].add(${fromExtra[k] ? 'extra' : 'row'}[${JSON.stringify(name)}]);`);
  return new Function('columns', 'row', 'extra', lines.join('\n')) as RowAppender;
}
