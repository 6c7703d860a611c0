/**
 * Test support: writes generated curated rows into a filesystem lake the way ingest lays it
 * out (`curated/{table}/year=/month=/district=/{batch}-….parquet`), as Parquet through DuckDB
 * `COPY` from JSON.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { QueryEngine } from '../../../../adapters/ports.ts';
import { duckdbType, type TableDef } from '../../../../schemas/contract.ts';
import { CURATED_TABLES } from '../../../../schemas/tables.ts';
import type { GeneratedBatch } from './curated-dataset.ts';

let fileSeq = 0;

async function writeTable(engine: QueryEngine, lakeDir: string, table: TableDef, batchId: string, rows: object[]) {
  if (rows.length === 0) return;
  fileSeq += 1;
  const json = path.join(os.tmpdir(), `rv-agg-${process.pid}-${fileSeq}.ndjson`);
  await writeFile(json, rows.map((row) => JSON.stringify(row)).join('\n'));
  const all = [...table.columns, ...table.partitionKeys];
  const columns = `{${all.map((c) => `'${c.name}': 'VARCHAR'`).join(', ')}}`;
  const select = all
    .map((c) =>
      c.sql === 'boolean' ? `(${c.name} = 'true') AS ${c.name}` : `CAST(${c.name} AS ${duckdbType(c.sql)}) AS ${c.name}`,
    )
    .join(', ');
  const target = path.join(lakeDir, 'curated', table.name);
  await mkdir(target, { recursive: true });
  const partitioned = table.partitionKeys.length > 0;
  const options = partitioned
    ? `FORMAT parquet, PARTITION_BY (${table.partitionKeys.map((c) => c.name).join(', ')}), FILENAME_PATTERN '${batchId}-{i}', OVERWRITE_OR_IGNORE true`
    : 'FORMAT parquet';
  const to = partitioned ? target : path.join(target, `${batchId}-0.parquet`);
  try {
    await engine.execute(
      `COPY (SELECT ${select} FROM read_json('${json}', format = 'newline_delimited', columns = ${columns})) TO '${to}' (${options})`,
    );
  } finally {
    await rm(json, { force: true });
  }
}

/**
 * Writes every row of some batches into the lake directory.
 *
 * @example
 * await writeBatches(engine, '/tmp/lake', generateCuratedDataset().slice(0, 10));
 */
export async function writeBatches(engine: QueryEngine, lakeDir: string, batches: GeneratedBatch[]): Promise<void> {
  // One COPY per table for the whole group (files named after the group's first batch).
  const id = batches[0]?.facts.batchId ?? 'none';
  await writeTable(
    engine,
    lakeDir,
    CURATED_TABLES.service_records_versions!,
    id,
    batches.flatMap((b) => b.service),
  );
  await writeTable(
    engine,
    lakeDir,
    CURATED_TABLES.registrations_versions!,
    id,
    batches.flatMap((b) => b.registrations),
  );
  await writeTable(
    engine,
    lakeDir,
    CURATED_TABLES.projects_versions!,
    id,
    batches.flatMap((b) => b.projects),
  );
  await writeTable(
    engine,
    lakeDir,
    CURATED_TABLES.contracts_versions!,
    id,
    batches.flatMap((b) => b.contracts),
  );
}
