/**
 * Column buffers: one partition's buffered rows, held column by column in growable typed
 * arrays from the moment a row is buffered (no row objects are retained, so buffered rows
 * cost a few bytes a column instead of keeping whole objects alive through young-generation
 * collections, and encoding reads contiguous arrays).
 *
 * - every nullable column keeps its definition levels (1 present, 0 null) as bytes; values
 *   are stored compacted (nulls take no value slot), as Parquet pages want them;
 * - numbers, dates, timestamps and decimals are converted when buffered (days since the
 *   epoch, epoch milliseconds, unscaled decimals) into an `Int32Array` or `Float64Array`;
 * - strings are either dictionary-coded while buffered (a `Map` from value to index, the
 *   indices in an `Int32Array`, the dictionary kept as its PLAIN page bytes) or, for
 *   {@link PLAIN_COLUMNS} and dictionaries that grew past {@link DICTIONARY_MAX_BYTES},
 *   kept as their PLAIN page bytes (a length and the UTF-8 bytes per value).
 */
import type { ColumnPlan } from './column-plan.ts';
import { epochDay } from './lake-values.ts';

/** A string dictionary whose PLAIN bytes grow past this is given up for PLAIN values. */
export const DICTIONARY_MAX_BYTES = 64 * 1024;

/** What one writer learnt about a column across buffers: its dictionary never pays. */
export interface ColumnMemory {
  plainOnly: boolean;
}

const utf8 = new TextEncoder();

function grownBytes(bytes: Uint8Array, needed: number): Uint8Array {
  const next = new Uint8Array(Math.max(bytes.length * 2, needed, 256));
  next.set(bytes);
  return next;
}

function grownInt32(values: Int32Array, needed: number): Int32Array {
  const next = new Int32Array(Math.max(values.length * 2, needed, 256));
  next.set(values);
  return next;
}

function grownFloat64(values: Float64Array, needed: number): Float64Array {
  const next = new Float64Array(Math.max(values.length * 2, needed, 256));
  next.set(values);
  return next;
}

/**
 * Strings in Parquet's PLAIN layout (a little-endian 32-bit byte length, then the UTF-8
 * bytes, per value), appended one at a time: ASCII is copied a unit at a time, anything
 * else goes through `TextEncoder.encodeInto`.
 */
export class Utf8Plain {
  bytes: Uint8Array = new Uint8Array(0);
  length = 0;

  append(value: string): void {
    const units = value.length;
    let at = this.length;
    // Room for the length and the UTF-8 bound of three bytes a UTF-16 unit.
    if (at + 4 + units * 3 > this.bytes.length) this.bytes = grownBytes(this.bytes, at + 4 + units * 3);
    const bytes = this.bytes;
    const start = at + 4;
    let i = 0;
    for (; i < units; i++) {
      const unit = value.charCodeAt(i);
      if (unit >= 0x80) break;
      bytes[start + i] = unit;
    }
    let written = i;
    if (i < units) written = i + utf8.encodeInto(value.slice(i), bytes.subarray(start + i)).written;
    bytes[at++] = written & 0xff;
    bytes[at++] = (written >>> 8) & 0xff;
    bytes[at++] = (written >>> 16) & 0xff;
    bytes[at] = written >>> 24;
    this.length = start + written;
  }

  /** The PLAIN bytes so far (a view, not a copy). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/** What every column buffer shares: row count, nulls and definition levels. */
abstract class LevelledColumn {
  /** Rows buffered (nulls included). */
  rows = 0;
  /** Values buffered (nulls excluded). */
  count = 0;
  nulls = 0;
  /** Definition levels per row (nullable columns only). */
  defs: Uint8Array | undefined;

  constructor(readonly plan: ColumnPlan) {
    this.defs = plan.nullable ? new Uint8Array(256) : undefined;
  }

