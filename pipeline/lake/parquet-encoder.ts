/**
 * A Parquet file encoded from column buffers (column-buffer.ts), one row group at a time,
 * with hyparquet-writer's building blocks (its exported `src/*.js` modules): the page
 * header and footer thrift writers, the RLE/bit-packed hybrid encoder and Snappy. Values
 * are never boxed per row: pages are built straight from the buffers' typed arrays.
 *
 * - string dictionary columns: a PLAIN dictionary page and an RLE_DICTIONARY data page;
 *   PLAIN strings: the buffer's bytes are the page;
 * - numbers, dates, timestamps, decimals: a dictionary when it at least halves the PLAIN
 *   size (as hyparquet-writer decides), PLAIN otherwise; booleans RLE (PLAIN up to 16 rows);
 * - one DATA_PAGE_V2 per column chunk (a row group has at most 25,000 rows), Snappy except
 *   the hex digest columns; min/max statistics for numbers, dates and timestamps, null
 *   counts for every column.
 */
import { ByteWriter } from 'hyparquet-writer/src/bytewriter.js';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import type { ParquetSchemaElement } from '../../schemas/contract.ts';
import { BooleanColumn, type ColumnBuffer, NumberColumn, type StringColumn } from './column-buffer.ts';
import type { ColumnPlan } from './column-plan.ts';

// hyparquet-writer carries its own hyparquet: take the metadata types from its functions.
type FileMetaData = Parameters<typeof writeMetadata>[1];
type RowGroup = FileMetaData['row_groups'][number];
type ColumnChunk = RowGroup['columns'][number];
type ColumnMetaData = NonNullable<ColumnChunk['meta_data']>;
type Statistics = NonNullable<ColumnMetaData['statistics']>;
type Encoding = ColumnMetaData['encodings'][number];
type SchemaElement = FileMetaData['schema'][number];

const MAGIC = 0x31524150; // 'PAR1'
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Writers shared by every encoder: a row group is encoded synchronously, so one set serves
 * all open files (a set per file would keep a row group's worth of bytes per partition).
 */
const group = new ByteWriter(1 << 20);
const scratch = new ByteWriter(1 << 16);
const levels = new ByteWriter(1 << 12);

function reset(writer: ByteWriter): void {
  writer.offset = 0;
  writer.index = 0;
}

/** A copy of what `writer` holds (so the writer can be reused). */
function copyOf(writer: ByteWriter): Uint8Array {
  return new Uint8Array(writer.buffer.slice(0, writer.index));
}

/** Bits to code dictionary indices below `size` (0 for a single entry, as hyparquet-writer). */
function bitWidthOf(size: number): number {
  return size <= 1 ? 0 : 32 - Math.clz32(size - 1);
}

/** A typed array's bytes, little-endian (a view when the platform is, a copy otherwise). */
function littleEndianBytes(values: Int32Array | Float64Array, count: number): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, count * values.BYTES_PER_ELEMENT);
  const out = new Uint8Array(count * values.BYTES_PER_ELEMENT);
  const view = new DataView(out.buffer);
  for (let i = 0; i < count; i++)
    if (values instanceof Int32Array) view.setInt32(i * 4, values[i]!, true);
    else view.setFloat64(i * 8, values[i]!, true);
  return out;
}

/** Integral doubles as little-endian INT64 (exact within ±2^53; beyond, through BigInt). */
function int64Bytes(values: Float64Array, count: number): Uint8Array {
  const out = new Uint8Array(count * 8);
  const view = new DataView(out.buffer);
  for (let i = 0; i < count; i++) {
    const v = values[i]!;
    if (Math.abs(v) <= Number.MAX_SAFE_INTEGER) {
      view.setUint32(i * 8, v >>> 0, true);
      view.setInt32(i * 8 + 4, Math.floor(v / 4_294_967_296), true);
    } else view.setBigInt64(i * 8, BigInt(v), true);
  }
  return out;
}

