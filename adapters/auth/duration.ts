/**
 * Durations as people type them on the command line (`90s`, `30m`, `8h`, `7d`).
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * Parses `N[s|m|h|d]` (a bare number means seconds) into whole seconds.
 *
 * @example
 * parseDurationSeconds('8h'); // 28800
 * parseDurationSeconds('45'); // 45
 */
export function parseDurationSeconds(text: string): number {
  const match = /^\s*(\d+)\s*([smhd]?)\s*$/i.exec(text);
  const amount = Number(match?.[1]);
  const unit = UNIT_SECONDS[(match?.[2] ?? '').toLowerCase() || 's'];
  if (!match || unit === undefined || amount <= 0) throw new Error(`not a duration: "${text}" (use e.g. 30m, 8h, 7d)`);
  return amount * unit;
}
