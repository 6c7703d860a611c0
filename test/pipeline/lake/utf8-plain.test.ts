import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DICTIONARY_MAX_BYTES, StringDictionary } from '../../../pipeline/lake/string-dictionary.ts';
import { Utf8Plain } from '../../../pipeline/lake/utf8-plain.ts';

/** The PLAIN layout of strings, as TextEncoder encodes them. */
function reference(values: string[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    const bytes = new TextEncoder().encode(v);
    out.push(bytes.length & 0xff, (bytes.length >>> 8) & 0xff, (bytes.length >>> 16) & 0xff, bytes.length >>> 24, ...bytes);
  }
  return out;
}

describe('Utf8Plain', () => {
  it('writes lengths and UTF-8 bytes as TextEncoder does, short, long, non-ASCII and lone surrogates', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 30 }),
            fc.string({ unit: 'binary', maxLength: 80 }),
            fc.string({ minLength: 20, maxLength: 200 }),
          ),
        ),
        (values) => {
          const page = new Utf8Plain();
          for (const v of values) page.append(v);
          expect([...page.view()]).toEqual(reference(values));
        },
      ),
    );
  });

  it('appends already encoded values', () => {
    const source = new Utf8Plain();
    for (const v of ['南园', 'R0001', '']) source.append(v);
    const page = new Utf8Plain();
    page.appendEncoded(source.bytes, 4 + 6, source.length);
    expect([...page.view()]).toEqual(reference(['R0001', '']));
  });
});

describe('StringDictionary', () => {
  it('gives each value one id and keeps its PLAIN bytes between offsets', () => {
    const dictionary = new StringDictionary();
    const ids = ['b', 'a', 'b', '社区', 'a'].map((v) => dictionary.idOf(v));
    expect(ids).toEqual([0, 1, 0, 2, 1]);
    const entry = dictionary.plain.bytes.subarray(dictionary.offsets[2], dictionary.offsets[3]);
    expect([...entry]).toEqual(reference(['社区']));
  });

  it('closes past its byte bound, answering -1 for new values and keeping the ids given', () => {
    const dictionary = new StringDictionary();
    const long = (i: number) => `${i}-${'x'.repeat(1000)}`;
    let i = 0;
    while (dictionary.idOf(long(i)) >= 0) i++;
    expect(dictionary.closed).toBe(true);
    expect(dictionary.plain.length).toBeGreaterThan(DICTIONARY_MAX_BYTES);
    // Every value that kept the dictionary within its bound got an id.
    let fitting = 0;
    let bytes = 4 + long(0).length;
    while (bytes <= DICTIONARY_MAX_BYTES) {
      fitting++;
      bytes += 4 + long(fitting).length;
    }
    expect(i).toBe(fitting);
    expect(dictionary.idOf(long(0))).toBe(-1);
    const first = dictionary.plain.bytes.subarray(dictionary.offsets[0], dictionary.offsets[1]);
    expect([...first]).toEqual(reference([long(0)]));
  });
});