/** The PLAIN bytes of `count` numbers of a column's physical type. */
function plainNumbers(plan: ColumnPlan, values: Int32Array | Float64Array, count: number): Uint8Array {
  return plan.int64 ? int64Bytes(values as Float64Array, count) : littleEndianBytes(values, count);
}

/** Booleans bit-packed, least significant bit first (PLAIN). */
function plainBooleans(values: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array((count + 7) >>> 3);
  for (let i = 0; i < count; i++) if (values[i]) out[i >>> 3]! |= 1 << (i & 7);
  return out;
}

/** A dictionary of numbers found in one pass: entries in first-seen order and one index per value. */
interface NumberDictionary {
  entries: Int32Array | Float64Array;
  indices: Int32Array;
}

/** Slots of the direct-lookup table, reused: dictionaries of integers spanning up to this range. */
const SLOT_RANGE = 1 << 16;
const slots = new Int32Array(SLOT_RANGE).fill(-1);

/**
 * The dictionary of a number column's values, or undefined when it would not at least halve
 * the PLAIN bytes (hyparquet-writer's rule: dictionary plus bit-packed indices at most half).
 * Integers within a 65,536-wide range are looked up in a flat table; others in a `Map`.
 */
function numberDictionary(column: NumberColumn, min: number, max: number): NumberDictionary | undefined {
  const { values, count } = column;
  if (count === 0) return undefined;
  const width = column.plan.int64 || column.plan.kind === 'double' ? 8 : 4;
  const limit = count >>> 1;
  const indices = new Int32Array(count);
  const entries: number[] = [];
  if (column.plan.kind !== 'double' && max - min < SLOT_RANGE) {
    try {
      for (let i = 0; i < count; i++) {
        const slot = values[i]! - min;
        let index = slots[slot]!;
        if (index < 0) {
          index = entries.length;
          if (index >= limit) return undefined;
          entries.push(values[i]!);
          slots[slot] = index;
        }
        indices[i] = index;
      }
    } finally {
      for (const entry of entries) slots[entry - min] = -1;
    }
  } else {
    const seen = new Map<number, number>();
    for (let i = 0; i < count; i++) {
      const v = values[i]!;
      let index = seen.get(v);
      if (index === undefined) {
        index = entries.length;
        if (index >= limit) return undefined;
        entries.push(v);
        seen.set(v, index);
      }
      indices[i] = index;
    }
  }
  const dictionaryBytes = entries.length * width + Math.ceil((count * bitWidthOf(entries.length)) / 8);
  if (2 * dictionaryBytes > count * width) return undefined;
  return { entries: values instanceof Float64Array ? Float64Array.from(entries) : Int32Array.from(entries), indices };
}

/** Min, max and NaN count of a number column's values (NaN skipped, as Parquet wants). */
function extremes(values: Int32Array | Float64Array, count: number): { min: number; max: number; nans: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let nans = 0;
  for (let i = 0; i < count; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (Number.isNaN(v)) nans++;
  }
  return { min, max, nans };
}

/** A statistic value as hyparquet-writer's footer writer takes it for the column's type. */
function statisticValue(plan: ColumnPlan, value: number): number | bigint {
  return plan.int64 || plan.kind === 'decimal' ? BigInt(value) : value;
}

/** One column chunk being written into {@link group}. */
interface ChunkPages {
  encodings: Encoding[];
  dictionaryOffset?: bigint;
  dataOffset: bigint;
  uncompressed: number;
}

/**
 * One Parquet file built in memory a row group at a time from column buffers; only the
 * encoded row groups are held (as separate parts, joined by {@link finish}).
 *
 * @example
 * const file = new ParquetFileEncoder(schema, plans);
 * file.addRowGroup(columns, rows);
 * const bytes = file.finish();
 */
export class ParquetFileEncoder {
  private readonly parts: Uint8Array[] = [];
  private offset = 4;
  private rowCount = 0;
  private readonly rowGroups: RowGroup[] = [];

