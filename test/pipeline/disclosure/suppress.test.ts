import { describe, expect, it } from 'vitest';
import { levelOf, suppressCount } from '../../../pipeline/disclosure/suppress.ts';

describe('suppressCount', () => {
  it('replaces counts 1..threshold-1 below city level with "<threshold"', () => {
    for (const level of ['district', 'street'] as const) {
      expect([0, 1, 2, 3, 4, 5, 6].map((n) => suppressCount(n, level, 5))).toEqual([0, '<5', '<5', '<5', '<5', 5, 6]);
    }
  });

  it('never suppresses city-level counts', () => {
    expect([1, 4].map((n) => suppressCount(n, 'city', 5))).toEqual([1, 4]);
  });

  it('follows the configured threshold and keeps nulls', () => {
    expect(suppressCount(9, 'street', 10)).toBe('<10');
    expect(suppressCount(10, 'street', 10)).toBe(10);
    expect(suppressCount(null, 'street', 5)).toBeNull();
  });
});

describe('levelOf', () => {
  it('derives the level from the rolled-up dimensions', () => {
    expect(levelOf('all', 'all')).toBe('city');
    expect(levelOf('futian', 'all')).toBe('district');
    expect(levelOf('futian', '440304001')).toBe('street');
    expect(levelOf('futian')).toBe('district');
  });
});
