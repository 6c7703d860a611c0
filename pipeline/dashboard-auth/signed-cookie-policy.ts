/**
 * CloudFront signed cookies for the dashboards: the custom policy (the whole site, until a
 * short expiry) and the `Set-Cookie` headers carrying the three signed values.
 */

/** The three cookies CloudFront checks on a behaviour that trusts a key group. */
export interface SignedCookieValues {
  'CloudFront-Policy': string;
  'CloudFront-Signature': string;
  'CloudFront-Key-Pair-Id': string;
}

/** Signs a custom policy (JSON text) with the distribution's private key. */
export type CookieSigner = (policy: string) => Promise<SignedCookieValues>;

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
  return (Object.keys(values) as (keyof SignedCookieValues)[]).map(
    (name) => `${name}=${values[name]}; Path=/; Max-Age=${maxAgeSeconds}; Secure; HttpOnly; SameSite=Lax`,
  );
}
