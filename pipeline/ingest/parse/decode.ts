/**
 * Text decoding of uploads: UTF-8 (with or without BOM) or GBK/GB18030, detected from the
 * first bytes and decoded as a stream.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';

/** Bytes examined to choose the encoding. */
const SNIFF_BYTES = 256 * 1024;

/**
 * Chooses `utf8` when the sample is valid UTF-8 (an incomplete sequence at its end is
 * allowed), else `gb18030` (a superset of GBK).
 *
 * @example
 * detectEncoding(Buffer.from('记录编号', 'utf8')); // 'utf8'
 */
export function detectEncoding(sample: Uint8Array): 'utf8' | 'gb18030' {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/**
 * Reads up to {@link SNIFF_BYTES} from a byte stream, then returns the detected encoding and
 * a stream of decoded text (BOM removed) that replays the sample.
 *
 * @example
 * const { encoding, text } = await decodeText(fs.createReadStream('gbk.csv'));
 */
export async function decodeText(bytes: Readable): Promise<{ encoding: 'utf8' | 'gb18030'; text: Readable }> {
  const iterator: AsyncIterator<Buffer | string> = bytes[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    head.push(chunk);
    size += chunk.length;
  }
  const sample = Buffer.concat(head);
  const encoding = detectEncoding(sample);
  async function* replay(): AsyncGenerator<Buffer> {
    if (sample.length > 0) yield sample;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    }
  }
  const decoder = iconv.decodeStream(encoding, { stripBOM: true });
  // pipeline destroys the decoder with the source's error, so readers of `text` see it.
  pipeline(Readable.from(replay()), decoder).catch(() => undefined);
  const text = decoder as unknown as Readable;
  return { encoding, text };
}
