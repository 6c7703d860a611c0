import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VolunteerKeyer } from '../../../pipeline/identity/volunteer-key.ts';

/** The reference: Node's own HMAC. */
const reference = (secret: Uint8Array, id: string): string => createHmac('sha256', secret).update(id, 'utf8').digest('hex');

const idNumber = fc
  .tuple(fc.stringMatching(/^\d{17}$/), fc.constantFrom('0', '1', '9', 'X'))
  .map(([digits, check]) => digits + check);
const volunteerNumber = fc.integer({ min: 0, max: 99_999_999 }).map((n) => `SZYG${String(n).padStart(8, '0')}`);
const anyId = fc.oneof(
  idNumber,
  volunteerNumber,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', minLength: 80, maxLength: 200 }),
);
const secretArb = fc.uint8Array({ minLength: 32, maxLength: 100 });

describe('VolunteerKeyer', () => {
  it('equals HMAC-SHA256 over any id and any secret length (short, block-sized, longer than a block)', () => {
    fc.assert(
      fc.property(secretArb, fc.array(anyId, { minLength: 1, maxLength: 30 }), (secret, ids) => {
        const keyer = new VolunteerKeyer(secret);
        // Owned or copied as the cache key, an id yields the same key.
        for (const id of [...ids, ...ids]) expect(keyer.keyOf(id)).toBe(reference(secret, id));
        const owning = new VolunteerKeyer(secret);
        for (const id of [...ids, ...ids]) expect(owning.keyOf(id, true)).toBe(reference(secret, id));
      }),
      { numRuns: 200 },
    );
  });

  it('stays correct for lone surrogates, the empty id and ids too long for the scratch buffer', () => {
    const secret = new Uint8Array(64).fill(9);
    const keyer = new VolunteerKeyer(secret);
    for (const id of ['', '\ud800', 'a\udfffb', '深圳'.repeat(50), 'X'.repeat(85), 'X'.repeat(86), 'Z'.repeat(5000)])
      expect(keyer.keyOf(id)).toBe(reference(secret, id));
  });

  it('stays correct and bounded once the cache fills and turns over, hot ids surviving turnovers', () => {
    const secret = new Uint8Array(32).fill(3);
    const keyer = new VolunteerKeyer(secret, 8);
    const hot = '44030419900101001X';
    for (let i = 0; i < 500; i++) {
      const cold = `SZYG${String(i).padStart(8, '0')}`;
      expect(keyer.keyOf(cold)).toBe(reference(secret, cold));
      expect(keyer.keyOf(hot)).toBe(reference(secret, hot));
      // Earlier ids, some long evicted, some still in the old generation.
      const earlier = `SZYG${String(Math.floor(i / 2)).padStart(8, '0')}`;
      expect(keyer.keyOf(earlier)).toBe(reference(secret, earlier));
      expect(keyer.cachedEntries).toBeLessThanOrEqual(16);
    }
  });

  it('keeps keys of different secrets apart', () => {
    const a = new VolunteerKeyer(new Uint8Array(32).fill(1));
    const b = new VolunteerKeyer(new Uint8Array(32).fill(2));
    expect(a.keyOf('SZYG00000001')).not.toBe(b.keyOf('SZYG00000001'));
  });

  it('refuses short secrets', () => {
    expect(() => new VolunteerKeyer(new Uint8Array(31))).toThrow();
  });
});
