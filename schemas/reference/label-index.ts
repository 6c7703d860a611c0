/** A reference row identified by an ASCII code and a Chinese label, with optional Chinese synonyms. */
export interface LabelledRow {
  code: string;
  zh: string;
  aliases: readonly string[];
}

/**
 * Builds a lookup from every accepted spelling of a row (code lower-cased, zh label, zh aliases)
 * to the row, and a resolver that trims its input and matches codes case-insensitively.
 * Throws when two rows share a spelling, so an ambiguous table fails at import time.
 *
 * @example
 * const resolve = buildLabelResolver([{ code: 'elderly', zh: '老年人', aliases: ['老人'] }]);
 * resolve(' ELDERLY ')?.zh; // '老年人'
 * resolve('老人')?.code;     // 'elderly'
 */
export function buildLabelResolver<T extends LabelledRow>(rows: readonly T[]): (value: string) => T | undefined {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    for (const key of [row.code.toLowerCase(), row.zh, ...row.aliases]) {
      const existing = byKey.get(key);
      if (existing !== undefined && existing !== row) {
        throw new Error(`Reference spelling "${key}" names both ${existing.code} and ${row.code}`);
      }
      byKey.set(key, row);
    }
  }
  return (value: string) => {
    const trimmed = value.trim();
    return byKey.get(trimmed) ?? byKey.get(trimmed.toLowerCase());
  };
}
