/**
 * Cells are substrings of the decoded text they were read from, and V8 keeps a substring of
 * 13 characters or more as a slice that holds its whole parent alive (a 256 KB chunk of the
 * file for an 18-character ID number). Anything kept beyond its row (a cache key, a dictionary
 * entry) must keep its own copy, or a few thousand cached ids hold the whole file in memory.
 */

/**
 * A copy of `text` that shares no parent string (short strings are already copies).
 *
 * @example
 * cache.set(ownString(cell), value);
 */
export function ownString(text: string): string {
  // Concatenating flattens into a new string of length + 1; the slice then refers only to it.
  return text.length < 13 ? text : ` ${text}`.slice(1);
}
