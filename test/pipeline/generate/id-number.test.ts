import { describe, expect, it } from 'vitest';
import { hasValidIdChecksum, makeIdNumber, withWrongCheckChar } from '../../../pipeline/generate/id-number.ts';
import { idNumberCheckChar as idCheckChar } from '../../../schemas/rules/id-number.ts';

describe('ID numbers', () => {
  it('computes the GB 11643 check character of the published example', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(hasValidIdChecksum('11010519491231002X')).toBe(true);
    expect(hasValidIdChecksum('110105194912310021')).toBe(false);
  });

  it('encodes sex in the sequence parity and always passes the checksum', () => {
    const male = makeIdNumber({ area: '440304', birth: '19900101', sex: 'male', serial: 7 });
    const female = makeIdNumber({ area: '440304', birth: '19900101', sex: 'female', serial: 7 });
    expect(Number(male[16]) % 2).toBe(1);
    expect(Number(female[16]) % 2).toBe(0);
    expect(hasValidIdChecksum(male) && hasValidIdChecksum(female)).toBe(true);
    expect(hasValidIdChecksum(withWrongCheckChar(male))).toBe(false);
  });
});
