/**
 * The dashboard sign-in over any OpenID Connect issuer (a Cognito user pool or the `oidc`
 * issuer): authorization code flow with PKCE and a state cookie, ID token verified with `jose`
 * (issuer, audience, expiry, signature from the issuer's JWKS), the caller's district required,
 * then CloudFront signed cookies for the whole site; sign-out expires them and hands over to the
 * issuer's end-session endpoint. Pure: HTTP and signing are passed in.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { AuthError, type Caller, callerFromClaims } from '../../adapters/auth/caller.ts';
import { CALLBACK_PATH, postSignOutUrl, refusedPageHtml, SIGN_IN_PAGE_PATH } from './sign-in-pages.ts';
import {
  type CookieSigner,
  expiredSignedCookieHeaders,
  signedCookieHeaders,
  signedCookiePolicy,
  signInCookie,
} from './signed-cookie-policy.ts';

/** Name of the cookie carrying state and PKCE verifier between `/auth/login` and `/auth/callback`. */
export const STATE_COOKIE = 'redvest-auth-state';
/** Seconds a started sign-in stays valid. */
const STATE_SECONDS = 600;
/** Path the state cookie is scoped to. */
const STATE_PATH = '/auth/';
/** The state is single-use: every answer after `/auth/login` clears it. */
const CLEARED_STATE_COOKIE = signInCookie(STATE_COOKIE, '', STATE_PATH, 0);

/** What the sign-in needs to know. */
export interface SignInSettings {
  /** OIDC issuer URL (exactly as the tokens' `iss`). */
  issuer: string;
  /** OAuth client id registered with the issuer; the ID token's audience. */
  clientId: string;
  /** Public URL of the dashboards, e.g. `https://data.example.cn`. */
  siteUrl: string;
  /** Lifetime of the signed cookies in seconds. */
  sessionSeconds: number;
  /** Scopes requested (`openid` always included). */
  scopes: readonly string[];
}

/** The issuer's endpoints, from its discovery document. */
export interface IssuerEndpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** RP-initiated logout endpoint (`end_session_endpoint`), when the issuer offers one. */
  endSessionEndpoint?: string;
}

/** An HTTP answer of the sign-in routes. */
export interface SignInResponse {
  status: number;
  headers: Record<string, string>;
  /** `Set-Cookie` values. */
  cookies: string[];
  body?: string;
}

/** Why a callback was refused (logged, never shown). */
export type SignInFailure =
  | 'issuer_error'
  | 'missing_state'
  | 'state_mismatch'
  | 'token_exchange_failed'
  | 'invalid_token'
  | 'missing_district'
  | 'unknown_district';

/** The outcome of a callback: the response plus, for the logs, who signed in or why not. */
export interface CallbackOutcome {
  response: SignInResponse;
  caller?: Caller;
  failure?: SignInFailure;
  detail?: string;
}

/** What a callback needs besides the settings. */
export interface CallbackDeps {
  endpoints: IssuerEndpoints;
  /** Keys of the issuer (default: its JWKS fetched from `jwksUri`). */
  keys?: JWTVerifyGetKey;
  signCookies: CookieSigner;
  fetch?: typeof fetch;
  now?: () => Date;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

function redirectUri(settings: SignInSettings): string {
  return new URL(CALLBACK_PATH, settings.siteUrl).toString();
}

function noStore(extra: Record<string, string> = {}): Record<string, string> {
  return { 'cache-control': 'no-store', ...extra };
}

/**
 * Reads the issuer's discovery document and checks it names the configured issuer.
 *
 * @example
 * const endpoints = await discoverIssuer('https://idp.example.cn/realms/redvest');
 */
export async function discoverIssuer(issuer: string, fetchFn: typeof fetch = fetch): Promise<IssuerEndpoints> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const answer = await fetchFn(url, { headers: { accept: 'application/json' } });
  if (!answer.ok) throw new Error(`OIDC discovery at ${url} answered ${answer.status}`);
  const document = (await answer.json()) as Record<string, unknown>;
  if (document.issuer !== issuer) throw new Error(`OIDC discovery at ${url} names issuer ${String(document.issuer)}`);
  const text = (key: string): string => {
    const value = document[key];
    if (typeof value !== 'string' || value === '') throw new Error(`OIDC discovery at ${url} has no ${key}`);
    return value;
  };
  const endSession = document.end_session_endpoint;
  return {
    authorizationEndpoint: text('authorization_endpoint'),
    tokenEndpoint: text('token_endpoint'),
    jwksUri: text('jwks_uri'),
    ...(typeof endSession === 'string' && endSession !== '' ? { endSessionEndpoint: endSession } : {}),
  };
}

