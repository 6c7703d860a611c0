/**
 * A single large, valid service-records CSV for benchmarks, written with bounded memory: rows
 * are generated and written in chunks, honouring back-pressure, from a capped volunteer pool.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DISTRICTS } from '../../schemas/reference/index.ts';
import { addDays, addMonths, toDay } from './dates.ts';
import type { FileStyle, ServiceRecordRow } from './model.ts';
import { presentRows } from './present.ts';
import { buildProjects } from './projects.ts';
import { Random, WeightedSampler } from './random.ts';
import { districtContext, makeServiceRecord, pickDay } from './records.ts';
import { makeVolunteers } from './volunteers.ts';

export interface ServiceRecordsCsvOptions {
  path: string;
  rows: number;
  seed: number;
  /** District slug of the batch. */
  district: string;
  /** Last day of history `YYYY-MM-DD`; records span the 24 months before. */
  asOf: string;
  /** Include the personal columns (name, phone) that ingest must drop. Default false. */
  personal?: boolean;
}

const CHUNK_ROWS = 2_000;
const MAX_VOLUNTEERS = 50_000;

/** One CSV line of a canonical row (English keys, codes and ISO dates need no presentation). */
function csvLine(row: ServiceRecordRow, keys: readonly (keyof ServiceRecordRow)[]): string {
  let line = '';
  for (let i = 0; i < keys.length; i++) {
    const text = row[keys[i] as keyof ServiceRecordRow];
    if (i > 0) line += ',';
    line += text.includes(',') || text.includes('"') ? `"${text.replaceAll('"', '""')}"` : text;
  }
  return line;
}

/**
 * Writes `rows` valid, self-funded service records of one district as a UTF-8 CSV with English
 * headers. Deterministic for the same options; memory stays bounded whatever `rows` is.
 *
 * @example
 * await writeServiceRecordsCsv({ path: '/tmp/1m.csv', rows: 1_000_000, seed: 1, district: 'futian', asOf: '2026-06-30' });
 */
export async function writeServiceRecordsCsv(
  options: ServiceRecordsCsvOptions,
): Promise<{ path: string; rows: number; bytes: number }> {
  if (!DISTRICTS.some((d) => d.slug === options.district)) throw new Error(`unknown district "${options.district}"`);
  const random = new Random(options.seed).fork(`stream:${options.district}`);
  const historyStart = addDays(addMonths(options.asOf, -24), 1);
  const firstDay = toDay(historyStart);
  const lastDay = toDay(options.asOf);
  const context = districtContext(options.district, buildProjects(historyStart, options.asOf));
  const volunteers = makeVolunteers(random.fork('volunteers'), {
    count: Math.max(50, Math.min(MAX_VOLUNTEERS, Math.round(options.rows / 5))),
    asOf: options.asOf,
    historyStart,
    linkedShare: 0,
  }).map((v) => ({ ...v, home: options.district }));
  const sampler = new WeightedSampler(volunteers.map((v) => v.activity));
  const style: FileStyle = {
    format: 'csv',
    encoding: 'utf-8',
    headers: 'en',
    dates: 'iso',
    labels: 'code',
    districtAs: 'slug',
    personal: options.personal ?? false,
  };

  await mkdir(path.dirname(path.resolve(options.path)), { recursive: true });
  const out = createWriteStream(options.path);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    const { headers } = presentRows('service_records', [], style);
    const keys = headers as (keyof ServiceRecordRow)[];
    await write(`${headers.join(',')}\n`);
    const prefix = options.district.slice(0, 2).toUpperCase();
    for (let start = 0; start < options.rows; start += CHUNK_ROWS) {
      const chunk: ServiceRecordRow[] = [];
      for (let i = start; i < Math.min(options.rows, start + CHUNK_ROWS); i++) {
        const { day, event } = pickDay(random, context, firstDay, lastDay);
        chunk.push(
          makeServiceRecord(random, context, {
            recordId: `${prefix}B${String(i + 1).padStart(9, '0')}`,
            day,
            volunteer: volunteers[sampler.sample(random)] as (typeof volunteers)[number],
            street: i < context.streets.length ? context.streets[i] : undefined,
            asOfDay: lastDay,
            event,
          }),
        );
      }
      let text = '';
      for (const row of chunk) text += `${csvLine(row, keys)}\n`;
      await write(text);
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { path: options.path, rows: options.rows, bytes };
}
