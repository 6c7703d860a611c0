/**
 * Pseudonymisation: a volunteer id (ID number or volunteer number, trimmed and upper-cased
 * by the contract) becomes HMAC-SHA256(key, id) in hex. The raw id is never stored.
 */
import { hash } from 'node:crypto';

/** SHA-256's block size: HMAC pads its key to it. */
const BLOCK = 64;

/** Computes volunteer keys with one secret, caching recent results (volunteers repeat). */
export class VolunteerKeyer {
  private readonly cache = new Map<string, string>();
  /** The key XOR ipad and XOR opad, each followed by room for the message / inner digest. */
  private readonly inner: Buffer;
  private readonly outer: Buffer;

  constructor(
    secret: Uint8Array,
    private readonly cacheSize = 50_000,
  ) {
    if (secret.length < 32) throw new Error('the volunteer key must be at least 32 bytes');
    // HMAC (RFC 2104) over one-shot SHA-256: no Hmac object per id.
    const key = Buffer.alloc(BLOCK);
    if (secret.length > BLOCK) hash('sha256', secret, 'buffer').copy(key);
    else Buffer.from(secret).copy(key);
    this.inner = Buffer.alloc(BLOCK);
    this.outer = Buffer.alloc(BLOCK + 32);
    for (let i = 0; i < BLOCK; i++) {
      this.inner[i] = key[i]! ^ 0x36;
      this.outer[i] = key[i]! ^ 0x5c;
    }
  }

  private hmacHex(message: string): string {
    const inner = hash('sha256', Buffer.concat([this.inner, Buffer.from(message, 'utf8')]), 'buffer');
    inner.copy(this.outer, BLOCK);
    return hash('sha256', this.outer, 'hex');
  }

  /**
   * The pseudonym of a normalised volunteer id.
   *
   * @example
   * new VolunteerKeyer(key).keyOf('44030419900101001X'); // 64 hex characters
   */
  keyOf(volunteerId: string): string {
    let key = this.cache.get(volunteerId);
    if (key === undefined) {
      key = this.hmacHex(volunteerId);
      if (this.cache.size >= this.cacheSize) this.cache.clear();
      this.cache.set(volunteerId, key);
    }
    return key;
  }
}