  constructor(
    private readonly schema: readonly ParquetSchemaElement[],
    private readonly plans: readonly ColumnPlan[],
    private readonly createdBy = 'redvest ingest (columnar encoder on hyparquet-writer)',
  ) {
    this.parts.push(new Uint8Array([0x50, 0x41, 0x52, 0x31]));
  }

  /** Rows written so far. */
  get rows(): number {
    return this.rowCount;
  }

  /** Encoded bytes so far (the footer not yet included). */
  get bytes(): number {
    return this.offset;
  }

  /** Encodes one row group from one buffer per column (in plan order), each holding `rows` rows. */
  addRowGroup(columns: readonly ColumnBuffer[], rows: number): void {
    reset(group);
    const chunks: ColumnChunk[] = [];
    let uncompressedTotal = 0n;
    for (let k = 0; k < this.plans.length; k++) {
      const plan = this.plans[k]!;
      const column = columns[k]!;
      if (column.rows !== rows) throw new Error(`column ${plan.def.name} has ${column.rows} rows, expected ${rows}`);
      const start = this.offset + group.offset;
      const range = column instanceof NumberColumn ? extremes(column.values, column.count) : undefined;
      const chunk = this.writeColumn(plan, column, range);
      const statistics: Statistics & { nan_count?: bigint } = { null_count: BigInt(column.nulls) };
      if (plan.minMax && range !== undefined) {
        const { min, max, nans } = range;
        if (min <= max) {
          statistics.min_value = statisticValue(plan, min === 0 ? -0 : min);
          statistics.max_value = statisticValue(plan, max === 0 ? 0 : max);
        }
        if (plan.kind === 'double') statistics.nan_count = BigInt(nans);
      }
      uncompressedTotal += BigInt(chunk.uncompressed);
      chunks.push({
        file_offset: BigInt(start),
        meta_data: {
          type: plan.element.type as ColumnMetaData['type'],
          encodings: chunk.encodings,
          path_in_schema: [plan.def.name],
          codec: plan.codec,
          num_values: BigInt(rows),
          total_compressed_size: BigInt(this.offset + group.offset - start),
          total_uncompressed_size: BigInt(chunk.uncompressed),
          data_page_offset: chunk.dataOffset,
          dictionary_page_offset: chunk.dictionaryOffset,
          statistics,
          encoding_stats: [
            ...(chunk.dictionaryOffset === undefined
              ? []
              : [{ page_type: 'DICTIONARY_PAGE' as const, encoding: 'PLAIN' as const, count: 1 }]),
            { page_type: 'DATA_PAGE_V2' as const, encoding: chunk.encodings.at(-1)!, count: 1 },
          ],
        },
      });
    }
    const bytes = copyOf(group);
    this.parts.push(bytes);
    this.rowGroups.push({
      columns: chunks,
      total_byte_size: uncompressedTotal,
      num_rows: BigInt(rows),
      total_compressed_size: BigInt(bytes.length),
    });
    this.offset += bytes.length;
    this.rowCount += rows;
  }

  /** Writes the footer and returns the file's bytes. */
  finish(): Uint8Array {
    const footer = new ByteWriter(1 << 14);
    const metadata = {
      version: 2,
      created_by: this.createdBy,
      schema: this.schema as SchemaElement[],
      num_rows: BigInt(this.rowCount),
      row_groups: this.rowGroups,
    };
    writeMetadata(footer, metadata as FileMetaData);
    footer.appendUint32(MAGIC);
    const tail = footer.getBytes();
    const out = new Uint8Array(this.offset + tail.length);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    out.set(tail, at);
    this.parts.length = 0;
    return out;
  }

