/**
 * `ingestBatch`: from an upload in landing to records in the OpsStore and Parquet in the lake.
 *
 * 1. Register the batch (RECEIVED; a retry keeps its received_at, hence its version).
 * 2. Spool the upload (size limit, SHA-256). A byte-identical re-upload of a COMPLETED batch
 *    of the same dataset and district ends DUPLICATE and writes nothing.
 * 3. PROCESSING. Pass 1 reads the whole file (only the natural-key columns of a CSV): readable,
 *    required columns present, row limit, natural keys repeated in the file. Any file-level
 *    failure ends the batch FAILED before anything is written.
 * 4. Pass 2 streams the file once more and routes groups of rows to chunks (in-process,
 *    worker threads, or a queue), each validating, normalising, reconciling records and
 *    staging lake files. Worker threads get CSV records as text and split them themselves.
 * 5. COMPLETED: errors.csv assembled, lake files promoted, landing deleted.
 */
import type { BlobStore, OpsStore } from '../../adapters/ports.ts';
import type { ContractRef, Dataset, DatasetName } from '../../schemas/dataset.ts';
import { DATASETS } from '../../schemas/datasets/index.ts';
import { versionOf } from '../../schemas/datasets/lineage.ts';
import { CITY, resolveDistrict } from '../../schemas/reference/index.ts';
import { discardStaging } from '../lake/promote.ts';
import type { BatchOutcome } from './batch-outcome.ts';
import { type ChunkRunner, type ChunkTask, RowGroupQueue } from './chunk-runner.ts';
import { errorsPartsPrefix } from './errors-report.ts';
import { IngestFileError } from './file-error.ts';
import { completeBatch, duplicateBatch, failBatch } from './finish-batch.ts';
import { finishDepsOf } from './finish-deps.ts';
import { DuplicateRows, KeyHashSet, naturalKeyColumns, rawNaturalKey } from './in-file-duplicates.ts';
import { landingKey, parseLandingKey } from './landing-key.ts';
import type { LaneGroup } from './lane-group.ts';
import { type BatchManifest, getManifest, outcomeOf, registerBatch, transitionBatch } from './manifest.ts';
import { cityRecordsPartition, contentPk } from './ops-keys.ts';
import { openCsvText } from './parse/csv.ts';
import { type CsvByteLayout, type CsvByteRange, openCsvBytes, scanCsvBytes } from './parse/csv-byte-file.ts';
import { CsvBytesGiveUp } from './parse/csv-bytes.ts';
import { openUpload, uploadFormat, uploadStream } from './parse/open-file.ts';
import type { FileFormat, ParsedFile } from './parse/parsed-row.ts';
import { type BatchFacts, type ChunkDeps, type ChunkResult, type ChunkRow, processChunk } from './process-chunk.ts';
import { type SpooledFile, spoolUpload } from './spool.ts';

/** Limits and "today" ingest obeys (a subset of RedvestConfig). */
export interface IngestSettings {
  limits: { maxFileBytes: number; maxRows: number; maxXlsxInflatedBytes: number; chunkRows: number };
  /** Ingestion day, Asia/Shanghai (`todayInShanghai(config)`). */
  today: string;
}

/** A minimal structured logger (Powertools' Logger fits); never given cell values. */
export interface IngestLog {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
}

export interface IngestDeps {
  settings: IngestSettings;
  landing: BlobStore;
  lake: BlobStore;
  rejects: BlobStore;
  ops: OpsStore;
  /** HMAC key of volunteer pseudonyms. */
  volunteerKey: Uint8Array;
  /** Default: every chunk in-process, one after another. */
  chunkRunner?: ChunkRunner;
  log?: IngestLog;
  now?: () => Date;
  /** Progress of pass 2: rows routed so far, of the total. */
  onProgress?: (done: number, total: number) => void;
  /** Temporary folder for spooled uploads. Default the OS's. */
  tmpDir?: string;
}

