import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTRACT_ID, isCode, PROJECT_CODE, RECORD_ID } from '../../../schemas/rules/codes.ts';

describe('isCode', () => {
  it('agrees with RECORD_ID, PROJECT_CODE and CONTRACT_ID', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 70 }),
      fc.stringMatching(/^[A-Za-z0-9_-]{0,70}$/),
      fc.stringMatching(/^[A-Za-z0-9_\- .#Ａ٣]{0,40}$/),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(isCode(t, 64)).toBe(RECORD_ID.test(t));
        expect(isCode(t, 32)).toBe(PROJECT_CODE.test(t));
        expect(isCode(t, 32)).toBe(CONTRACT_ID.test(t));
      }),
      { numRuns: 20_000 },
    );
  });
});
