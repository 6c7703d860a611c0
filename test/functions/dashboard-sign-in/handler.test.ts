/**
 * The dashboard sign-in handler against a real local OpenID Connect issuer (node:http:
 * discovery document, JWKS of a jose key pair, a token endpoint checking PKCE), signing real
 * CloudFront cookies with a generated RSA key pair. Nothing of the sign-in code is mocked.
 */
import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../adapters/config.ts';
import { createSignInHandler, signInDeps } from '../../../functions/dashboard-sign-in/handler.ts';
import { isCognito, STATE_COOKIE, signOutLocation } from '../../../pipeline/dashboard-auth/oidc-sign-in.ts';
import { refusedPageHtml, signInPageHtml } from '../../../pipeline/dashboard-auth/sign-in-pages.ts';

const CLIENT_ID = 'redvest-dashboards';
const SITE = 'https://data.example.cn';

/** What the issuer puts into the ID token it hands out for the next code. */
interface Scenario {
  audience?: string;
  expiresIn?: number;
  claims?: Record<string, unknown>;
}

let server: Server;
let issuer: string;
let signingKey: CryptoKey;
let jwk: JWK;
const codes = new Map<string, { challenge: string; redirectUri: string; scenario: Scenario }>();
const tokenRequests: URLSearchParams[] = [];
/** Whether the issuer's discovery document names an `end_session_endpoint`. */
let advertiseEndSession = false;
const cloudFrontKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const cloudFrontPrivatePem = cloudFrontKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