/**
 * `GET /auth/login`: redirects to the issuer's authorization endpoint with a fresh state and
 * PKCE challenge, both remembered in a short-lived cookie scoped to `/auth/`.
 *
 * @example
 * const { status, headers, cookies } = startSignIn(settings, endpoints); // 302 to the issuer
 */
export function startSignIn(settings: SignInSettings, endpoints: IssuerEndpoints): SignInResponse {
  const state = base64url(randomBytes(32));
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  const location = new URL(endpoints.authorizationEndpoint);
  const scopes = [...new Set(['openid', ...settings.scopes])];
  for (const [key, value] of Object.entries({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(settings),
    scope: scopes.join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }))
    location.searchParams.set(key, value);
  return {
    status: 302,
    headers: noStore({ location: location.toString() }),
    cookies: [signInCookie(STATE_COOKIE, `${state}.${verifier}`, STATE_PATH, STATE_SECONDS)],
  };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function refused(failure: SignInFailure, detail?: string): CallbackOutcome {
  return {
    failure,
    detail,
    response: {
      status: 403,
      headers: noStore({ 'content-type': 'text/html; charset=utf-8' }),
      cookies: [CLEARED_STATE_COOKIE],
      body: refusedPageHtml(),
    },
  };
}

/**
 * `GET /auth/callback`: checks the state against the cookie, exchanges the code (with the PKCE
 * verifier), verifies the ID token and its district claim, and answers with the CloudFront
 * signed cookies and a redirect to the site; 403 with a bilingual page otherwise.
 *
 * @example
 * const outcome = await completeSignIn(settings, { query, cookies }, { endpoints, signCookies });
 */
export async function completeSignIn(
  settings: SignInSettings,
  request: { query: Readonly<Record<string, string | undefined>>; cookies: Readonly<Record<string, string>> },
  deps: CallbackDeps,
): Promise<CallbackOutcome> {
  const fetchFn = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());
  if (request.query.error !== undefined) return refused('issuer_error', request.query.error);
  const remembered = request.cookies[STATE_COOKIE];
  const [state, verifier] = (remembered ?? '').split('.');
  if (!state || !verifier || request.query.state === undefined || request.query.code === undefined)
    return refused('missing_state');
  if (!sameText(state, request.query.state)) return refused('state_mismatch');

  const exchange = await fetchFn(deps.endpoints.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: request.query.code,
      redirect_uri: redirectUri(settings),
      client_id: settings.clientId,
      code_verifier: verifier,
    }).toString(),
  });
  if (!exchange.ok) return refused('token_exchange_failed', `token endpoint answered ${exchange.status}`);
  const tokens = (await exchange.json()) as { id_token?: unknown };
  if (typeof tokens.id_token !== 'string') return refused('token_exchange_failed', 'no id_token');

  let claims: Record<string, unknown>;
  try {
    const keys = deps.keys ?? createRemoteJWKSet(new URL(deps.endpoints.jwksUri));
    ({ payload: claims } = await jwtVerify(tokens.id_token, keys, {
      issuer: settings.issuer,
      audience: settings.clientId,
      currentDate: now(),
      requiredClaims: ['exp', 'iat', 'sub'],
    }));
  } catch (error) {
    return refused('invalid_token', (error as Error).message);
  }
  let caller: Caller;
  try {
    caller = callerFromClaims(claims);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return refused(error.reason === 'unknown_district' ? 'unknown_district' : 'missing_district', error.message);
  }

  const expiresAt = new Date(now().getTime() + settings.sessionSeconds * 1000);
  const signed = await deps.signCookies(signedCookiePolicy(settings.siteUrl, expiresAt));
  return {
    caller,
    response: {
      status: 302,
      headers: noStore({ location: new URL('/', settings.siteUrl).toString() }),
      cookies: [...signedCookieHeaders(signed, settings.sessionSeconds), CLEARED_STATE_COOKIE],
    },
  };
}