export interface IngestRequest {
  /** Landing key of the upload (`landing/{dataset}/district={slug}/batch={id}/{file}`). */
  key: string;
  /** When the upload arrived (ISO); default now. Ignored when the batch is already registered. */
  receivedAt?: string;
}

/** Fewest bytes a data row of any dataset takes in a CSV (decides whether to prepare lanes early). */
const SMALLEST_ROW_BYTES = 40;

/** Rows per group routed to a chunk. */
const GROUP_ROWS = 1000;

const silent: IngestLog = { info: () => undefined, warn: () => undefined };

/**
 * Ingests one uploaded file. Resolves with the batch outcome (FAILED for file-level
 * problems); rejects only on internal errors, leaving the batch PROCESSING so a retry
 * (SQS redelivery, a rerun) resumes it and ends in the same records and lake.
 *
 * @example
 * const outcome = await ingestBatch(deps, { key: 'landing/service_records/district=futian/batch=b1/records.csv' });
 * outcome.status; // 'COMPLETED'
 */
export async function ingestBatch(deps: IngestDeps, request: IngestRequest): Promise<BatchOutcome> {
  const log = deps.log ?? silent;
  const now = deps.now ?? (() => new Date());
  const ref = parseLandingKey(request.key);
  if (!ref) throw new Error(`not a landing key: ${request.key}`);
  const key = landingKey(ref);
  const receivedAt = request.receivedAt ?? now().toISOString();
  let manifest = await registerBatch(deps.ops, {
    batch_id: ref.batchId,
    dataset: ref.dataset,
    district: ref.district,
    file_name: ref.fileName,
    landing_key: key,
    received_at: receivedAt,
    version: versionOf(receivedAt, ref.batchId),
  });
  if (manifest.status === 'COMPLETED' || manifest.status === 'FAILED' || manifest.status === 'DUPLICATE') {
    log.info('batch already ended', { batch_id: ref.batchId, status: manifest.status });
    return outcomeOf(manifest);
  }
  const finish = finishDepsOf(deps);
  const dataset = DATASETS[ref.dataset] as unknown as Dataset<unknown>;
  const scopeOk = dataset.scope === 'city' ? ref.district === CITY : resolveDistrict(ref.district)?.slug === ref.district;
  if (!scopeOk) return failBatch(finish, manifest, new IngestFileError('DISTRICT_FORBIDDEN', ref.district));

  // Lanes in other threads boot while the upload is spooled and pass 1 reads it, once the
  // file has shown itself big enough to split.
  const streaming = deps.chunkRunner?.kind === 'stream' ? deps.chunkRunner : undefined;
  const splitBytes = SMALLEST_ROW_BYTES * deps.settings.limits.chunkRows;
  let prepared = false;
  const prepareLanes = (bytes: number) => {
    if (prepared || !streaming?.prepare || bytes <= splitBytes) return;
    prepared = true;
    streaming.prepare(streaming.lanes(Math.ceil(bytes / splitBytes)));
  };
  let spooled: SpooledFile;
  try {
    spooled = await spoolUpload(deps.landing, key, deps.settings.limits.maxFileBytes, deps.tmpDir, prepareLanes);
  } catch (error) {
    if (prepared) await streaming?.release?.();
    if (error instanceof IngestFileError) return failBatch(finish, manifest, error);
    throw error;
  }
  try {
    const earlier = await deps.ops.get(contentPk(ref.dataset, ref.district, spooled.sha256), 'CONTENT');
    if (earlier && earlier.batch_id !== ref.batchId) {
      const of = String(earlier.batch_id);
      if ((await getManifest(deps.ops, of))?.status === 'COMPLETED') {
        log.info('byte-identical re-upload', { batch_id: ref.batchId, duplicate_of: of });
        return await duplicateBatch(finish, manifest, of);
      }
    }
    manifest = await transitionBatch(deps.ops, manifest, 'PROCESSING', ['RECEIVED', 'PROCESSING'], {
      content_hash: spooled.sha256,
      size_bytes: spooled.size,
    });

    let passOne: PassOne;
    try {
      passOne = await inspect(spooled, ref.fileName, dataset, deps.settings);
    } catch (error) {
      if (error instanceof IngestFileError) {
        log.warn('batch failed', { batch_id: ref.batchId, code: error.code });
        return await failBatch(finish, manifest, error);
      }
      throw error;
    }
    const { totalRows, warnings } = passOne;
    if (warnings.length > 0) log.warn('columns ignored', { batch_id: ref.batchId, warnings });

    // A retry starts from a clean slate: staged files and report parts are rewritten.
    await discardStaging(deps.lake, ref.batchId);
    await deps.rejects.deletePrefix(errorsPartsPrefix(ref.dataset, ref.district, ref.batchId));

    const facts: BatchFacts = {
      batchId: ref.batchId,
      dataset: ref.dataset,
      district: ref.district,
      fileName: ref.fileName,
      receivedAt: manifest.received_at,
      version: manifest.version,
      ingestedAt: now().toISOString(),
      today: deps.settings.today,
      contracts: ref.dataset === 'service_records' ? await loadContracts(deps.ops) : [],
    };
    const chunks = Math.max(1, Math.ceil(totalRows / deps.settings.limits.chunkRows));
    let runner = deps.chunkRunner ?? inProcessRunner(deps);
    if (runner.kind === 'stream' && runner.lanes(chunks) <= 1) runner = inProcessRunner(deps);
    manifest = await transitionBatch(deps.ops, manifest, 'PROCESSING', ['PROCESSING'], { chunks, warnings });
    log.info('batch processing', { batch_id: ref.batchId, dataset: ref.dataset, rows: totalRows, chunks });

    if (runner.kind === 'queue') {
      const tasks: ChunkTask[] = [];
      for (let chunk = 0; chunk < chunks; chunk++)
        tasks.push({
          landingKey: key,
          facts,
          chunk,
          chunks,
          firstOrdinal: chunk * deps.settings.limits.chunkRows,
          endOrdinal: Math.min(totalRows, (chunk + 1) * deps.settings.limits.chunkRows),
        });
      await runner.dispatch(tasks);
      return outcomeOf(manifest);
    }

    let results: ChunkResult[];
    try {
      results = await streamChunks(runner, spooled, facts, dataset, deps, chunks, passOne);
    } catch (error) {
      if (error instanceof IngestFileError) return await failBatch(finish, manifest, error);
      throw error;
    }
    const outcome = await completeBatch(finish, manifest, results);
    log.info('batch completed', {
      batch_id: ref.batchId,
      received: outcome.received,
      accepted: outcome.accepted,
      rejected: outcome.rejected,
    });
    return outcome;
  } finally {
    await spooled.dispose();
    if (deps.chunkRunner?.kind === 'stream') await deps.chunkRunner.release?.();
  }
}

