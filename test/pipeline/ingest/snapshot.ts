/** A comparable picture of what ingest left behind: record items and every lake row. */
import { openInMemoryDuckDb } from '../../support/duckdb-query-engine.ts';
import { type Harness, readTree, scanAll } from './harness.ts';

export interface IngestSnapshot {
  records: Record<string, unknown>[];
  manifests: Record<string, unknown>[];
  lakeFiles: string[];
  lakeRows: Record<string, unknown>[];
}

export async function snapshot(h: Harness): Promise<IngestSnapshot> {
  const items = await scanAll(h);
  const records = items
    .filter((i) => String(i.pk).startsWith('REC#'))
    .sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
  const manifests = items
    .filter((i) => i.sk === 'MANIFEST')
    .map(
      ({ updated_at: _u, ...rest }): Record<string, unknown> => ({
        ...rest,
        errors_report: rest.errors_report ? String(rest.errors_report).slice(h.dir.length) : null,
      }),
    )
    .sort((a, b) => String(a.pk).localeCompare(String(b.pk)));
  const tree = await readTree(`${h.dir}/lake`);
  const lakeFiles = [...tree.keys()].sort();
  const engine = await openInMemoryDuckDb();
  try {
    const files = lakeFiles.filter((f) => f.endsWith('.parquet')).map((f) => `'${h.dir}/lake/${f}'`);
    const lakeRows =
      files.length === 0
        ? []
        : await engine.query(
            `SELECT * EXCLUDE (ingested_at) FROM read_parquet([${files.join(',')}], union_by_name = true, filename = true) ORDER BY filename, source_row, tombstone, version`,
          );
    return {
      records,
      manifests,
      lakeFiles,
      lakeRows: lakeRows.map((r) => ({ ...r, filename: String(r.filename).slice(h.dir.length) })),
    };
  } finally {
    await engine.close();
  }
}
