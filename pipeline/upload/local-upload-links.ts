/**
 * Links of the local API server, the embedded stand-in for S3 presigned URLs:
 * `{base}/uploads/{batch_id}?expires=…&signature=…` for the PUT of a batch's file and
 * `{base}/reports/{key}?expires=…&signature=…` for an error report, signed with HMAC-SHA256
 * under the local token key.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { UploadLinks } from './batches-api.ts';

/** What a local link grants. */
export type LocalLinkPurpose = 'upload' | 'report';

function signatureOf(key: Uint8Array, purpose: LocalLinkPurpose, subject: string, expires: number): string {
  return createHmac('sha256', key).update(`${purpose}\n${subject}\n${expires}`).digest('base64url');
}

/**
 * Checks the signature and expiry of a local link (subject: the batch id of an upload, the
 * rejects key of a report).
 *
 * @example
 * isValidLinkSignature(key, 'upload', 'b1', url.searchParams.get('expires'), url.searchParams.get('signature'));
 */
export function isValidLinkSignature(
  key: Uint8Array,
  purpose: LocalLinkPurpose,
  subject: string,
  expires: string | null,
  signature: string | null,
  now: Date = new Date(),
): boolean {
  const expiresAt = Number(expires);
  if (expires === null || !Number.isInteger(expiresAt) || signature === null) return false;
  if (expiresAt * 1000 < now.getTime()) return false;
  const expected = Buffer.from(signatureOf(key, purpose, subject, expiresAt));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Links served by the local API server mounted at `baseUrl` (e.g. `http://127.0.0.1:8080/api`).
 *
 * @example
 * const links = localUploadLinks('http://127.0.0.1:8080/api', tokenKey);
 */
export function localUploadLinks(baseUrl: string, key: Uint8Array, now: () => Date = () => new Date()): UploadLinks {
  const base = baseUrl.replace(/\/+$/, '');
  const signed = (purpose: LocalLinkPurpose, subject: string, expiresSeconds: number) => {
    const expires = Math.floor(now().getTime() / 1000) + expiresSeconds;
    const query = new URLSearchParams({ expires: String(expires), signature: signatureOf(key, purpose, subject, expires) });
    return { query: query.toString(), expires };
  };
  return {
    async uploadTarget(batch, expiresSeconds) {
      const { query, expires } = signed('upload', batch.batch_id, expiresSeconds);
      return {
        url: `${base}/uploads/${encodeURIComponent(batch.batch_id)}?${query}`,
        method: 'PUT',
        headers: {},
        expires_at: new Date(expires * 1000).toISOString(),
      };
    },
    async errorReportUrl(reportKey, expiresSeconds) {
      const { query } = signed('report', reportKey, expiresSeconds);
      return `${base}/reports/${reportKey.split('/').map(encodeURIComponent).join('/')}?${query}`;
    },
  };
}
