/**
 * Configuration: the one place that reads the environment.
 *
 * Every other module receives a {@link RedvestConfig}; nothing else reads `process.env`.
 * Handlers call {@link loadConfig} inside the handler (never at module scope), the CLI
 * calls it once with its flags as overrides.
 */
import path from 'node:path';

/** Which OpsStore adapter to use. */
export type OpsBackend = 'dynalite' | 'dynamodb';
/** Which QueryEngine adapter to use. */
export type EngineName = 'duckdb' | 'athena';

export interface RedvestConfig {
  /** Root of local state (embedded mode). Default `.redvest` in the working directory. */
  dataDir: string;
  /** Store URLs: `file:///abs/path` or `s3://bucket/prefix`. */
  stores: {
    landing: string;
    lake: string;
    rejects: string;
    reports: string;
    site: string;
  };
  ops: {
    backend: OpsBackend;
    tableName: string;
    /** Endpoint override (dynalite URL); undefined uses the AWS default. */
    endpoint?: string;
  };
  engine: {
    name: EngineName;
    athena: { workgroup: string; database: string; outputLocation?: string };
  };
  /** AWS region (cloud adapters). */
  region?: string;
  /** S3 endpoint override (s3rver in tests). */
  s3Endpoint?: string;
  /** SQS queue of ingest chunks (cloud fan-out of large batches); undefined = chunks run in-process. */
  chunkQueueUrl?: string;
  limits: {
    /** Largest accepted upload in bytes. Default 200 MB. */
    maxFileBytes: number;
    /** Most data rows in one file. Default 2,000,000. */
    maxRows: number;
    /** Largest inflated XLSX in bytes. Default 1 GB. */
    maxXlsxInflatedBytes: number;
    /** Rows per chunk when a batch is split for parallel processing. Default 250,000. */
    chunkRows: number;
  };
  /** `YYYY-MM-DD` that counts as today (Asia/Shanghai); undefined = the real date. */
  today?: string;
  /** Where "first service ever" can be trusted (`YYYY-MM-DD`); default the earliest service date in the lake. */
  historyStart?: string;
  /**
   * Hourly wage used to value volunteer time, CNY. Default 22.2: Shenzhen's statutory
   * minimum hourly wage for non-full-time work (深圳市最低小时工资标准, effective 2022-07-01).
   */
  hourlyWageCny: number;
  /** Volunteer counts below this value are shown as `<N` below city level. Default 5. */
  suppressBelow: number;
  /** Pseudonymisation key source. */
  secrets: {
    /** Local key file (0600), used when no parameter name is given. */
    keyFile: string;
    /** SSM SecureString parameter holding the HMAC key (cloud). */
    ssmParameter?: string;
  };
  /** Local token signing key file (embedded upload API). */
  tokenKeyFile: string;
  /** Bearer token `redvest upload` sends to the upload API (`REDVEST_TOKEN`). */
  uploadToken?: string;
  /** Log level for Powertools / CLI logs. */
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Headless Chromium used to print report PDFs (env CHROMIUM_PATH); reports use `/usr/bin/chromium` when unset. */
  chromiumPath?: string;
  /** Dashboard sign-in (the dashboard-sign-in function); every field is unset unless sign-in is deployed. */
  dashboardSignIn: {
    /** OIDC issuer URL (`REDVEST_SIGN_IN_ISSUER`). */
    issuer?: string;
    /** OAuth client id, the ID token's audience (`REDVEST_SIGN_IN_CLIENT_ID`). */
    clientId?: string;
    /** Public URL of the dashboards (`REDVEST_SIGN_IN_SITE_URL`). */
    siteUrl?: string;
    /** CloudFront public key id the cookies are signed for (`REDVEST_SIGN_IN_KEY_PAIR_ID`). */
    keyPairId?: string;
    /** Secrets Manager secret holding the PEM private key (`REDVEST_SIGN_IN_PRIVATE_KEY_SECRET`). */
    privateKeySecret?: string;
    /** Lifetime of the signed cookies in seconds (`REDVEST_SIGN_IN_SESSION_SECONDS`). Default 3600. */
    sessionSeconds: number;
    /** Extra scopes requested besides `openid` (`REDVEST_SIGN_IN_SCOPES`, space separated). Default `email`. */
    scopes: string[];
  };
}

/** Values a caller (CLI flags, tests) may force over the environment. */
export type ConfigOverrides = Partial<
  Omit<RedvestConfig, 'stores' | 'ops' | 'engine' | 'limits' | 'secrets' | 'dashboardSignIn'>
> & {
  stores?: Partial<RedvestConfig['stores']>;
  ops?: Partial<RedvestConfig['ops']>;
  engine?: Partial<RedvestConfig['engine']>;
  limits?: Partial<RedvestConfig['limits']>;
  secrets?: Partial<RedvestConfig['secrets']>;
};

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return n;
}

function dateFrom(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`${name} must be YYYY-MM-DD, got "${value}"`);
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Turns a filesystem path into a `file://` store URL. */
export function fileUrl(dir: string): string {
  return `file://${path.resolve(dir)}`;
}