async function idToken(scenario: Scenario): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = scenario.expiresIn ?? 300;
  return new SignJWT({ 'custom:district': 'futian', email: 'officer@example.cn', ...scenario.claims })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid! })
    .setIssuer(issuer)
    .setSubject('user-1')
    .setAudience(scenario.audience ?? CLIENT_ID)
    .setIssuedAt(now - 600 + (expiresIn > 0 ? 600 : 0))
    .setExpirationTime(now + expiresIn)
    .sign(signingKey);
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  jwk = { ...(await exportJWK(pair.publicKey)), kid: 'issuer-key-1', alg: 'RS256', use: 'sig' };
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const route = url.pathname.replace(/^\/realms\/redvest/, '');
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (route === '/.well-known/openid-configuration')
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        ...(advertiseEndSession ? { end_session_endpoint: `${issuer}/logout` } : {}),
      });
    if (route === '/jwks') return json(200, { keys: [jwk] });
    if (route === '/token' && request.method === 'POST') {
      let text = '';
      request.on('data', (chunk) => {
        text += chunk;
      });
      request.on('end', async () => {
        const form = new URLSearchParams(text);
        tokenRequests.push(form);
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (
          grant === undefined ||
          form.get('client_id') !== CLIENT_ID ||
          form.get('redirect_uri') !== grant.redirectUri ||
          createHash('sha256').update(verifier).digest('base64url') !== grant.challenge
        )
          return json(400, { error: 'invalid_grant' });
        json(200, { id_token: await idToken(grant.scenario), access_token: 'opaque', token_type: 'Bearer' });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/redvest`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

function event(path: string, query: Record<string, string> = {}, cookies: string[] = []): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `GET ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    cookies,
    headers: {},
    queryStringParameters: query,
    requestContext: { http: { method: 'GET', path } },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

const context = {
  functionName: 'dashboard-sign-in',
  awsRequestId: 'test',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

async function handler({ endSession = false } = {}) {
  advertiseEndSession = endSession;
  const config = loadConfig({
    REDVEST_SIGN_IN_ISSUER: issuer,
    REDVEST_SIGN_IN_CLIENT_ID: CLIENT_ID,
    REDVEST_SIGN_IN_SITE_URL: SITE,
    REDVEST_SIGN_IN_KEY_PAIR_ID: 'K2TESTKEYPAIRID',
    REDVEST_SIGN_IN_PRIVATE_KEY_SECRET: 'redvest/dev/dashboard-sign-in-key',
    REDVEST_SIGN_IN_SESSION_SECONDS: '1800',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
  const secretsRead: string[] = [];
  const deps = await signInDeps(config, async (name) => {
    secretsRead.push(name);
    return cloudFrontPrivatePem;
  });
  expect(secretsRead).toEqual(['redvest/dev/dashboard-sign-in-key']);
  const handle = createSignInHandler(async () => deps);
  return (e: APIGatewayProxyEventV2) => handle(e, context) as Promise<APIGatewayProxyStructuredResultV2>;
}

/** Logs in, lets the issuer grant a code for a scenario, and returns the callback's query and cookie. */
async function authorise(handle: Awaited<ReturnType<typeof handler>>, scenario: Scenario) {
  const login = await handle(event('/auth/login'));
  expect(login.statusCode).toBe(302);
  const location = new URL(String(login.headers!.location));
  const state = location.searchParams.get('state')!;
  const code = `code-${codes.size}-${Math.random().toString(36).slice(2)}`;
  codes.set(code, {
    challenge: location.searchParams.get('code_challenge')!,
    redirectUri: location.searchParams.get('redirect_uri')!,
    scenario,
  });
  const stateCookie = login.cookies![0]!.split(';')[0]!;
  return { location, state, code, stateCookie };
}

function cookiesOf(result: APIGatewayProxyStructuredResultV2): Record<string, string> {
  return Object.fromEntries(
    (result.cookies ?? []).map((cookie) => {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      return [pair!.slice(0, at), pair!.slice(at + 1)];
    }),
  );
}

const fromCloudFrontBase64 = (value: string) =>
  Buffer.from(value.replaceAll('-', '+').replaceAll('_', '=').replaceAll('~', '/'), 'base64');

describe('dashboard sign-in against a local OIDC issuer', () => {
  it('redirects /auth/login to the issuer with PKCE (S256), state and the callback URL', async () => {
    const handle = await handler();
    const { location, stateCookie } = await authorise(handle, {});
    expect(`${location.origin}${location.pathname}`).toBe(`${issuer}/authorize`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${SITE}/auth/callback`,
      code_challenge_method: 'S256',
      scope: 'openid email',
    });
    expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(stateCookie.startsWith(`${STATE_COOKIE}=${location.searchParams.get('state')}.`)).toBe(true);
  });

  it('exchanges the code and sets CloudFront signed cookies for the whole site, short-lived, then redirects to /', async () => {
    const handle = await handler();
    const { state, code, stateCookie } = await authorise(handle, {});
    const before = Math.floor(Date.now() / 1000);
    const result = await handle(event('/auth/callback', { code, state }, [stateCookie]));
    expect(result.statusCode).toBe(302);
    expect(result.headers!.location).toBe(`${SITE}/`);
    const cookies = cookiesOf(result);
    expect(
      Object.keys(cookies)
        .filter((name) => name.startsWith('CloudFront-'))
        .sort(),
    ).toEqual(['CloudFront-Key-Pair-Id', 'CloudFront-Policy', 'CloudFront-Signature']);
    expect(cookies['CloudFront-Key-Pair-Id']).toBe('K2TESTKEYPAIRID');
    expect(cookies[STATE_COOKIE]).toBe('');
    for (const header of result.cookies!.filter((c) => c.startsWith('CloudFront-')))
      expect(header).toMatch(/; Path=\/; Max-Age=1800; Secure; HttpOnly; SameSite=Lax$/);

    const policyText = fromCloudFrontBase64(cookies['CloudFront-Policy']!).toString('utf8');
    const policy = JSON.parse(policyText) as {
      Statement: { Resource: string; Condition: { DateLessThan: { 'AWS:EpochTime': number } } }[];
    };
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0]!.Resource).toBe(`${SITE}/*`);
    const expires = policy.Statement[0]!.Condition.DateLessThan['AWS:EpochTime'];
    expect(expires).toBeGreaterThanOrEqual(before + 1800);
    expect(expires).toBeLessThanOrEqual(before + 1800 + 5);
    const publicKey = createPublicKey(cloudFrontKeys.publicKey.export({ type: 'spki', format: 'pem' }));
    const signature = fromCloudFrontBase64(cookies['CloudFront-Signature']!);
    expect(verify('RSA-SHA1', Buffer.from(policyText), publicKey, signature)).toBe(true);
    expect(verify('RSA-SHA1', Buffer.from(policyText.replace('1', '2')), publicKey, signature)).toBe(false);
    // The token request carried the PKCE verifier the issuer checked.
    expect(tokenRequests.at(-1)?.get('grant_type')).toBe('authorization_code');
  });

  it.each([
    ['a token for another audience', { audience: 'someone-else' }],
    ['an expired token', { expiresIn: -60 }],
    ['a token without custom:district', { claims: { 'custom:district': undefined } }],
    ['a token with an unknown district', { claims: { 'custom:district': 'atlantis' } }],
  ])('refuses %s with 403 and sets no signed cookie', async (_name, scenario) => {
    const handle = await handler();
    const { state, code, stateCookie } = await authorise(handle, scenario as Scenario);
    const result = await handle(event('/auth/callback', { code, state }, [stateCookie]));
    expect(result.statusCode).toBe(403);
    expect(Object.keys(cookiesOf(result)).filter((name) => name.startsWith('CloudFront-'))).toEqual([]);
    expect(result.body).toContain('登录未成功');
    expect(result.body).toContain('Sign-in refused');
  });

  it('refuses a state that does not match the cookie, and a callback without the state cookie, before any token request', async () => {
    const handle = await handler();
    const { code, stateCookie } = await authorise(handle, {});
    const requests = tokenRequests.length;
    const mismatch = await handle(event('/auth/callback', { code, state: 'forged-state' }, [stateCookie]));
    expect(mismatch.statusCode).toBe(403);
    const { state } = await authorise(handle, {});
    const noCookie = await handle(event('/auth/callback', { code, state }));
    expect(noCookie.statusCode).toBe(403);
    expect(tokenRequests.length).toBe(requests);
    expect(Object.keys(cookiesOf(mismatch)).filter((name) => name.startsWith('CloudFront-'))).toEqual([]);
  });

  it('answers 404 outside /auth/login, /auth/callback and /auth/logout', async () => {
    const handle = await handler();
    expect((await handle(event('/auth/other'))).statusCode).toBe(404);
  });
});

describe('dashboard sign-out against a local OIDC issuer', () => {
  const EXPIRED_SIGNED =
    /^CloudFront-(Policy|Signature|Key-Pair-Id)=; Path=\/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax$/;

  /** Signs in for real and returns the Set-Cookie headers of the callback. */
  async function signedIn(handle: Awaited<ReturnType<typeof handler>>) {
    const { state, code, stateCookie } = await authorise(handle, {});
    const result = await handle(event('/auth/callback', { code, state }, [stateCookie]));
    expect(result.statusCode).toBe(302);
    return result.cookies!;
  }

  /** Name, Path and the attributes after Max-Age of a Set-Cookie header. */
  const attributes = (header: string) => {
    const [pair, ...rest] = header.split('; ');
    return { name: pair!.split('=')[0], path: rest[0], flags: rest.filter((a) => !/^(Max-Age|Expires|Path)=/.test(a)) };
  };

  it('expires the three signed cookies with the attributes the sign-in set, clears the state, and goes to the end-session endpoint', async () => {
    const handle = await handler({ endSession: true });
    const set = await signedIn(handle);
    const result = await handle(
      event(
        '/auth/logout',
        {},
        set.map((header) => header.split(';')[0]!),
      ),
    );
    expect(result.statusCode).toBe(302);
    expect(result.headers!['cache-control']).toBe('no-store');
    const location = new URL(String(result.headers!.location));
    expect(`${location.origin}${location.pathname}`).toBe(`${issuer}/logout`);
    expect(Object.fromEntries(location.searchParams)).toEqual({ client_id: CLIENT_ID, post_logout_redirect_uri: `${SITE}/` });

    const cleared = result.cookies!;
    const signedSet = set.filter((header) => header.startsWith('CloudFront-'));
    const signedCleared = cleared.filter((header) => header.startsWith('CloudFront-'));
    expect(signedCleared).toHaveLength(3);
    for (const header of signedCleared) expect(header).toMatch(EXPIRED_SIGNED);
    expect(signedCleared.map(attributes)).toEqual(signedSet.map(attributes));
    expect(Object.values(cookiesOf(result))).toEqual(['', '', '', '']);
    const state = cleared.find((header) => header.startsWith(`${STATE_COOKIE}=`))!;
    expect(state).toMatch(/; Path=\/auth\/; Max-Age=0; /);
  });

  it('goes to the sign-in page when the issuer names no end-session endpoint, still clearing the cookies', async () => {
    const handle = await handler({ endSession: false });
    const result = await handle(event('/auth/logout'));
    expect(result.statusCode).toBe(302);
    expect(result.headers!.location).toBe(`${SITE}/sign-in.html`);
    expect(Object.keys(cookiesOf(result)).sort()).toEqual([
      'CloudFront-Key-Pair-Id',
      'CloudFront-Policy',
      'CloudFront-Signature',
      STATE_COOKIE,
    ]);
    for (const header of result.cookies!.filter((c) => c.startsWith('CloudFront-'))) expect(header).toMatch(EXPIRED_SIGNED);
  });

  it('answers 404 to a sign-out that is not a GET', async () => {
    const handle = await handler({ endSession: true });
    const post = event('/auth/logout');
    post.requestContext.http.method = 'POST';
    const result = await handle(post);
    expect(result.statusCode).toBe(404);
    expect(result.cookies).toBeUndefined();
  });
});

describe('sign-out location', () => {
  const settings = { issuer: '', clientId: '4abc0client', siteUrl: SITE, sessionSeconds: 3600, scopes: [] };
  const endpoints = { authorizationEndpoint: 'https://x/a', tokenEndpoint: 'https://x/t', jwksUri: 'https://x/j' };

  it("uses Cognito's client_id and logout_uri for a user pool's /logout endpoint (not post_logout_redirect_uri)", () => {
    const cognito = {
      ...settings,
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
    };
    const location = new URL(
      signOutLocation(cognito, {
        ...endpoints,
        endSessionEndpoint: 'https://redvest-dev-123456789012.auth.eu-west-1.amazoncognito.com/logout',
      }),
    );
    expect(location.pathname).toBe('/logout');
    expect(Object.fromEntries(location.searchParams)).toEqual({ client_id: '4abc0client', logout_uri: `${SITE}/` });
  });

  it('recognises a Cognito hosted UI by its domain, and a custom OIDC issuer as standard', () => {
    expect(isCognito('https://auth.example.cn/custom', 'https://redvest.auth.us-east-1.amazoncognito.com/logout')).toBe(true);
    expect(isCognito('https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_X', undefined)).toBe(true);
    expect(isCognito('https://idp.example.cn/realms/redvest', 'https://idp.example.cn/realms/redvest/logout')).toBe(false);
    expect(isCognito('https://cognito-idp.evil.example.cn/pool', undefined)).toBe(false);
  });

  it('puts the sign-out link on the sign-in and refused pages', () => {
    for (const html of [signInPageHtml(), refusedPageHtml()])
      expect(html).toContain('<a href="/auth/logout">退出登录 · Sign out</a>');
  });
});
