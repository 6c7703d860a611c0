/**
 * Secret keys: the volunteer pseudonymisation key (HMAC of ID numbers) and the local
 * token signing key. Cloud: an SSM SecureString; local: a 0600 hex file created on first use.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RedvestConfig } from '../config.ts';

/** Shortest accepted key. */
const MIN_KEY_BYTES = 32;

function keyFromHex(hex: string, source: string): Buffer {
  const text = hex.trim();
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(text)) throw new Error(`key in ${source} is not hex`);
  const key = Buffer.from(text, 'hex');
  if (key.length < MIN_KEY_BYTES) throw new Error(`key in ${source} is shorter than ${MIN_KEY_BYTES} bytes`);
  return key;
}

/**
 * Reads a hex key file, creating it with 32 random bytes (file 0600, folder 0700) when
 * it does not exist. Safe against two processes creating it at once.
 *
 * @example
 * const key = await loadOrCreateKeyFile('.redvest/secrets/volunteer-key.hex');
 */
export async function loadOrCreateKeyFile(file: string): Promise<Buffer> {
  try {
    return keyFromHex(await fs.readFile(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Write a complete temp file, then hard-link it into place: link fails if another
  // process won the race, and no reader ever sees a half-written key.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temp, `${randomBytes(MIN_KEY_BYTES).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    await fs.link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.rm(temp, { force: true });
  }
  return keyFromHex(await fs.readFile(file, 'utf8'), file);
}

/** One Powertools provider per region, so its cache survives warm Lambda invocations. */
const providers = new Map<string, import('@aws-lambda-powertools/parameters/ssm').SSMProvider>();

async function loadSsmKey(name: string, region: string | undefined): Promise<Buffer> {
  let provider = providers.get(region ?? '');
  if (!provider) {
    const { SSMProvider } = await import('@aws-lambda-powertools/parameters/ssm');
    provider = new SSMProvider({ clientConfig: { region } });
    providers.set(region ?? '', provider);
  }
  const value = await provider.get(name, { decrypt: true, maxAge: 300 });
  if (typeof value !== 'string' || value === '') throw new Error(`SSM parameter ${name} is empty`);
  return keyFromHex(value, `SSM parameter ${name}`);
}

/**
 * The HMAC key that turns ID numbers and volunteer numbers into volunteer keys: the SSM
 * SecureString `config.secrets.ssmParameter` (hex) when set, else the local key file.
 *
 * @example
 * const key = await loadVolunteerKey(config);
 * createHmac('sha256', key).update('44030419900101001X').digest('hex');
 */
export async function loadVolunteerKey(config: Pick<RedvestConfig, 'secrets' | 'region'>): Promise<Buffer> {
  if (config.secrets.ssmParameter) return loadSsmKey(config.secrets.ssmParameter, config.region);
  return loadOrCreateKeyFile(config.secrets.keyFile);
}

/**
 * The key that signs local upload-API tokens (`config.tokenKeyFile`), created on first use.
 *
 * @example
 * const secret = await loadTokenKey(config); // for jose's HS256
 */
export async function loadTokenKey(config: Pick<RedvestConfig, 'tokenKeyFile'>): Promise<Buffer> {
  return loadOrCreateKeyFile(config.tokenKeyFile);
}
