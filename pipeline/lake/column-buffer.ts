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
 * - strings are either dictionary ids while buffered (string-dictionary.ts: one dictionary
 *   per column shared by the writer's partitions, the ids in an `Int32Array`) or, for
 *   PLAIN_COLUMNS (column-plan.ts) and closed dictionaries, their PLAIN page bytes
 *   (utf8-plain.ts).
 */
import type { ColumnPlan } from './column-plan.ts';
import { epochDay } from './lake-values.ts';
import type { StringDictionary } from './string-dictionary.ts';
import { Utf8Plain } from './utf8-plain.ts';

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

  /** Empties the buffer for reuse, keeping its arrays' capacity. */
  reset(): void {
    this.rows = 0;
    this.count = 0;
    this.nulls = 0;
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

/** A row group's own dictionary, cut from the writer's: its PLAIN page and one index per value. */
export interface GroupDictionary {
  page: Uint8Array;
  entries: number;
  indices: Int32Array;
}

/** Where each writer-wide id sits in the row group's dictionary (-1: not yet seen), reused. */
let localIds = new Int32Array(1024).fill(-1);

/**
 * A string column: writer-wide dictionary ids while the column's {@link StringDictionary} is
 * open, PLAIN bytes otherwise.
 *
 * @example
 * const column = new StringColumn(plan, new StringDictionary());
 * column.add('futian'); column.add(null);
 */
export class StringColumn extends LevelledColumn {
  /** Per value, its writer-wide dictionary id (dictionary mode). */
  ids: Int32Array;
  /** PLAIN mode: the data page's value bytes. */
  plainBytes: Utf8Plain | undefined;

  constructor(
    plan: ColumnPlan,
    private readonly dictionary: StringDictionary | undefined,
  ) {
    super(plan);
    if (dictionary === undefined || dictionary.closed) {
      this.plainBytes = new Utf8Plain();
      this.ids = new Int32Array(0);
    } else this.ids = new Int32Array(256);
  }

  add(value: unknown): void {
    if (value === null || value === undefined) {
      this.addNull();
      return;
    }
    const s = typeof value === 'string' ? value : String(value);
    this.addDefined();
    if (this.plainBytes === undefined) {
      const id = this.dictionary!.idOf(s);
      if (id >= 0) {
        if (this.count === this.ids.length) this.ids = grownInt32(this.ids, this.count + 1);
        this.ids[this.count++] = id;
        return;
      }
      this.toPlain();
    }
    this.plainBytes!.append(s);
    this.count++;
  }

  override reset(): void {
    super.reset();
    if (this.dictionary !== undefined && !this.dictionary.closed) {
      this.plainBytes = undefined;
      if (this.ids.length === 0) this.ids = new Int32Array(256);
    } else {
      this.plainBytes ??= new Utf8Plain();
      this.plainBytes.length = 0;
      this.ids = new Int32Array(0);
    }
  }

  /**
   * The row group's dictionary, or undefined when the values are to be written PLAIN: the
   * dictionary must at most halve the number of values (a bigger one rarely pays for its
   * page). A group of a thousand values or more that fails this closes the writer's
   * dictionary of the column (it is buffered PLAIN from then on).
   */
  groupDictionary(): GroupDictionary | undefined {
    const dictionary = this.dictionary;
    if (this.plainBytes !== undefined || dictionary === undefined || this.count === 0) return undefined;
    if (localIds.length < dictionary.size) {
      localIds = new Int32Array(Math.max(dictionary.size, localIds.length * 2));
      localIds.fill(-1);
    }
    const { ids, count } = this;
    const limit = count >>> 1;
    const indices = new Int32Array(count);
    const seen: number[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const id = ids[i]!;
        let index = localIds[id]!;
        if (index < 0) {
          index = seen.length;
          if (index >= limit) {
            if (count >= 1000) dictionary.close();
            return undefined;
          }
          seen.push(id);
          localIds[id] = index;
        }
        indices[i] = index;
      }
    } finally {
      for (const id of seen) localIds[id] = -1;
    }
    const page = new Utf8Plain();
    const { offsets, plain } = dictionary;
    for (const id of seen) page.appendEncoded(plain.bytes, offsets[id]!, offsets[id + 1]!);
    return { page: page.view(), entries: seen.length, indices };
  }

  /** The PLAIN bytes of every buffered value (converting dictionary ids if needed). */
  plainView(): Uint8Array {
    if (this.plainBytes === undefined) this.toPlain();
    return this.plainBytes!.view();
  }

  private toPlain(): void {
    const plain = new Utf8Plain();
    const { offsets, plain: entries } = this.dictionary!;
    for (let i = 0; i < this.count; i++) {
      const id = this.ids[i]!;
      plain.appendEncoded(entries.bytes, offsets[id]!, offsets[id + 1]!);
    }
    this.plainBytes = plain;
    this.ids = new Int32Array(0);
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
 * Empty buffers for every column of a table, in column order; string columns that try a
 * dictionary share the writer's (`dictionaries[k]`, undefined for PLAIN columns).
 *
 * @example
 * const columns = columnBuffers(plans, plans.map((p) => (p.kind === 'string' && !p.plain ? new StringDictionary() : undefined)));
 */
export function columnBuffers(
  plans: readonly ColumnPlan[],
  dictionaries: readonly (StringDictionary | undefined)[],
): ColumnBuffer[] {
  return plans.map((plan, k) => {
    if (plan.kind === 'string') return new StringColumn(plan, dictionaries[k]);
    if (plan.kind === 'boolean') return new BooleanColumn(plan);
    return new NumberColumn(plan);
  });
}
