import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AuthError, callerFromClaims } from '../../../adapters/auth/caller.ts';
import { parseDurationSeconds } from '../../../adapters/auth/duration.ts';
import {
  authenticateLocalBearer,
  LOCAL_TOKEN_AUDIENCE,
  LOCAL_TOKEN_ISSUER,
  signLocalToken,
  verifyLocalToken,
} from '../../../adapters/auth/local-token.ts';

const key = randomBytes(32);

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AuthError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('local tokens', () => {
  it('round-trips district, subject and expiry', async () => {
    const now = new Date('2026-03-01T08:00:00Z');
    const token = await signLocalToken(key, { district: 'futian', ttlSeconds: 3600, now });
    const claims = await verifyLocalToken(key, token, { now: new Date('2026-03-01T08:59:00Z') });
    expect(claims['custom:district']).toBe('futian');
    expect(claims.sub).toBe('local:futian');
    expect(claims.exp).toBe(now.getTime() / 1000 + 3600);
    const { caller } = await authenticateLocalBearer(key, `Bearer ${token}`, { now });
    expect(caller).toEqual({ sub: 'local:futian', district: 'futian' });
  });

  it('refuses an expired token', async () => {
    const token = await signLocalToken(key, { district: 'nanshan', ttlSeconds: 60, now: new Date('2026-03-01T08:00:00Z') });
    expect(await reasonOf(verifyLocalToken(key, token, { now: new Date('2026-03-01T08:02:00Z') }))).toBe('expired');
  });

  it('refuses a token signed with another key', async () => {
    const token = await signLocalToken(randomBytes(32), { district: 'futian' });
    expect(await reasonOf(verifyLocalToken(key, token))).toBe('invalid_token');
  });

  it('refuses a token without the district claim', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('someone')
      .setIssuer(LOCAL_TOKEN_ISSUER)
      .setAudience(LOCAL_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
    expect(await verifyLocalToken(key, token)).toMatchObject({ sub: 'someone' });
    expect(await reasonOf(authenticateLocalBearer(key, `Bearer ${token}`))).toBe('missing_claim');
  });

  it('refuses a token without expiry', async () => {
    const token = await new SignJWT({ 'custom:district': 'futian' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('someone')
      .setIssuer(LOCAL_TOKEN_ISSUER)
      .setAudience(LOCAL_TOKEN_AUDIENCE)
      .sign(key);
    expect(await reasonOf(verifyLocalToken(key, token))).toBe('missing_claim');
  });

  it('refuses an unsigned (alg none) token and a missing header', async () => {
    const claims = { sub: 'x', 'custom:district': 'futian', iss: LOCAL_TOKEN_ISSUER, aud: LOCAL_TOKEN_AUDIENCE, exp: 4e9 };
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    expect(await reasonOf(verifyLocalToken(key, unsigned))).toBe('invalid_token');
    expect(await reasonOf(authenticateLocalBearer(key, undefined))).toBe('missing_token');
    expect(await reasonOf(authenticateLocalBearer(key, 'Basic abc'))).toBe('missing_token');
  });

  it('will not sign a token for an unknown district', async () => {
    await expect(signLocalToken(key, { district: 'hongkong' })).rejects.toThrow(/unknown district/);
  });
});

describe('callerFromClaims (API Gateway JWT authorizer claims)', () => {
  it('accepts districts and city, refuses unknown or missing districts', () => {
    expect(callerFromClaims({ sub: 'abc', 'custom:district': 'city' })).toEqual({ sub: 'abc', district: 'city' });
    expect(() => callerFromClaims({ sub: 'abc', 'custom:district': 'Futian ' })).toThrow(AuthError);
    expect(() => callerFromClaims({ sub: 'abc' })).toThrow(/custom:district/);
    expect(() => callerFromClaims({ 'custom:district': 'futian' })).toThrow(/sub/);
  });
});

describe('parseDurationSeconds', () => {
  it('reads s, m, h, d and bare seconds', () => {
    expect(parseDurationSeconds('8h')).toBe(28_800);
    expect(parseDurationSeconds('30m')).toBe(1_800);
    expect(parseDurationSeconds('2d')).toBe(172_800);
    expect(parseDurationSeconds('45')).toBe(45);
    expect(() => parseDurationSeconds('0h')).toThrow();
    expect(() => parseDurationSeconds('8 hours')).toThrow();
  });
});
