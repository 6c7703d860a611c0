/**
 * `DUPLICATE_IN_FILE`: a natural key repeated inside one file rejects the later rows. Keys are
 * remembered as 64-bit hashes in an open-addressing table of typed arrays, so memory is
 * 8 bytes per distinct key (×2 for load factor) whatever the key lengths, and the check works
 * for any file size up to the row limit. Two distinct keys share a 64-bit hash with
 * probability about n²/2⁶⁵ (≈10⁻⁷ at two million rows).
 */
import type { DatasetName, RawRow } from '../../schemas/dataset.ts';

/**
 * The natural key as it will be after validation, taken from the raw cells (the contract
 * keeps record ids, project codes and contract ids as given and upper-cases volunteer numbers
 * and ID numbers).
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

function hash32(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A set of strings remembered by 64-bit hash. */
export class KeyHashSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private used: Uint8Array;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let capacity = 1;
    while (capacity < initialCapacity) capacity <<= 1;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /**
   * Adds a key; returns false when it (or a key of the same hash) was already there.
   *
   * @example
   * const seen = new KeyHashSet(); seen.add('R1'); // true
   * seen.add('R1'); // false
   */
  add(key: string): boolean {
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    return this.insert(hash32(key, 0x811c9dc5), hash32(key, 0x9747b28c));
  }

  private insert(hi: number, lo: number): boolean {
    const mask = this.used.length - 1;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    while (this.used[i]) {
      if (this.hi[i] === hi && this.lo[i] === lo) return false;
      i = (i + 1) & mask;
    }
    this.used[i] = 1;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.count++;
    return true;
  }

  private grow(): void {
    const { hi, lo, used } = this;
    const capacity = used.length * 2;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
    this.count = 0;
    for (let i = 0; i < used.length; i++) if (used[i]) this.insert(hi[i]!, lo[i]!);
  }
}
