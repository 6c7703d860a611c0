/**
 * Dashboard sign-in function (HTTP API, no authorizer, reached through CloudFront at
 * `/auth/*`): `GET /auth/login` starts the OIDC authorization code flow, `GET /auth/callback`
 * finishes it and sets the CloudFront signed cookies, `GET /auth/logout` expires them and
 * redirects to the issuer's sign-out. Wiring only: the flow is
 * `pipeline/dashboard-auth`, configuration comes from `adapters/config.ts`, the private key from
 * Secrets Manager (Powertools parameters, cached).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { loadConfig } from '../../adapters/config.ts';
import {
  completeSignIn,
  discoverIssuer,
  type IssuerEndpoints,
  parseCookies,
  type SignInSettings,
  signOut,
  startSignIn,
} from '../../pipeline/dashboard-auth/oidc-sign-in.ts';
import { CALLBACK_PATH, LOGIN_PATH, LOGOUT_PATH } from '../../pipeline/dashboard-auth/sign-in-pages.ts';
import type { CookieSigner } from '../../pipeline/dashboard-auth/signed-cookie-policy.ts';

/** What the handler works with. */
export interface SignInDeps {
  settings: SignInSettings;
  endpoints: IssuerEndpoints;
  signCookies: CookieSigner;
}

/**
 * Builds the handler over a dependency resolver.
 *
 * @example
 * const handle = createSignInHandler(async () => deps);
 * const result = await handle(event, context);
 */
export function createSignInHandler(
  resolveDeps: () => Promise<SignInDeps>,
  logger: Logger = new Logger({ serviceName: 'dashboard-sign-in' }),
) {
  const handle = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const path = event.rawPath;
    if (event.requestContext.http.method !== 'GET' || ![LOGIN_PATH, CALLBACK_PATH, LOGOUT_PATH].includes(path))
      return { statusCode: 404, headers: { 'cache-control': 'no-store' }, body: 'Not found' };
    const deps = await resolveDeps();
    if (path === LOGIN_PATH || path === LOGOUT_PATH) {
      const answer = (path === LOGIN_PATH ? startSignIn : signOut)(deps.settings, deps.endpoints);
      if (path === LOGOUT_PATH) logger.info('signed out', { issuerSignOut: deps.endpoints.endSessionEndpoint !== undefined });
      return { statusCode: answer.status, headers: answer.headers, cookies: answer.cookies };
    }
    const outcome = await completeSignIn(
      deps.settings,
      { query: event.queryStringParameters ?? {}, cookies: parseCookies(event.cookies ?? []) },
      { endpoints: deps.endpoints, signCookies: deps.signCookies },
    );
    if (outcome.caller) logger.info('signed in', { district: outcome.caller.district });
    else logger.warn('sign-in refused', { reason: outcome.failure, detail: outcome.detail });
    const { response } = outcome;
    return { statusCode: response.status, headers: response.headers, cookies: response.cookies, body: response.body };
  };
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>(handle).use(
    injectLambdaContext(logger),
  );
}

/**
 * Dependencies from a configuration and a private key source.
 *
 * @example
 * const deps = await signInDeps(loadConfig(), async () => pem);
 */
export async function signInDeps(
  config: ReturnType<typeof loadConfig>,
  privateKey: (secretName: string) => Promise<string>,
): Promise<SignInDeps> {
  const s = config.dashboardSignIn;
  const missing = Object.entries({
    REDVEST_SIGN_IN_ISSUER: s.issuer,
    REDVEST_SIGN_IN_CLIENT_ID: s.clientId,
    REDVEST_SIGN_IN_SITE_URL: s.siteUrl,
    REDVEST_SIGN_IN_KEY_PAIR_ID: s.keyPairId,
    REDVEST_SIGN_IN_PRIVATE_KEY_SECRET: s.privateKeySecret,
  })
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  if (missing.length > 0) throw new Error(`dashboard sign-in is not configured: ${missing.join(', ')}`);
  const [{ cloudFrontCookieSigner }, endpoints, pem] = await Promise.all([
    import('./cloudfront-cookie-signer.ts'),
    discoverIssuer(s.issuer!),
    privateKey(s.privateKeySecret!),
  ]);
  return {
    settings: {
      issuer: s.issuer!,
      clientId: s.clientId!,
      siteUrl: s.siteUrl!,
      sessionSeconds: s.sessionSeconds,
      scopes: s.scopes,
    },
    endpoints,
    signCookies: cloudFrontCookieSigner(s.keyPairId!, pem),
  };
}

let cloudDeps: Promise<SignInDeps> | undefined;

/** Dependencies in the cloud: read on first invocation, the secret through Powertools. */
function resolveCloudDeps(): Promise<SignInDeps> {
  cloudDeps ??= (async () => {
    const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
    return signInDeps(loadConfig(), async (name) => {
      const value = await getSecret(name, { maxAge: 3600 });
      if (typeof value !== 'string' || !value.includes('PRIVATE KEY')) throw new Error(`secret ${name} holds no PEM private key`);
      return value;
    });
  })().catch((error: unknown) => {
    cloudDeps = undefined;
    throw error;
  });
  return cloudDeps;
}

/** The Lambda entry point. */
export const handler = createSignInHandler(resolveCloudDeps);