  /** Writes a column's pages into {@link group}. */
  private writeColumn(plan: ColumnPlan, column: ColumnBuffer, range: { min: number; max: number } | undefined): ChunkPages {
    if (column instanceof NumberColumn) {
      if (!plan.plain && range !== undefined) {
        const { min, max } = range;
        const dictionary = min <= max ? numberDictionary(column, min, max) : undefined;
        if (dictionary) {
          const dictionaryPage = plainNumbers(plan, dictionary.entries, dictionary.entries.length);
          return this.writeDictionaryPages(plan, column, dictionaryPage, dictionary.entries.length, dictionary.indices);
        }
      }
      return this.writeDataOnly(plan, column, 'PLAIN', plainNumbers(plan, column.values, column.count));
    }
    if (column instanceof BooleanColumn) {
      if (column.rows <= 16) return this.writeDataOnly(plan, column, 'PLAIN', plainBooleans(column.values, column.count));
      reset(scratch);
      scratch.appendUint32(0); // the RLE runs' byte length, set below
      const length = writeRleBitPackedHybrid(scratch, column.values.subarray(0, column.count), 1);
      scratch.view.setUint32(0, length, true);
      return this.writeDataOnly(plan, column, 'RLE', scratch.getBytes());
    }
    const strings = column as StringColumn;
    const dictionary = strings.groupDictionary();
    if (dictionary) return this.writeDictionaryPages(plan, strings, dictionary.page, dictionary.entries, dictionary.indices);
    return this.writeDataOnly(plan, strings, 'PLAIN', strings.plainView());
  }

  private writeDictionaryPages(
    plan: ColumnPlan,
    column: ColumnBuffer,
    dictionaryPage: Uint8Array,
    entries: number,
    indices: Int32Array,
  ): ChunkPages {
    const dictionaryOffset = BigInt(this.offset + group.offset);
    const compressed = plan.codec === 'SNAPPY' ? snappyCompress(dictionaryPage) : dictionaryPage;
    const headerStart = group.offset;
    writePageHeader(group, {
      type: 'DICTIONARY_PAGE',
      uncompressed_page_size: dictionaryPage.length,
      compressed_page_size: compressed.length,
      dictionary_page_header: { num_values: entries, encoding: 'PLAIN' },
    });
    const dictionarySize = group.offset - headerStart + dictionaryPage.length;
    group.appendBytes(compressed);
    reset(scratch);
    const bitWidth = bitWidthOf(entries);
    scratch.appendUint8(bitWidth);
    writeRleBitPackedHybrid(scratch, indices.subarray(0, column.count), bitWidth);
    const data = this.writeDataOnly(plan, column, 'RLE_DICTIONARY', scratch.getBytes());
    return {
      encodings: ['PLAIN', 'RLE_DICTIONARY'],
      dictionaryOffset,
      dataOffset: data.dataOffset,
      uncompressed: dictionarySize + data.uncompressed,
    };
  }

  /** Writes one DATA_PAGE_V2: definition levels (nullable columns), then the (compressed) values. */
  private writeDataOnly(plan: ColumnPlan, column: ColumnBuffer, encoding: Encoding, body: Uint8Array): ChunkPages {
    reset(levels);
    const levelBytes = column.defs === undefined ? 0 : writeRleBitPackedHybrid(levels, column.defs.subarray(0, column.rows), 1);
    const compressed = plan.codec === 'SNAPPY' ? snappyCompress(body) : body;
    const dataOffset = BigInt(this.offset + group.offset);
    const headerStart = group.offset;
    writePageHeader(group, {
      type: 'DATA_PAGE_V2',
      uncompressed_page_size: levelBytes + body.length,
      compressed_page_size: levelBytes + compressed.length,
      data_page_header_v2: {
        num_values: column.rows,
        num_nulls: column.nulls,
        num_rows: column.rows,
        encoding,
        definition_levels_byte_length: levelBytes,
        repetition_levels_byte_length: 0,
        is_compressed: true,
      },
    });
    const headerSize = group.offset - headerStart;
    if (levelBytes > 0) group.appendBytes(levels.getBytes());
    group.appendBytes(compressed);
    return { encodings: [encoding], dataOffset, uncompressed: headerSize + levelBytes + body.length };
  }
}