/**
 * Whether the issuer is a Cognito user pool (`https://cognito-idp.<region>.amazonaws.com/<pool id>`)
 * or its end-session endpoint is a Cognito hosted UI domain. Cognito's discovery document names
 * its `/logout` endpoint as `end_session_endpoint`, but that endpoint is not RP-initiated logout:
 * it takes `client_id` and `logout_uri` (an allowed sign-out URL of the app client), not
 * `post_logout_redirect_uri`.
 *
 * @example
 * isCognito('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC', undefined); // true
 */
export function isCognito(issuer: string, endSessionEndpoint: string | undefined): boolean {
  const host = (url: string | undefined) => (url === undefined ? '' : URL.canParse(url) ? new URL(url).hostname : '');
  return (
    /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host(issuer)) ||
    host(endSessionEndpoint).endsWith('.amazoncognito.com')
  );
}

/**
 * Where sign-out sends the viewer: the issuer's end-session endpoint with the client id and the
 * site's root as where to come back (`post_logout_redirect_uri`, or Cognito's `logout_uri`);
 * the sign-in page when the issuer has no such endpoint (its own session then stays open).
 *
 * @example
 * signOutLocation(settings, { ...endpoints, endSessionEndpoint: 'https://idp.example.cn/logout' });
 * // 'https://idp.example.cn/logout?client_id=redvest-dashboards&post_logout_redirect_uri=https%3A%2F%2Fdata.example.cn%2F'
 */
export function signOutLocation(settings: SignInSettings, endpoints: IssuerEndpoints): string {
  const endSession = endpoints.endSessionEndpoint;
  if (endSession === undefined) return new URL(SIGN_IN_PAGE_PATH, settings.siteUrl).toString();
  const location = new URL(endSession);
  const returnTo = isCognito(settings.issuer, endSession) ? 'logout_uri' : 'post_logout_redirect_uri';
  location.searchParams.set('client_id', settings.clientId);
  location.searchParams.set(returnTo, postSignOutUrl(settings.siteUrl));
  return location.toString();
}

/**
 * `GET /auth/logout`: expires the three CloudFront cookies and the state cookie, then redirects
 * to {@link signOutLocation}.
 *
 * @example
 * const { status, headers, cookies } = signOut(settings, endpoints); // 302, four expired cookies
 */
export function signOut(settings: SignInSettings, endpoints: IssuerEndpoints): SignInResponse {
  return {
    status: 302,
    headers: noStore({ location: signOutLocation(settings, endpoints) }),
    cookies: [...expiredSignedCookieHeaders(), CLEARED_STATE_COOKIE],
  };
}

/**
 * Parses a `Cookie` header (or API Gateway's `cookies` list) into name → value.
 *
 * @example
 * parseCookies(['a=1', 'b=2; c=3']); // { a: '1', b: '2', c: '3' }
 */
export function parseCookies(headers: readonly string[]): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const header of headers)
    for (const part of header.split(';')) {
      const at = part.indexOf('=');
      if (at <= 0) continue;
      cookies[part.slice(0, at).trim()] = part.slice(at + 1).trim();
    }
  return cookies;
}
