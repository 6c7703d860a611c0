/**
 * CloudFront signed cookies for the dashboards: the custom policy (the whole site, until a
 * short expiry), the `Set-Cookie` headers carrying the three signed values, and the headers
 * that expire them again at sign-out.
 */

/** The three cookies CloudFront checks on a behaviour that trusts a key group. */
export interface SignedCookieValues {
  'CloudFront-Policy': string;
  'CloudFront-Signature': string;
  'CloudFront-Key-Pair-Id': string;
}

/** Signs a custom policy (JSON text) with the distribution's private key. */
export type CookieSigner = (policy: string) => Promise<SignedCookieValues>;

/** Names of the signed cookies, in the order their headers are written. */
export const SIGNED_COOKIE_NAMES: readonly (keyof SignedCookieValues)[] = [
  'CloudFront-Policy',
  'CloudFront-Signature',
  'CloudFront-Key-Pair-Id',
];

/** A date in the past, for browsers that ignore `Max-Age=0`. */
const EPOCH = 'Thu, 01 Jan 1970 00:00:00 GMT';

/**
 * One `Set-Cookie` value with the attributes every sign-in cookie shares: host-only (no
 * `Domain`), HTTPS only, not readable by scripts, `SameSite=Lax` (the issuer's redirect back is
 * a top-level navigation). `maxAgeSeconds` 0 expires the cookie.
 *
 * @example
 * signInCookie('a', '1', '/auth/', 600); // 'a=1; Path=/auth/; Max-Age=600; Secure; HttpOnly; SameSite=Lax'
 */
export function signInCookie(name: string, value: string, path: string, maxAgeSeconds: number): string {
  const expires = maxAgeSeconds <= 0 ? `; Expires=${EPOCH}` : '';
  return `${name}=${value}; Path=${path}; Max-Age=${Math.max(0, maxAgeSeconds)}${expires}; Secure; HttpOnly; SameSite=Lax`;
}

/**
 * The custom policy granting every object of the site until `expiresAt`.
 *
 * @example
 * signedCookiePolicy('https://data.example.cn', new Date('2026-03-01T09:00:00Z'));
 * // '{"Statement":[{"Resource":"https://data.example.cn/*","Condition":{"DateLessThan":{"AWS:EpochTime":1772355600}}}]}'
 */
export function signedCookiePolicy(siteUrl: string, expiresAt: Date): string {
  const origin = new URL(siteUrl).origin;
  return JSON.stringify({
    Statement: [
      {
        Resource: `${origin}/*`,
        Condition: { DateLessThan: { 'AWS:EpochTime': Math.floor(expiresAt.getTime() / 1000) } },
      },
    ],
  });
}

/**
 * `Set-Cookie` header values for the signed cookies: host-only, whole site, HTTPS only, not
 * readable by scripts, expiring with the policy.
 *
 * @example
 * signedCookieHeaders(values, 3600)[0]; // 'CloudFront-Policy=…; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax'
 */
export function signedCookieHeaders(values: SignedCookieValues, maxAgeSeconds: number): string[] {
  return SIGNED_COOKIE_NAMES.map((name) => signInCookie(name, values[name], '/', maxAgeSeconds));
}

/**
 * `Set-Cookie` header values that expire the three signed cookies (same name, path and
 * attributes as {@link signedCookieHeaders}, so the browser replaces and drops them).
 *
 * @example
 * expiredSignedCookieHeaders()[0];
 * // 'CloudFront-Policy=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax'
 */
export function expiredSignedCookieHeaders(): string[] {
  return SIGNED_COOKIE_NAMES.map((name) => signInCookie(name, '', '/', 0));
}
