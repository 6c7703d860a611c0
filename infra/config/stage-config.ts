/**
 * Deployment configuration read from CDK context (`-c key=value` or cdk.json).
 *
 * Keys: `stage`, `account`, `region`, `auth`, `oidcIssuer`, `oidcAudience`, `dashboardDomain`,
 * `dashboardCertificate`, `dashboardAllowedCidrs`, `dashboardSignIn`, `dashboardSignInPublicKey`,
 * `dashboardSignInKeySecret`, `dashboardSignInClientId`, `dashboardSignInSessionSeconds`, `alarmEmail` and, for tests only, `redvest:skipBundling`.
 */
import { isChinaRegion } from '../common/partition.ts';
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from '../dashboards/dashboard-sign-in-props.ts';

/** Deployment stage. `prod` turns on deletion protection and retains data on stack deletion. */
export type Stage = 'dev' | 'prod';
/** How callers of the upload API authenticate. */
export type AuthMode = 'cognito' | 'oidc';

/** The resolved configuration of one deployment. */
export interface StageConfig {
  /** Default `dev`. */
  stage: Stage;
  /** Target account; undefined synthesises an environment-agnostic stack. */
  account?: string;
  /** Target region; undefined synthesises an environment-agnostic stack. */
  region?: string;
  /** Default `cognito` in the global regions; China regions require `oidc`. */
  auth: AuthMode;
  /** OIDC issuer URL (required with `auth=oidc`). */
  oidcIssuer?: string;
  /** OIDC audiences (comma separated in context; required with `auth=oidc`). */
  oidcAudience?: string[];
  /** Custom domain of the dashboards (required in China: ICP-recorded). */
  dashboardDomain?: string;
  /** ACM certificate ARN (global, us-east-1) or IAM server certificate id (China). */
  dashboardCertificate?: string;
  /** CIDR blocks allowed to view the dashboards; empty allows everyone. Default empty. */
  dashboardAllowedCidrs: string[];
  /** Require sign-in (CloudFront signed cookies) to view the dashboards. Default false. */
  dashboardSignIn: boolean;
  /** PEM public key of the sign-in key pair (required with `dashboardSignIn`). */
  dashboardSignInPublicKey?: string;
  /** Secrets Manager secret name holding the PEM private key. Default `redvest/<stage>/dashboard-sign-in-key`. */
  dashboardSignInKeySecret: string;
  /** OAuth client id of the dashboards at the `oidc` issuer. Default the first `oidcAudience`. */
  dashboardSignInClientId?: string;
  /** Lifetime of the dashboards' signed cookies, in seconds (300–43200). Default 3600. */
  dashboardSignInSessionSeconds: number;
  /** E-mail subscribed to the alarm topic. Default none. */
  alarmEmail?: string;
  /** Use a tiny prepared asset instead of esbuild bundling (tests only). Default false. */
  skipBundling: boolean;
}

/** Reads one context value (e.g. `app.node.tryGetContext`). */
export type ContextReader = (key: string) => unknown;

function text(read: ContextReader, key: string): string | undefined {
  const value = read(key);
  if (value === undefined || value === null || value === '') return undefined;
  return String(value).trim();
}

function list(read: ContextReader, key: string): string[] {
  const value = read(key);
  if (Array.isArray(value)) return value.map(String);
  return (text(read, key) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function sessionSeconds(value: string | undefined): number {
  if (value === undefined) return 3600;
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS)
    throw new Error(
      `Context "dashboardSignInSessionSeconds" must be a whole number of seconds from ${MIN_SESSION_SECONDS} (5 minutes) to ${MAX_SESSION_SECONDS} (12 hours), got "${value}".`,
    );
  return seconds;
}

/**
 * Resolves and validates the deployment configuration. In a China region it requires
 * `auth=oidc`, `oidcIssuer`, `oidcAudience`, `dashboardDomain` and `dashboardCertificate`,
 * and throws an error naming every missing key.
 *
 * @example
 * const config = resolveStageConfig((key) => app.node.tryGetContext(key));
 */
export function resolveStageConfig(read: ContextReader, env: NodeJS.ProcessEnv = {}): StageConfig {
  const stage = text(read, 'stage') ?? 'dev';
  if (stage !== 'dev' && stage !== 'prod') throw new Error(`Context "stage" must be dev or prod, got "${stage}".`);
  const region = text(read, 'region') ?? env.CDK_DEFAULT_REGION;
  const account = text(read, 'account') ?? env.CDK_DEFAULT_ACCOUNT;
  const china = isChinaRegion(region);
  const auth = text(read, 'auth') ?? (china ? undefined : 'cognito');
  if (auth !== undefined && auth !== 'cognito' && auth !== 'oidc')
    throw new Error(`Context "auth" must be cognito or oidc, got "${auth}".`);
  const oidcAudience = list(read, 'oidcAudience');
  const config: StageConfig = {
    stage,
    account,
    region,
    auth: (auth ?? 'oidc') as AuthMode,
    oidcIssuer: text(read, 'oidcIssuer'),
    oidcAudience: oidcAudience.length > 0 ? oidcAudience : undefined,
    dashboardDomain: text(read, 'dashboardDomain'),
    dashboardCertificate: text(read, 'dashboardCertificate'),
    dashboardAllowedCidrs: list(read, 'dashboardAllowedCidrs'),
    dashboardSignIn: String(read('dashboardSignIn') ?? 'false') === 'true',
    dashboardSignInPublicKey: text(read, 'dashboardSignInPublicKey'),
    dashboardSignInKeySecret: text(read, 'dashboardSignInKeySecret') ?? `redvest/${stage}/dashboard-sign-in-key`,
    dashboardSignInClientId: text(read, 'dashboardSignInClientId') ?? oidcAudience[0],
    dashboardSignInSessionSeconds: sessionSeconds(text(read, 'dashboardSignInSessionSeconds')),
    alarmEmail: text(read, 'alarmEmail'),
    skipBundling: String(read('redvest:skipBundling') ?? 'false') === 'true',
  };

  const missing: string[] = [];
  if (china && auth !== 'oidc') missing.push('auth=oidc (Cognito user pools are not available in the Beijing region)');
  if (config.auth === 'oidc' || china) {
    if (config.oidcIssuer === undefined) missing.push('oidcIssuer');
    if (config.oidcAudience === undefined) missing.push('oidcAudience');
  }
  if (china) {
    if (config.dashboardDomain === undefined) missing.push('dashboardDomain (an ICP-recorded domain)');
    if (config.dashboardCertificate === undefined) missing.push('dashboardCertificate (an IAM server certificate id)');
  }
  if (config.dashboardDomain !== undefined && config.dashboardCertificate === undefined && !china)
    missing.push('dashboardCertificate (an ACM certificate ARN in us-east-1 for dashboardDomain)');
  if (config.dashboardSignIn && config.dashboardSignInPublicKey === undefined)
    missing.push(
      `dashboardSignInPublicKey (the PEM public key whose private key is stored in the secret ${config.dashboardSignInKeySecret})`,
    );
  if (missing.length > 0) {
    const where = china ? `China region ${region}` : `auth=${config.auth}`;
    throw new Error(
      `Cannot synthesise Redvest for ${where}: missing CDK context ${missing.join(', ')}. Pass them with -c key=value.`,
    );
  }
  return config;
}