/**
 * Reads the configuration from an environment (default `process.env`) plus overrides.
 *
 * @example
 * const config = loadConfig(process.env, { dataDir: '/tmp/rv' });
 * config.stores.lake; // 'file:///tmp/rv/lake'
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): RedvestConfig {
  const dataDir = path.resolve(overrides.dataDir ?? env.REDVEST_DATA_DIR ?? '.redvest');
  const store = (name: keyof RedvestConfig['stores'], envName: string): string =>
    overrides.stores?.[name] ?? env[envName] ?? fileUrl(path.join(dataDir, name));
  const backend = (overrides.ops?.backend ?? env.REDVEST_OPS ?? 'dynalite') as OpsBackend;
  if (backend !== 'dynalite' && backend !== 'dynamodb')
    throw new Error(`REDVEST_OPS must be dynalite or dynamodb, got "${backend}"`);
  const engineName = (overrides.engine?.name ?? env.REDVEST_ENGINE ?? 'duckdb') as EngineName;
  if (engineName !== 'duckdb' && engineName !== 'athena')
    throw new Error(`REDVEST_ENGINE must be duckdb or athena, got "${engineName}"`);
  const logLevel = (overrides.logLevel ?? env.REDVEST_LOG_LEVEL ?? env.POWERTOOLS_LOG_LEVEL ?? 'INFO').toUpperCase();

  return {
    dataDir,
    stores: {
      landing: store('landing', 'REDVEST_LANDING_URL'),
      lake: store('lake', 'REDVEST_LAKE_URL'),
      rejects: store('rejects', 'REDVEST_REJECTS_URL'),
      reports: store('reports', 'REDVEST_REPORTS_URL'),
      site: store('site', 'REDVEST_SITE_URL'),
    },
    ops: {
      backend,
      tableName: overrides.ops?.tableName ?? env.REDVEST_TABLE ?? 'redvest-ops',
      endpoint: overrides.ops?.endpoint ?? env.REDVEST_DYNAMODB_ENDPOINT,
    },
    engine: {
      name: engineName,
      athena: {
        workgroup: overrides.engine?.athena?.workgroup ?? env.REDVEST_ATHENA_WORKGROUP ?? 'redvest',
        database: overrides.engine?.athena?.database ?? env.REDVEST_GLUE_DATABASE ?? 'redvest',
        outputLocation: overrides.engine?.athena?.outputLocation ?? env.REDVEST_ATHENA_OUTPUT,
      },
    },
    region: overrides.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    s3Endpoint: overrides.s3Endpoint ?? env.REDVEST_S3_ENDPOINT,
    chunkQueueUrl: overrides.chunkQueueUrl ?? env.REDVEST_CHUNK_QUEUE_URL,
    limits: {
      maxFileBytes:
        overrides.limits?.maxFileBytes ?? intFrom(env.REDVEST_MAX_FILE_BYTES, 200 * 1024 * 1024, 'REDVEST_MAX_FILE_BYTES'),
      maxRows: overrides.limits?.maxRows ?? intFrom(env.REDVEST_MAX_ROWS, 2_000_000, 'REDVEST_MAX_ROWS'),
      maxXlsxInflatedBytes:
        overrides.limits?.maxXlsxInflatedBytes ??
        intFrom(env.REDVEST_MAX_XLSX_BYTES, 1024 * 1024 * 1024, 'REDVEST_MAX_XLSX_BYTES'),
      chunkRows: overrides.limits?.chunkRows ?? intFrom(env.REDVEST_CHUNK_ROWS, 250_000, 'REDVEST_CHUNK_ROWS'),
    },
    today: overrides.today ?? dateFrom(env.REDVEST_TODAY, 'REDVEST_TODAY'),
    historyStart: overrides.historyStart ?? dateFrom(env.REDVEST_HISTORY_START, 'REDVEST_HISTORY_START'),
    hourlyWageCny: overrides.hourlyWageCny ?? intFrom(env.REDVEST_HOURLY_WAGE_CNY, 22.2, 'REDVEST_HOURLY_WAGE_CNY'),
    suppressBelow: overrides.suppressBelow ?? intFrom(env.REDVEST_SUPPRESS_BELOW, 5, 'REDVEST_SUPPRESS_BELOW'),
    secrets: {
      keyFile: overrides.secrets?.keyFile ?? env.REDVEST_KEY_FILE ?? path.join(dataDir, 'secrets', 'volunteer-key.hex'),
      ssmParameter: overrides.secrets?.ssmParameter ?? env.REDVEST_KEY_PARAMETER,
    },
    tokenKeyFile: overrides.tokenKeyFile ?? env.REDVEST_TOKEN_KEY_FILE ?? path.join(dataDir, 'secrets', 'token-key.hex'),
    uploadToken: overrides.uploadToken ?? (env.REDVEST_TOKEN === '' ? undefined : env.REDVEST_TOKEN),
    logLevel: (['DEBUG', 'INFO', 'WARN', 'ERROR'].includes(logLevel) ? logLevel : 'INFO') as RedvestConfig['logLevel'],
    chromiumPath: overrides.chromiumPath ?? env.CHROMIUM_PATH,
    dashboardSignIn: {
      issuer: nonEmpty(env.REDVEST_SIGN_IN_ISSUER),
      clientId: nonEmpty(env.REDVEST_SIGN_IN_CLIENT_ID),
      siteUrl: nonEmpty(env.REDVEST_SIGN_IN_SITE_URL),
      keyPairId: nonEmpty(env.REDVEST_SIGN_IN_KEY_PAIR_ID),
      privateKeySecret: nonEmpty(env.REDVEST_SIGN_IN_PRIVATE_KEY_SECRET),
      sessionSeconds: intFrom(env.REDVEST_SIGN_IN_SESSION_SECONDS, 3600, 'REDVEST_SIGN_IN_SESSION_SECONDS'),
      scopes: (env.REDVEST_SIGN_IN_SCOPES ?? 'email').split(/\s+/).filter((scope) => scope !== ''),
    },
  };
}

/**
 * Today's date in Asia/Shanghai as `YYYY-MM-DD`, or the configured override.
 *
 * @example
 * todayInShanghai({ today: '2026-11-01' }); // '2026-11-01'
 */
export function todayInShanghai(config: Pick<RedvestConfig, 'today'>, now: Date = new Date()): string {
  if (config.today) return config.today;
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
