/**
 * Local tokens for the embedded upload API: HS256 JWTs signed with the local key
 * (`loadTokenKey(config)`), carrying `sub`, `custom:district` and `exp`. In the cloud, API
 * Gateway's JWT authorizer verifies Cognito/OIDC tokens instead and the handler only sees claims.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { AuthError, type Caller, callerFromClaims, DISTRICT_CLAIM } from './caller.ts';

/** Issuer and audience of local tokens. */
export const LOCAL_TOKEN_ISSUER = 'redvest-local';
export const LOCAL_TOKEN_AUDIENCE = 'redvest-upload-api';

/** Default lifetime of a local token: 8 hours. */
export const DEFAULT_TOKEN_TTL_SECONDS = 8 * 3600;

export interface LocalTokenRequest {
  /** District slug, or `city`. */
  district: string;
  /** Subject; default `local:{district}`. */
  sub?: string;
  /** Lifetime in seconds; default 8 h. */
  ttlSeconds?: number;
  /** Issue time; default now. */
  now?: Date;
}

function secondsOf(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/**
 * Signs a local token for a district (HS256 with the local key).
 *
 * @example
 * const token = await signLocalToken(key, { district: 'futian', ttlSeconds: 3600 });
 */
export async function signLocalToken(key: Uint8Array, request: LocalTokenRequest): Promise<string> {
  // Validates the district the same way verification will.
  const caller = callerFromClaims({ sub: request.sub ?? `local:${request.district}`, [DISTRICT_CLAIM]: request.district });
  const issuedAt = secondsOf(request.now ?? new Date());
  const ttl = request.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new Error(`token lifetime must be a positive number of seconds, got ${ttl}`);
  return new SignJWT({ [DISTRICT_CLAIM]: caller.district })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(caller.sub)
    .setIssuer(LOCAL_TOKEN_ISSUER)
    .setAudience(LOCAL_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttl)
    .sign(key);
}

/**
 * Verifies a local token (signature, issuer, audience, expiry, HS256 only) and returns its
 * claims. Throws {@link AuthError}: `expired`, `invalid_token`, or `missing_claim`.
 *
 * @example
 * const claims = await verifyLocalToken(key, token);
 * claims['custom:district']; // 'futian'
 */
export async function verifyLocalToken(
  key: Uint8Array,
  token: string,
  options: { now?: Date } = {},
): Promise<Record<string, unknown>> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: LOCAL_TOKEN_ISSUER,
      audience: LOCAL_TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'exp'],
      currentDate: options.now,
    });
    return payload as Record<string, unknown>;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AuthError('expired', 'token has expired');
    if (error instanceof errors.JWTClaimValidationFailed && error.reason === 'missing')
      throw new AuthError('missing_claim', `token has no ${error.claim} claim`);
    throw new AuthError('invalid_token', 'token is not valid');
  }
}

/**
 * Authenticates an `Authorization: Bearer …` header value against the local key.
 *
 * @example
 * const caller = await authenticateLocalBearer(key, req.headers.authorization);
 * caller.district; // 'futian'
 */
export async function authenticateLocalBearer(
  key: Uint8Array,
  authorization: string | undefined,
  options: { now?: Date } = {},
): Promise<{ caller: Caller; claims: Record<string, unknown> }> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) throw new AuthError('missing_token', 'no bearer token');
  const claims = await verifyLocalToken(key, match[1], options);
  return { caller: callerFromClaims(claims), claims };
}
