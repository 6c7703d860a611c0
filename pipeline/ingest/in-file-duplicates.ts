/**
 * `DUPLICATE_IN_FILE`: a natural key repeated inside one file rejects the later rows. Keys are
 * remembered as 64-bit hashes in an open-addressing table of typed arrays, so memory is
 * about 11 bytes per row (8 a slot, filled to at most three quarters) whatever the key lengths, and the check works
 * for any file size up to the row limit. Two distinct keys share a 64-bit hash with
 * probability about n²/2⁶⁵ (≈10⁻⁷ at two million rows).
 */
import type { DatasetName, RawRow } from '../../schemas/dataset.ts';

/**
 * The natural key as it will be after validation, taken from the raw cells (the contract
 * keeps record ids, project codes and contract ids as given and upper-cases volunteer numbers
 * and ID numbers). A dataset with one key column (see {@link naturalKeyColumns}) has that
 * cell as its key: pass 1 relies on it to hash the cell's bytes directly.
 *
 * @example
 * rawNaturalKey('service_records', { record_id: 'R1' }); // 'R1'
 */
export function rawNaturalKey(dataset: DatasetName, cells: RawRow): string | undefined {
  switch (dataset) {
    case 'service_records':
      return cells.record_id;
    case 'projects':
      return cells.project_code;
    case 'contracts':
      return cells.contract_id;
    case 'registrations':
      if (cells.volunteer_number !== undefined) return `N#${cells.volunteer_number.toUpperCase()}`;
      return cells.id_number !== undefined ? `I#${cells.id_number.toUpperCase()}` : undefined;
  }
}

/**
 * The input columns {@link rawNaturalKey} reads (what pass 1 needs of each row).
 *
 * @example
 * naturalKeyColumns('registrations'); // ['volunteer_number', 'id_number']
 */
export function naturalKeyColumns(dataset: DatasetName): string[] {
  switch (dataset) {
    case 'service_records':
      return ['record_id'];
    case 'projects':
      return ['project_code'];
    case 'contracts':
      return ['contract_id'];
    case 'registrations':
      return ['volunteer_number', 'id_number'];
  }
}

/**
 * Row numbers of in-file duplicates, found in one pass over a file (a {@link KeyHashSet} of
 * the natural keys), then handed out in row order: `within(first, end)` for a range of rows,
 * `has(rowNumber)` for rows read one by one. Kept as a sorted list (duplicates are rare; at
 * worst 8 bytes a row).
 */
export class DuplicateRows {
  private readonly rows: number[] = [];
  private cursor = 0;

  /** Adds a duplicate; row numbers must ascend. */
  add(rowNumber: number): void {
    this.rows.push(rowNumber);
  }

  /** How many duplicates were found. */
  get size(): number {
    return this.rows.length;
  }

  /** Row numbers in [first, end), in order; calls must move forward through the file. */
  within(first: number, end: number): number[] {
    while (this.cursor < this.rows.length && this.rows[this.cursor]! < first) this.cursor++;
    const from = this.cursor;
    while (this.cursor < this.rows.length && this.rows[this.cursor]! < end) this.cursor++;
    return this.rows.slice(from, this.cursor);
  }

  /** Whether a row is a duplicate; calls must move forward through the file. */
  has(rowNumber: number): boolean {
    while (this.cursor < this.rows.length && this.rows[this.cursor]! < rowNumber) this.cursor++;
    return this.rows[this.cursor] === rowNumber;
  }

  /** Starts handing out from the first row again. */
  rewind(): void {
    this.cursor = 0;
  }
}

function hash32(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** {@link hash32} of the Latin-1 text of `bytes[from..to)`, without decoding it. */
function hash32Latin1(bytes: Uint8Array, from: number, to: number, seed: number): number {
  let h = seed >>> 0;
  for (let i = from; i < to; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fill at which the table grows: linear probing stays short below it. */
const MAX_LOAD = 0.75;

/**
 * A set of strings remembered by 64-bit hash: two `Uint32Array`s, 8 bytes a slot, sized for
 * the expected number of keys (the row count is known before the rows are routed), so a
 * four-million-row file needs about 43 MB and no resize. The all-zero hash marks an empty
 * slot; a key that hashes to it is remembered as (0, 1).
 */
export class KeyHashSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private count = 0;

  constructor(expectedKeys = 1 << 16) {
    const capacity = Math.max(16, Math.ceil(expectedKeys / MAX_LOAD) + 1);
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Slots allocated (for memory accounting). */
  get capacity(): number {
    return this.hi.length;
  }

  /**
   * Adds a key; returns false when it (or a key of the same hash) was already there.
   *
   * @example
   * const seen = new KeyHashSet(); seen.add('R1'); // true
   * seen.add('R1'); // false
   */
  add(key: string): boolean {
    if (this.count + 1 > this.hi.length * MAX_LOAD) this.grow();
    const hi = hash32(key, 0x811c9dc5);
    const lo = hash32(key, 0x9747b28c);
    return this.insert(hi, hi === 0 && lo === 0 ? 1 : lo);
  }

  /**
   * {@link add} of the Latin-1 text of `bytes[from..to)` (for ASCII bytes, the same key as
   * their UTF-8 text), without decoding it.
   *
   * @example
   * seen.addLatin1(Buffer.from('R1'), 0, 2); // as seen.add('R1')
   */
  addLatin1(bytes: Uint8Array, from: number, to: number): boolean {
    if (this.count + 1 > this.hi.length * MAX_LOAD) this.grow();
    const hi = hash32Latin1(bytes, from, to, 0x811c9dc5);
    const lo = hash32Latin1(bytes, from, to, 0x9747b28c);
    return this.insert(hi, hi === 0 && lo === 0 ? 1 : lo);
  }

  private insert(hi: number, lo: number): boolean {
    const capacity = this.hi.length;
    // Multiply-shift maps the 32-bit hash onto any capacity (not only powers of two).
    let i = Math.floor(((hi ^ Math.imul(lo, 0x9e3779b1)) >>> 0) * (capacity / 4294967296));
    for (;;) {
      const h = this.hi[i]!;
      const l = this.lo[i]!;
      if (h === 0 && l === 0) break;
      if (h === hi && l === lo) return false;
      i = i + 1 === capacity ? 0 : i + 1;
    }
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.count++;
    return true;
  }

  private grow(): void {
    const { hi, lo } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.count = 0;
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.insert(hi[i]!, lo[i]!);
  }
}
