/**
 * Key rules shared by every BlobStore: `/`-separated relative paths without empty,
 * `.` or `..` segments, so a key can never escape its store root.
 */

/**
 * Throws when a key is not a safe relative `/`-separated path.
 *
 * @example
 * assertValidKey('curated/service_records/year=2026/part-0.parquet'); // ok
 * assertValidKey('../etc/passwd'); // throws
 */
export function assertValidKey(key: string): void {
  if (key === '') throw new Error('blob key must not be empty');
  assertValidPrefix(key);
  if (key.endsWith('/')) throw new Error(`blob key must not end with "/": ${key}`);
}

/**
 * Throws when a list/delete prefix could escape the store root. The empty prefix means
 * "everything"; a prefix may end in `/` (a folder) or in part of a name.
 *
 * @example
 * assertValidPrefix('curated/'); // ok
 * assertValidPrefix('/abs'); // throws
 */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  if (prefix.startsWith('/')) throw new Error(`blob key must be relative: ${prefix}`);
  if (prefix.includes('\\') || prefix.includes('\0')) throw new Error(`blob key has a forbidden character: ${prefix}`);
  const segments = prefix.split('/');
  // The last segment of a prefix may be empty (trailing slash) or partial.
  for (const [index, segment] of segments.entries()) {
    const isLast = index === segments.length - 1;
    if (segment === '.' || segment === '..') throw new Error(`blob key must not contain "." or "..": ${prefix}`);
    if (segment === '' && !isLast) throw new Error(`blob key must not contain empty segments: ${prefix}`);
  }
}

/** Byte-wise ordering of keys, as S3 lists them (UTF-8 binary order). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
