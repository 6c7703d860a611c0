/**
 * The authenticated caller of the upload API, as every authentication mode hands it over:
 * a subject and the district it speaks for (claim `custom:district`, `city` for the federation).
 */
import { CITY, DISTRICTS } from '../../schemas/reference/districts.ts';

/** The claim that carries a caller's district slug (`city` for federation staff). */
export const DISTRICT_CLAIM = 'custom:district';

/** Who is calling: a subject and the district slug (or `city`) it may act for. */
export interface Caller {
  sub: string;
  /** A district slug such as `futian`, or `city` for federation staff. */
  district: string;
}

/** Why a caller could not be authenticated. */
export type AuthFailure = 'missing_token' | 'invalid_token' | 'expired' | 'missing_claim' | 'unknown_district';

/** Raised when a token or a claim set does not identify a caller. */
export class AuthError extends Error {
  constructor(
    readonly reason: AuthFailure,
    message: string = reason,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

const KNOWN_DISTRICTS: ReadonlySet<string> = new Set([CITY, ...DISTRICTS.map((district) => district.slug)]);

/** A claim value as API Gateway's JWT authorizer passes it (strings, numbers, booleans, or `[a b]` lists). */
export type ClaimValue = string | number | boolean | string[] | undefined;

function claimText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Builds the caller from a verified claim set: the local token's payload, or
 * `event.requestContext.authorizer.jwt.claims` of an API Gateway HTTP API (Cognito or any
 * OIDC issuer). The district must be a known slug or `city`, spelled exactly.
 *
 * @example
 * callerFromClaims({ sub: 'u-1', 'custom:district': 'futian' }); // { sub: 'u-1', district: 'futian' }
 * callerFromClaims({ sub: 'u-1' }); // throws AuthError('missing_claim')
 */
export function callerFromClaims(claims: Readonly<Record<string, unknown>>): Caller {
  const sub = claimText(claims.sub);
  if (sub === undefined) throw new AuthError('missing_claim', 'token has no sub claim');
  const district = claimText(claims[DISTRICT_CLAIM]);
  if (district === undefined) throw new AuthError('missing_claim', `token has no ${DISTRICT_CLAIM} claim`);
  if (!KNOWN_DISTRICTS.has(district)) throw new AuthError('unknown_district', `unknown district in token: ${district}`);
  return { sub, district };
}
