/**
 * MurmurHash3 x86_128 (Austin Appleby's reference `MurmurHash3_x86_128`), over bytes held in
 * a `Uint32Array` so that each 32-bit block is one load. Written here rather than taken from
 * a package: the JavaScript ports on npm emulate 32-bit multiplication with 16-bit halves and
 * read a byte array a byte at a time (measured on service-record rows, text written the same
 * way: 4.6–6.0 µs a row with murmurhash3js-revisited, which the tests hold this one to,
 * against 1.7–2.5 µs).
 */

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

/** Character codes of the hex digits 0–f. */
const DIGITS = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** True when typed arrays are little-endian (every platform Redvest runs on). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The hex digit of `h`'s nibble at bit `shift`. */
function digit(h: number, shift: number): number {
  return DIGITS[(h >>> shift) & 15]!;
}

/**
 * Four words as 32 hex digits, made as one flat string (a concatenation of pieces would be a
 * rope that every later reader has to flatten first: measured, ~0.2 µs a hash more).
 */
function hex128(a: number, b: number, c: number, d: number): string {
  // biome-ignore format: eight digits a row, one row a word
  return String.fromCharCode(
    digit(a, 28), digit(a, 24), digit(a, 20), digit(a, 16), digit(a, 12), digit(a, 8), digit(a, 4), digit(a, 0),
    digit(b, 28), digit(b, 24), digit(b, 20), digit(b, 16), digit(b, 12), digit(b, 8), digit(b, 4), digit(b, 0),
    digit(c, 28), digit(c, 24), digit(c, 20), digit(c, 16), digit(c, 12), digit(c, 8), digit(c, 4), digit(c, 0),
    digit(d, 28), digit(d, 24), digit(d, 20), digit(d, 16), digit(d, 12), digit(d, 8), digit(d, 4), digit(d, 0),
  );
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function rotl32(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** A block word's scrambling: `k *= a; k = ROTL32(k, r); k *= b`. */
function scramble(k: number, a: number, r: number, b: number): number {
  return Math.imul(rotl32(Math.imul(k, a), r), b);
}

/** A lane's update after its word is mixed in: `h = ROTL32(h, r); h += next; h = h * 5 + add`. */
function mixLane(h: number, r: number, next: number, add: number): number {
  return (Math.imul((rotl32(h, r) + next) | 0, 5) + add) | 0;
}

/** The low `bytes` (0–3) bytes of a word; a whole word from 4 on. */
function lowBytes(word: number, bytes: number): number {
  return bytes >= 4 ? word : word & ((1 << (bytes * 8)) - 1);
}

/**
 * MurmurHash3 x86_128 with seed 0 of the first `length` bytes stored in `words` (bytes in
 * little-endian order: write them through a `Uint8Array` or `Uint16Array` view of the same
 * buffer). Returns 32 hex digits, h1 to h4, as the reference prints them.
 *
 * @example
 * const words = new Uint32Array(4);
 * new Uint8Array(words.buffer).set([0x61, 0x62, 0x63]); // 'abc'
 * murmur3x86Hex128(words, 3); // '75cdc6d1a2b006a5a2b006a5a2b006a5'
 */
export function murmur3x86Hex128(words: Uint32Array, length: number): string {
  if (!LITTLE_ENDIAN) throw new Error('murmur3x86Hex128 needs a little-endian platform');
  if (length < 0 || length > words.length * 4) throw new RangeError(`length ${length} outside the words given`);
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let h4 = 0;
  const blocks = length >>> 4;
  for (let block = 0; block < blocks; block++) {
    const i = block << 2;
    h1 = mixLane(h1 ^ scramble(words[i]!, C1, 15, C2), 19, h2, 0x561ccd1b);
    h2 = mixLane(h2 ^ scramble(words[i + 1]!, C2, 16, C3), 17, h3, 0x0bcaa747);
    h3 = mixLane(h3 ^ scramble(words[i + 2]!, C3, 17, C4), 15, h4, 0x96cd1c35);
    h4 = mixLane(h4 ^ scramble(words[i + 3]!, C4, 18, C1), 13, h1, 0x32ac3b17);
  }

  // The tail (0–15 bytes): the reference's byte-by-byte switch, as masked little-endian words.
  const rest = length & 15;
  const i = blocks << 2;
  if (rest > 12) h4 ^= scramble(lowBytes(words[i + 3]!, rest - 12), C4, 18, C1);
  if (rest > 8) h3 ^= scramble(lowBytes(words[i + 2]!, rest - 8), C3, 17, C4);
  if (rest > 4) h2 ^= scramble(lowBytes(words[i + 1]!, rest - 4), C2, 16, C3);
  if (rest > 0) h1 ^= scramble(lowBytes(words[i]!, rest), C1, 15, C2);

  h1 ^= length;
  h2 ^= length;
  h3 ^= length;
  h4 ^= length;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h3 = fmix32(h3);
  h4 = fmix32(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  return hex128(h1, h2, h3, h4);
}