/** Bytes a data row is assumed to take when sizing pass 1's key set (it grows past that). */
const BYTES_PER_ROW_GUESS = 100;

/** Rows per group routed to a lane. */
function groupRowsOf(settings: IngestSettings): number {
  return Math.min(GROUP_ROWS, settings.limits.chunkRows);
}

/** What pass 1 found that pass 2 needs. */
interface PassOne {
  totalRows: number;
  warnings: string[];
  duplicates: DuplicateRows;
  /**
   * Set when pass 1 read the file on the byte path (UTF-8 CSV): its layout, and its body cut
   * into ranges of a group's rows, which lanes in worker threads read for themselves.
   */
  bytes?: { layout: CsvByteLayout; ranges: CsvByteRange[] };
  format: FileFormat;
}

/**
 * Pass 1: the file is readable, has the required columns and at most `maxRows` data rows;
 * finds the rows whose natural key repeats an earlier row's. A UTF-8 CSV is read on its bytes
 * when it can be (about a third of the time of decoding it); otherwise, or when the byte path
 * gives up, on its decoded text, reading only the natural-key columns.
 */
async function inspect(
  spooled: SpooledFile,
  fileName: string,
  dataset: Dataset<unknown>,
  settings: IngestSettings,
): Promise<PassOne> {
  const keyColumns = naturalKeyColumns(dataset.name);
  const counter = (): {
    rows: number;
    seen: KeyHashSet;
    duplicates: DuplicateRows;
    onRow: (n: number, key: string | undefined) => void;
    onRowBytes: (n: number, bytes: Uint8Array, from: number, to: number) => void;
  } => {
    const state = {
      rows: 0,
      seen: new KeyHashSet(Math.min(settings.limits.maxRows, Math.ceil(spooled.size / BYTES_PER_ROW_GUESS))),
      duplicates: new DuplicateRows(),
      onRow(rowNumber: number, key: string | undefined) {
        countRow();
        if (key !== undefined && !state.seen.add(key)) state.duplicates.add(rowNumber);
      },
      // A key cell of plain ASCII is hashed on its bytes: the same key as its text, undecoded.
      onRowBytes(rowNumber: number, bytes: Uint8Array, from: number, to: number) {
        countRow();
        if (!state.seen.addLatin1(bytes, from, to)) state.duplicates.add(rowNumber);
      },
    };
    const countRow = () => {
      if (++state.rows > settings.limits.maxRows) throw new IngestFileError('TOO_MANY_ROWS', `> ${settings.limits.maxRows}`);
    };
    return state;
  };
  const format = await uploadFormat(spooled.path, fileName);
  const done = (state: ReturnType<typeof counter>, warnings: string[], bytes?: PassOne['bytes']): PassOne => {
    if (state.rows === 0) throw new IngestFileError('FILE_EMPTY');
    return { totalRows: state.rows, warnings, duplicates: state.duplicates, format, ...(bytes ? { bytes } : {}) };
  };

  const [keyColumn] = keyColumns;
  if (keyColumns.length === 1 && format === 'csv') {
    const layout = await openCsvBytes(spooled.path, dataset);
    if (layout) {
      if (layout.header.missing.length > 0) throw new IngestFileError('MISSING_COLUMNS', layout.header.missing.join(', '));
      const state = counter();
      try {
        // One key column: the key is the cell itself (see rawNaturalKey).
        const visit = { row: state.onRow, rowBytes: state.onRowBytes };
        const ranges = await scanCsvBytes(spooled.path, layout, keyColumn!, visit, groupRowsOf(settings));
        return done(state, headerWarnings(layout), { layout, ranges });
      } catch (error) {
        if (!(error instanceof CsvBytesGiveUp)) throw error;
      }
    }
  }

  const file = await openUpload(spooled.path, fileName, dataset, settings.limits, { columns: keyColumns });
  if (file.header.missing.length > 0) throw new IngestFileError('MISSING_COLUMNS', file.header.missing.join(', '));
  const state = counter();
  for await (const group of file.groups)
    for (const row of group) state.onRow(row.rowNumber, rawNaturalKey(dataset.name, row.cells));
  return done(state, headerWarnings(file));
}

