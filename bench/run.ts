/**
 * `npm run bench`: runs every benchmark and prints its figures as ratios against a peer
 * run in the same process (DuckDB, raw dynalite writes). Figures are also written to
 * `.bench/results.json`. Pick benchmarks by name: `npm run bench -- ingest`.
 * Sizes can be lowered for a quick look with REDVEST_BENCH_SCALE=0.1.
 */
import { mkdir, writeFile } from 'node:fs/promises';

interface BenchModule {
  name: string;
  run: () => Promise<object>;
}

const benches: BenchModule[] = [
  { name: 'ingest', run: async () => (await import('./ingest.ts')).runIngestBench() },
  { name: 'aggregate', run: async () => (await import('./aggregate.ts')).runAggregateBench() },
];

const wanted = process.argv.slice(2);
const results: Record<string, unknown> = {};
for (const bench of benches) {
  if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
  process.stderr.write(`\n▶ bench ${bench.name}\n`);
  results[bench.name] = await bench.run();
  process.stdout.write(`${bench.name}: ${JSON.stringify(results[bench.name], null, 2)}\n`);
}
await mkdir('.bench', { recursive: true });
await writeFile('.bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
