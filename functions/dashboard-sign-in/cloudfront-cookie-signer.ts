/**
 * The CookieSigner of the cloud: `@aws-sdk/cloudfront-signer` with the private key of the
 * distribution's trusted key group (a PEM, read from Secrets Manager by the handler).
 */
import { getSignedCookies } from '@aws-sdk/cloudfront-signer';
import type { CookieSigner, SignedCookieValues } from '../../pipeline/dashboard-auth/signed-cookie-policy.ts';

/**
 * Signs custom policies with one key pair.
 *
 * @example
 * const sign = cloudFrontCookieSigner('K2JCJMDEHXQW5F', pem);
 * const cookies = await sign(policy); // { 'CloudFront-Policy': …, 'CloudFront-Signature': …, 'CloudFront-Key-Pair-Id': 'K2JCJMDEHXQW5F' }
 */
export function cloudFrontCookieSigner(keyPairId: string, privateKey: string): CookieSigner {
  return async (policy) => {
    const signed = getSignedCookies({ keyPairId, privateKey, policy });
    const values = {
      'CloudFront-Policy': signed['CloudFront-Policy'],
      'CloudFront-Signature': signed['CloudFront-Signature'],
      'CloudFront-Key-Pair-Id': signed['CloudFront-Key-Pair-Id'],
    };
    if (values['CloudFront-Policy'] === undefined) throw new Error('the signer produced no CloudFront-Policy cookie');
    return values as SignedCookieValues;
  };
}
