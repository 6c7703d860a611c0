/** What the lake writer takes in, and the row-group bound every lake file keeps. */

/** A lake row: file columns by name (partition keys are ignored). */
export type LakeRow = Record<string, string | number | boolean | null | undefined>;

/** Rows per row group: bounded, so readers and the writer never hold a whole file's pages at once. */
export const ROW_GROUP_ROWS = 25_000;