  protected addNull(): void {
    const defs = this.defs;
    if (defs === undefined) throw new Error(`column ${this.plan.def.name} is not nullable (row ${this.rows})`);
    if (this.rows === defs.length) this.defs = grownBytes(defs, this.rows + 1);
    this.defs![this.rows++] = 0;
    this.nulls++;
  }

  protected addDefined(): void {
    const defs = this.defs;
    if (defs !== undefined) {
      if (this.rows === defs.length) this.defs = grownBytes(defs, this.rows + 1);
      this.defs![this.rows] = 1;
    }
    this.rows++;
  }
}

/**
 * A string column: dictionary-coded while the dictionary stays small, PLAIN bytes otherwise.
 *
 * @example
 * const column = new StringColumn(plan, { plainOnly: false });
 * column.add('futian'); column.add(null);
 */
export class StringColumn extends LevelledColumn {
  /** Dictionary mode: value → index (undefined once PLAIN). */
  dictionary: Map<string, number> | undefined;
  /** Dictionary entries in index order. */
  entries: string[] = [];
  /** The dictionary page's PLAIN bytes. */
  readonly dictionaryBytes = new Utf8Plain();
  /** Per value, its dictionary index (dictionary mode). */
  indices: Int32Array = new Int32Array(0);
  /** PLAIN mode: the data page's value bytes. */
  plainBytes: Utf8Plain | undefined;
  private last: string | undefined;
  private lastIndex = 0;

  constructor(
    plan: ColumnPlan,
    private readonly memory: ColumnMemory,
  ) {
    super(plan);
    if (plan.plain || memory.plainOnly) this.plainBytes = new Utf8Plain();
    else {
      this.dictionary = new Map();
      this.indices = new Int32Array(256);
    }
  }

  add(value: unknown): void {
    if (value === null || value === undefined) {
      this.addNull();
      return;
    }
    const s = typeof value === 'string' ? value : String(value);
    this.addDefined();
    const dictionary = this.dictionary;
    if (dictionary === undefined) {
      this.plainBytes!.append(s);
      this.count++;
      return;
    }
    let index: number;
    if (s === this.last) index = this.lastIndex;
    else {
      const found = dictionary.get(s);
      if (found === undefined) {
        index = this.entries.length;
        this.entries.push(s);
        dictionary.set(s, index);
        this.dictionaryBytes.append(s);
        if (this.dictionaryBytes.length > DICTIONARY_MAX_BYTES) {
          this.memory.plainOnly = true;
          this.toPlain();
          this.plainBytes!.append(s);
          this.count++;
          return;
        }
      } else index = found;
      this.last = s;
      this.lastIndex = index;
    }
    if (this.count === this.indices.length) this.indices = grownInt32(this.indices, this.count + 1);
    this.indices[this.count++] = index;
  }

  /**
   * Whether the buffered values are encoded with their dictionary: it must at most halve the
   * number of values (a bigger one rarely pays for its page). A group of a thousand values
   * or more that fails this teaches the writer to buffer the column PLAIN from then on.
   */
  usesDictionary(): boolean {
    if (this.dictionary === undefined) return false;
    const wins = this.entries.length > 0 && this.entries.length * 2 <= this.count;
    if (!wins && this.count >= 1000) this.memory.plainOnly = true;
    return wins;
  }

  /** The PLAIN bytes of every buffered value (converting the dictionary indices if needed). */
  plainView(): Uint8Array {
    if (this.plainBytes === undefined) this.toPlain();
    return this.plainBytes!.view();
  }

