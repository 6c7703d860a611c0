/**
 * Pseudonymisation: a volunteer id (ID number or volunteer number, trimmed and upper-cased
 * by the contract) becomes HMAC-SHA256(key, id) in hex. The raw id is never stored.
 */

import { hash } from 'node:crypto';
import { ownString } from '../../schemas/rules/own-string.ts';

/** SHA-256's block size: HMAC pads its key to it. */
const BLOCK = 64;
/** Longest message (UTF-8 bytes) written into the preallocated buffer; longer ones are concatenated. */
const MAX_MESSAGE = 256;

/**
 * Computes volunteer keys with one secret, caching recent results (volunteers repeat).
 *
 * The cache has two generations of at most `cacheSize` ids each: new keys go into the young
 * one; when it is full it becomes the old one (the previous old one is dropped), and a hit in
 * the old generation moves back into the young one. Frequent volunteers so survive every
 * turnover, and memory stays bounded by 2 × `cacheSize` entries. It lives only in memory.
 */
export class VolunteerKeyer {
  private young = new Map<string, string>();
  private old = new Map<string, string>();
  /** The key XOR ipad, followed by room for the message. */
  private readonly inner: Buffer;
  /** The key XOR opad, followed by room for the inner digest. */
  private readonly outer: Buffer;
  /** Views of `inner` holding the pad and a message of n bytes, by n (made on first use). */
  private readonly innerViews: (Buffer | undefined)[] = [];

  constructor(
    secret: Uint8Array,
    private readonly cacheSize = 50_000,
  ) {
    if (secret.length < 32) throw new Error('the volunteer key must be at least 32 bytes');
    if (!(cacheSize >= 1)) throw new Error('the cache size must be at least 1');
    // HMAC (RFC 2104) over one-shot SHA-256: no Hmac object per id.
    const key = Buffer.alloc(BLOCK);
    if (secret.length > BLOCK) hash('sha256', secret, 'buffer').copy(key);
    else Buffer.from(secret).copy(key);
    this.inner = Buffer.alloc(BLOCK + MAX_MESSAGE);
    this.outer = Buffer.alloc(BLOCK + 32);
    for (let i = 0; i < BLOCK; i++) {
      this.inner[i] = key[i]! ^ 0x36;
      this.outer[i] = key[i]! ^ 0x5c;
    }
  }

  private hmacHex(message: string): string {
    let innerMessage: Buffer;
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit, so the write never truncates.
    if (message.length * 3 <= MAX_MESSAGE) {
      const length = this.inner.write(message, BLOCK, 'utf8');
      innerMessage = this.innerViews[length] ??= this.inner.subarray(0, BLOCK + length);
    } else {
      innerMessage = Buffer.concat([this.inner.subarray(0, BLOCK), Buffer.from(message, 'utf8')]);
    }
    // The inner digest travels as a 'binary' (latin1) string, one char per byte, written back
    // exactly: a 'buffer' digest costs about three times as much to allocate.
    this.outer.write(hash('sha256', innerMessage, 'binary'), BLOCK, 32, 'latin1');
    return hash('sha256', this.outer, 'hex');
  }

  /**
   * The pseudonym of a normalised volunteer id. Pass `owned` when the id is a string of its
   * own (validation's `volunteer_id` is, see `ownString`): the cache then keeps that very
   * string instead of a copy, and later lookups with it compare by identity (measured: a
   * lookup in 50,000 entries ~70–150 ns, against ~600–900 ns with a copy as the key).
   *
   * @example
   * new VolunteerKeyer(key).keyOf('44030419900101001X'); // 64 hex characters
   */
  keyOf(volunteerId: string, owned = false): string {
    let key = this.young.get(volunteerId);
    if (key !== undefined) return key;
    key = this.old.get(volunteerId) ?? this.hmacHex(volunteerId);
    if (this.young.size >= this.cacheSize) {
      this.old = this.young;
      this.young = new Map();
    }
    // Otherwise a copy: the id may be a slice of its chunk of the file, which the cache must not hold alive.
    this.young.set(owned ? volunteerId : ownString(volunteerId), key);
    return key;
  }

  /** Ids currently cached (both generations may hold the same id once promoted): for tests. */
  get cachedEntries(): number {
    return this.young.size + this.old.size;
  }
}
