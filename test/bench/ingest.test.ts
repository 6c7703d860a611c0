/**
 * The ingest benchmark's own machinery at a tiny size (no timing asserted: `npm run bench`
 * measures). It must generate, ingest every row in both runs, copy the same items raw, and
 * read a child's peak RSS as its own (not the forking parent's).
 */
import { describe, expect, it } from 'vitest';
import { runIngestBench } from '../../bench/ingest.ts';
import { peakRssMb } from '../../bench/ingest-core.ts';

describe('ingest benchmark', () => {
  it('produces every figure from complete runs', { timeout: 180_000 }, async () => {
    const lines: string[] = [];
    const result = await runIngestBench({
      rows: 3000,
      coreRuns: 2,
      e2eRows: 1000,
      rssRows: [1000, 3000],
      log: (l) => lines.push(l),
    });
    expect(result.core.rows).toBe(3000);
    // The figure is the best of each side's runs; the median ratio sits beside it.
    expect(result.core.runs).toHaveLength(2);
    expect(result.core.seconds).toBe(Math.min(...result.core.runs.map((r) => r.seconds)));
    expect(result.core.duckdbSeconds).toBe(Math.min(...result.core.runs.map((r) => r.duckdbSeconds)));
    expect(result.core.ratio).toBeCloseTo(result.core.duckdbSeconds / result.core.seconds, 9);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(result.core.medianRatio).toBeCloseTo(
      mean(result.core.runs.map((r) => r.duckdbSeconds)) / mean(result.core.runs.map((r) => r.seconds)),
      9,
    );
    // Every accepted record has its current-version pointer and one version item.
    expect(result.endToEnd.items).toBe(2 * 1000);
    expect(result.endToEnd.ratio).toBeGreaterThan(0);
    expect(result.rss.map((r) => r.rows)).toEqual([1000, 3000]);
    // The children's own peaks (about 100 MB), not the high-water mark of this process
    // (about 380 MB with DuckDB and dynalite loaded), which getrusage would have reported.
    const parent = await peakRssMb();
    for (const r of result.rss) expect(r.maxRssMb).toBeLessThan(parent / 2);
    expect(result.rssGrowth).toBeCloseTo(
      Math.max(...result.rss.map((r) => r.maxRssMb)) / Math.min(...result.rss.map((r) => r.maxRssMb)),
      6,
    );
    // Two core runs and the core summary, end to end, two RSS sizes.
    expect(lines).toHaveLength(6);
  });
});
