/**
 * Pseudonymisation: a volunteer id (ID number or volunteer number, trimmed and upper-cased
 * by the contract) becomes HMAC-SHA256(key, id) in hex. The raw id is never stored.
 */
import { createHmac } from 'node:crypto';

/** Computes volunteer keys with one secret, caching recent results (volunteers repeat). */
export class VolunteerKeyer {
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly secret: Uint8Array,
    private readonly cacheSize = 50_000,
  ) {
    if (secret.length < 32) throw new Error('the volunteer key must be at least 32 bytes');
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
      key = createHmac('sha256', this.secret).update(volunteerId, 'utf8').digest('hex');
      if (this.cache.size >= this.cacheSize) this.cache.clear();
      this.cache.set(volunteerId, key);
    }
    return key;
  }
}
