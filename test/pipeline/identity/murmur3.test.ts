import fc from 'fast-check';
import murmurHash3 from 'murmurhash3js-revisited';
import { describe, expect, it } from 'vitest';
import { murmur3x86Hex128 } from '../../../pipeline/identity/murmur3.ts';

/** The bytes copied into a word buffer, with garbage after them that the hash must ignore. */
function wordsOf(bytes: Uint8Array): Uint32Array {
  const words = new Uint32Array(Math.ceil(bytes.length / 4) + 1).fill(0xdeadbeef);
  new Uint8Array(words.buffer).set(bytes);
  return words;
}

describe('murmur3x86Hex128', () => {
  it('equals murmurhash3js-revisited for every length of 0–80 bytes', () => {
    for (let length = 0; length <= 80; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 151 + length * 7 + 13) & 0xff);
      expect(murmur3x86Hex128(wordsOf(bytes), length), `length ${length}`).toBe(murmurHash3.x86.hash128(bytes));
    }
  });

  it('equals murmurhash3js-revisited on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(murmur3x86Hex128(wordsOf(bytes), bytes.length)).toBe(murmurHash3.x86.hash128(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('matches the published value of the empty input and of "abc"', () => {
    expect(murmur3x86Hex128(new Uint32Array(1), 0)).toBe('0'.repeat(32));
    const abc = Buffer.from('abc');
    expect(murmur3x86Hex128(wordsOf(abc), 3)).toBe('75cdc6d1a2b006a5a2b006a5a2b006a5');
  });

  it('refuses a length past the words given', () => {
    expect(() => murmur3x86Hex128(new Uint32Array(2), 9)).toThrow(RangeError);
  });
});
