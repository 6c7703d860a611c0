import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../adapters/config.ts';
import { loadTokenKey, loadVolunteerKey } from '../../../adapters/secrets/volunteer-key.ts';

describe('loadVolunteerKey / loadTokenKey', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rv-keys-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('creates a 32-byte key file 0600 in a 0700 folder and reuses it', async () => {
    const config = loadConfig({}, { dataDir: dir });
    const key = await loadVolunteerKey(config);
    expect(key).toHaveLength(32);
    const file = path.join(dir, 'secrets', 'volunteer-key.hex');
    expect(config.secrets.keyFile).toBe(file);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect((await fs.readFile(file, 'utf8')).trim()).toBe(key.toString('hex'));
    expect((await loadVolunteerKey(config)).equals(key)).toBe(true);

    const token = await loadTokenKey(config);
    expect(token).toHaveLength(32);
    expect(token.equals(key)).toBe(false);
    expect((await loadTokenKey(config)).equals(token)).toBe(true);
  });

  it('gives every concurrent caller the same freshly created key', async () => {
    const config = loadConfig({}, { dataDir: dir });
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadVolunteerKey(config)));
    for (const key of keys) expect(key.equals(keys[0] as Buffer)).toBe(true);
  });

  it('rejects a key file that is not a long enough hex key', async () => {
    const file = path.join(dir, 'bad.hex');
    await fs.writeFile(file, 'abcd\n');
    const config = loadConfig({}, { dataDir: dir, secrets: { keyFile: file } });
    await expect(loadVolunteerKey(config)).rejects.toThrow(/shorter than 32 bytes/);
    await fs.writeFile(file, 'not hex at all');
    await expect(loadVolunteerKey(config)).rejects.toThrow(/not hex/);
  });

  it('reads the SecureString parameter with decryption when one is configured', async () => {
    const ssm = mockClient(SSMClient);
    const hex = 'ab'.repeat(32);
    ssm.on(GetParameterCommand).resolves({ Parameter: { Name: '/redvest/volunteer-key', Value: hex, Type: 'SecureString' } });
    try {
      const config = loadConfig(
        {},
        { dataDir: dir, region: 'cn-northwest-1', secrets: { ssmParameter: '/redvest/volunteer-key' } },
      );
      const key = await loadVolunteerKey(config);
      expect(key.toString('hex')).toBe(hex);
      expect(ssm.commandCalls(GetParameterCommand).map((c) => c.args[0].input)).toEqual([
        { Name: '/redvest/volunteer-key', WithDecryption: true },
      ]);
      // No local key file is created in cloud mode.
      await expect(fs.stat(config.secrets.keyFile)).rejects.toThrow();
    } finally {
      ssm.restore();
    }
  });
});