  private toPlain(): void {
    const plain = new Utf8Plain();
    const { entries, indices } = this;
    for (let i = 0; i < this.count; i++) plain.append(entries[indices[i]!]!);
    this.plainBytes = plain;
    this.dictionary = undefined;
    this.entries = [];
    this.indices = new Int32Array(0);
    this.last = undefined;
  }
}

/**
 * A number, date, timestamp or decimal column, converted when buffered: `values` holds
 * 32-bit integers (ints, dates, decimals of up to 9 digits) or doubles (doubles, and
 * integers stored as INT64: timestamps in epoch milliseconds, bigints, wider decimals).
 *
 * @example
 * const column = new NumberColumn(datePlan);
 * column.add('1970-01-02'); // values[0] === 1
 */
export class NumberColumn extends LevelledColumn {
  values: Int32Array | Float64Array;
  private readonly kind: number;
  private readonly wide: boolean;
  private readonly factor: number;
  private lastText: unknown;
  private lastNumber = 0;

  constructor(plan: ColumnPlan) {
    super(plan);
    const doubles = plan.kind === 'double' || plan.int64;
    this.wide = doubles;
    this.values = doubles ? new Float64Array(256) : new Int32Array(256);
    this.factor = plan.factor;
    // A small integer to switch on (one shape for every number column).
    this.kind = ['int32', 'date', 'decimal', 'double', 'timestamp', 'int64'].indexOf(plan.kind);
  }

  add(value: unknown): void {
    if (value === null || value === undefined) {
      this.addNull();
      return;
    }
    let n: number;
    switch (this.kind) {
      case 0: // int32
        n = typeof value === 'number' ? value : Number(value);
        break;
      case 1: // date: a partition's dates repeat, so the last one is remembered
        if (value === this.lastText) n = this.lastNumber;
        else {
          n = epochDay(typeof value === 'string' ? value : String(value));
          this.lastText = value;
          this.lastNumber = n;
        }
        break;
      case 2: // decimal, unscaled (as hyparquet-writer scales numbers)
        n = Math.round((typeof value === 'number' ? value : Number(value)) * this.factor);
        break;
      case 3: // double
        n = typeof value === 'number' ? value : Number(value);
        break;
      case 4: // timestamp: a batch's timestamps are one value repeated on every row
        if (typeof value === 'number') n = value;
        else if (value === this.lastText) n = this.lastNumber;
        else {
          n = Date.parse(String(value));
          this.lastText = value;
          this.lastNumber = n;
        }
        break;
      default: // int64
        n = typeof value === 'number' ? value : Number(value);
    }
    if (this.kind !== 3 && !(this.wide ? Number.isInteger(n) : (n | 0) === n))
      throw new Error(`column ${this.plan.def.name}: ${String(value)} is not a valid ${this.plan.def.sql} (row ${this.rows})`);
    this.addDefined();
    if (this.count === this.values.length)
      this.values = this.wide
        ? grownFloat64(this.values as Float64Array, this.count + 1)
        : grownInt32(this.values as Int32Array, this.count + 1);
    this.values[this.count++] = n;
  }
}

/**
 * A boolean column (values as bytes, 1 for true).
 *
 * @example
 * const column = new BooleanColumn(tombstonePlan);
 * column.add(false);
 */
export class BooleanColumn extends LevelledColumn {
  values: Uint8Array = new Uint8Array(256);

  add(value: unknown): void {
    if (value === null || value === undefined) {
      this.addNull();
      return;
    }
    this.addDefined();
    if (this.count === this.values.length) this.values = grownBytes(this.values, this.count + 1);
    this.values[this.count++] = value ? 1 : 0;
  }
}

/** Any column buffer. */
export type ColumnBuffer = StringColumn | NumberColumn | BooleanColumn;

/**
 * Empty buffers for every column of a table, in column order.
 *
 * @example
 * const columns = columnBuffers(plans, plans.map(() => ({ plainOnly: false })));
 */
export function columnBuffers(plans: readonly ColumnPlan[], memory: readonly ColumnMemory[]): ColumnBuffer[] {
  return plans.map((plan, k) => {
    if (plan.kind === 'string') return new StringColumn(plan, memory[k]!);
    if (plan.kind === 'boolean') return new BooleanColumn(plan);
    return new NumberColumn(plan);
  });
}