/** Warnings about a file's header (header names only, never cell values). */
function headerWarnings(file: Pick<ParsedFile, 'header'>): string[] {
  const warnings: string[] = [];
  if (file.header.unknown.length > 0) warnings.push(`unknown columns ignored: ${file.header.unknown.join(', ')}`);
  if (file.header.personal.length > 0) warnings.push(`personal columns dropped: ${file.header.personal.join(', ')}`);
  return warnings;
}

/**
 * Pass 2: one more read of the file, routed to lanes in groups, round-robin, so every lane
 * works while the file is read once. A CSV goes to lanes in other threads as text.
 */
async function streamChunks(
  runner: Extract<ChunkRunner, { kind: 'stream' }>,
  spooled: SpooledFile,
  facts: BatchFacts,
  dataset: Dataset<unknown>,
  deps: IngestDeps,
  chunks: number,
  pass: PassOne,
): Promise<ChunkResult[]> {
  const lanes = Math.max(1, Math.min(chunks, runner.lanes(chunks)));
  const queues = Array.from({ length: lanes }, () => new RowGroupQueue(4));
  const running = queues.map((queue, lane) =>
    runner.runLane(facts, lane, queue).catch((error: unknown) => {
      queue.abort(error as Error);
      throw error;
    }),
  );
  const groupRows = groupRowsOf(deps.settings);
  const { duplicates, totalRows } = pass;
  let groupIndex = 0;
  let done = 0;
  const send = async (group: LaneGroup, rows: number): Promise<void> => {
    await queues[groupIndex % lanes]!.push(group);
    groupIndex++;
    done = Math.min(totalRows, done + rows);
    deps.onProgress?.(done, totalRows);
  };
  // What a piece of records needs besides its text or bytes: where it starts, how to split
  // it, and which of its rows repeat an earlier row's key.
  const pieceFacts = (
    piece: { firstRowNumber: number; records: number },
    layout: { header: { keys: readonly (string | undefined)[] }; delimiter: string },
  ) => ({
    firstRowNumber: piece.firstRowNumber,
    keys: layout.header.keys,
    delimiter: layout.delimiter,
    duplicateRows: duplicates.within(piece.firstRowNumber, piece.firstRowNumber + piece.records),
  });
  const produceText = async (): Promise<void> => {
    const file = await openCsvText(uploadStream(spooled.path), dataset, groupRows);
    for await (const piece of file.pieces)
      await send({ kind: 'csv-text', text: piece.text, ...pieceFacts(piece, file) }, piece.records);
  };
  // The coordinator only says where each group lies: the lane reads, decodes and splits it.
  const produceRanges = async ({ layout, ranges }: NonNullable<PassOne['bytes']>): Promise<void> => {
    for (const range of ranges)
      await send(
        { kind: 'csv-range', path: spooled.path, start: range.start, end: range.end, ...pieceFacts(range, layout) },
        range.records,
      );
  };
  const produceRows = async (): Promise<void> => {
    const file = await openUpload(spooled.path, facts.fileName, dataset, deps.settings.limits);
    for await (const rows of file.groups) {
      for (let start = 0; start < rows.length; start += groupRows) {
        const group: ChunkRow[] = rows.slice(start, start + groupRows);
        for (let i = 0; i < group.length; i++)
          if (duplicates.has(group[i]!.rowNumber)) group[i] = { ...group[i]!, duplicateInFile: true };
        await send(group, group.length);
      }
    }
  };
  // Lanes in other threads get a CSV as file ranges (when pass 1 could read its bytes) or text.
  const crossing = runner.crossesThreads === true;
  const asText = crossing && !pass.bytes && pass.format === 'csv';
  const all = Promise.all(running);
  all.catch(() => undefined);
  try {
    await (crossing && pass.bytes ? produceRanges(pass.bytes) : asText ? produceText() : produceRows());
  } catch (error) {
    for (const queue of queues) queue.close();
    // A lane's failure is the cause of the producer's; report it first.
    await all;
    throw error;
  }
  for (const queue of queues) queue.close();
  return all;
}

/** Runs every lane in this process (one lane). */
function inProcessRunner(deps: IngestDeps): ChunkRunner {
  const chunkDeps: ChunkDeps = { ops: deps.ops, lake: deps.lake, rejects: deps.rejects, volunteerKey: deps.volunteerKey };
  return {
    kind: 'stream',
    lanes: () => 1,
    runLane: (facts, lane, rows) => processChunk(chunkDeps, facts, lane, rows),
  };
}

/**
 * The current contracts, for validating service records' contract ids.
 *
 * @example
 * const contracts = await loadContracts(ops); // [{ contract_id: 'GOV-2026-001', funder_type: 'government', … }]
 */
export async function loadContracts(ops: OpsStore): Promise<ContractRef[]> {
  const items = await ops.query({ index: 'byDistrict', partition: cityRecordsPartition('contracts' satisfies DatasetName) });
  return items.map((item) => {
    const data = item.data as Record<string, unknown>;
    return {
      contract_id: String(data.contract_id),
      funder_type: data.funder_type as ContractRef['funder_type'],
      start_date: String(data.start_date),
      end_date: String(data.end_date),
    };
  });
}

export type { BatchManifest };
