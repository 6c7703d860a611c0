import type { UserPool } from 'aws-cdk-lib/aws-cognito';
import type { FunctionDefaults } from '../functions/function-defaults.ts';

/** Shortest signed-cookie lifetime accepted, in seconds (5 minutes). */
export const MIN_SESSION_SECONDS = 300;
/** Longest signed-cookie lifetime accepted, in seconds (12 hours). */
export const MAX_SESSION_SECONDS = 43_200;

/**
 * Sign-in for the dashboards, opt-in (`-c dashboardSignIn=true`; off by default).
 *
 * Design: CloudFront signed cookies. The distribution's behaviours trust a key group (one
 * `AWS::CloudFront::PublicKey`); a small function behind its own HTTP API, reached through
 * CloudFront at `/auth/*`, runs the OIDC authorization code flow (PKCE, state cookie), verifies
 * the ID token (issuer, audience, expiry, `custom:district`) and sets the three signed cookies
 * for the whole site with a short lifetime. A viewer without them gets CloudFront's 403, mapped
 * to a bilingual page linking to `/auth/login`.
 *
 * Why this works in both partitions (what the documentation says; not verified in an account):
 * - China: CloudFront has no Lambda@Edge and no ACM; CloudFormation there offers no CloudFront
 *   Function or origin access control (see DashboardSite), and Cognito user pools are not in
 *   Beijing. Signed cookies need none of these: the check is CloudFront's own trusted-key-group
 *   check, and the issuer is any OIDC provider (`auth=oidc`).
 * - The China CloudFront developer guide (docs.amazonaws.cn) documents signed URLs and signed
 *   cookies (its older pages name trusted signers, i.e. account key pairs), and the China
 *   CloudFormation reference documents `AWS::CloudFront::KeyGroup` and `AWS::CloudFront::PublicKey`.
 *   Whether key groups are accepted by CloudFront in cn-north-1 / cn-northwest-1 could not be
 *   checked without a China account: deploy to a dev stack first.
 * - Global: the same design; in `cognito` mode the issuer is the user pool, whose hosted UI gets a
 *   Cognito domain and an OAuth client for the dashboards.
 */
export interface DashboardSignInProps {
  /** PEM (SPKI, `-----BEGIN PUBLIC KEY-----`) public key of the signing key pair. */
  readonly publicKeyPem: string;
  /**
   * Secrets Manager secret (name) holding the PEM private key, created by the operator before
   * deploying and encrypted with the default `aws/secretsmanager` key. The function may read
   * exactly this secret.
   */
  readonly privateKeySecretName: string;
  /**
   * Issuer of the dashboards' users: `cognito` (the given user pool, hosted UI) or `oidc`.
   * @default 'cognito'
   */
  readonly mode?: 'cognito' | 'oidc';
  /** The user pool (`cognito` mode). @default - none */
  readonly userPool?: UserPool;
  /**
   * Prefix of the Cognito hosted UI domain (`<prefix>.auth.<region>.amazoncognito.com`), globally unique.
   * @default 'redvest-<stage>-<account id>'
   */
  readonly cognitoDomainPrefix?: string;
  /** OIDC issuer URL (`oidc` mode). @default - none */
  readonly oidcIssuer?: string;
  /** OAuth client id of the dashboards at the OIDC issuer (`oidc` mode); the ID token's audience. @default - none */
  readonly oidcClientId?: string;
  /**
   * Lifetime of the signed cookies, in seconds (the viewer signs in again after it); a whole
   * number from 300 to 43200.
   * @default 3600
   */
  readonly sessionSeconds?: number;
  /**
   * Deployment stage (names the Cognito domain).
   * @default 'dev'
   */
  readonly stage?: string;
  /** Settings passed to the function. @default {} */
  readonly functionDefaults?: FunctionDefaults;
}
