/**
 * s3rver, an S3 stand-in over real HTTP, for local runs and tests.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** Credentials s3rver accepts by default. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** An S3-shaped event record emitted by s3rver (`ObjectCreated:*`, `ObjectRemoved:*`). */
export interface S3rverEventRecord {
  eventName: string;
  s3: { bucket: { name: string }; object: { key: string; size?: number } };
}

export interface RunningS3rver {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  /** Subscribes to S3 notifications (one call per record). */
  onEvent(listener: (record: S3rverEventRecord) => void): void;
  close(): Promise<void>;
}

/**
 * Starts s3rver on 127.0.0.1 with a free port and the given buckets. Without a directory
 * its files go to a fresh temp folder that `close()` removes.
 *
 * @example
 * const s3 = await startS3rver({ buckets: ['landing'] });
 * const client = createS3Client({ endpoint: s3.endpoint, credentials: S3RVER_CREDENTIALS });
 * await s3.close();
 */
export async function startS3rver(options: { buckets: string[]; directory?: string; port?: number }): Promise<RunningS3rver> {
  const directory = options.directory ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'rv-s3rver-')));
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  });
  const address = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    onEvent(listener) {
      server.on('event', (event: { Records: S3rverEventRecord[] }) => {
        for (const record of event.Records) listener(record);
      });
    },
    async close() {
      await server.close();
      if (options.directory === undefined) await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
