/**
 * One writer's dictionary of a string column, shared by every partition's buffer: one `Map`
 * per column instead of one per column and partition keeps the lookups in cache when rows
 * arrive in any order of partitions, and each buffer holds only the entries' ids (an
 * `Int32Array`). Each row group's own dictionary is cut from it when encoded.
 */
import { ownString } from '../../schemas/rules/own-string.ts';
import { Utf8Plain } from './utf8-plain.ts';

/** A dictionary whose PLAIN bytes grow past this closes: its column is buffered PLAIN from then on. */
export const DICTIONARY_MAX_BYTES = 64 * 1024;

/**
 * Value → id for one column, entries kept as their PLAIN bytes.
 *
 * @example
 * const dictionary = new StringDictionary();
 * dictionary.idOf('futian'); // 0
 * dictionary.idOf('futian'); // 0
 */
export class StringDictionary {
  private readonly ids = new Map<string, number>();
  /** Every entry's PLAIN bytes, in id order. */
  readonly plain = new Utf8Plain();
  /** Where entry `id` starts in {@link plain} (and `id + 1` where it ends). */
  offsets = new Int32Array(64);
  size = 0;
  /**
   * Closed dictionaries take no new value: their column is buffered PLAIN (the dictionary
   * outgrew {@link DICTIONARY_MAX_BYTES}, or a large row group found it did not pay).
   */
  closed = false;
  private last: string | undefined;
  private lastId = 0;

  /** The id of `value`, added if new; -1 when the dictionary is (or just became) closed. */
  idOf(value: string): number {
    if (value === this.last) return this.lastId;
    if (this.closed) return -1;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.size;
      if (id + 2 > this.offsets.length) {
        const next = new Int32Array(this.offsets.length * 2);
        next.set(this.offsets);
        this.offsets = next;
      }
      this.plain.append(value);
      // A copy: a cell is a slice of its chunk of the file, which the dictionary must not hold alive.
      this.ids.set(ownString(value), id);
      this.size = id + 1;
      this.offsets[id + 1] = this.plain.length;
      if (this.plain.length > DICTIONARY_MAX_BYTES) {
        this.close();
        return -1;
      }
    }
    this.last = value;
    this.lastId = id;
    return id;
  }

  /** Stops taking values: ids already given stay valid, the lookup table is released. */
  close(): void {
    this.closed = true;
    this.ids.clear();
    this.last = undefined;
  }
}
