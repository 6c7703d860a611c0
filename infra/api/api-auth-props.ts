import type { AuthMode, Stage } from '../config/stage-config.ts';

/** Properties of {@link ApiAuth}. */
export interface ApiAuthProps {
  /**
   * `cognito` creates a user pool whose users carry `custom:district` (`city` for federation
   * staff); `oidc` trusts an existing issuer whose tokens carry the same claim.
   * @default 'cognito'
   */
  readonly mode?: AuthMode;
  /** OIDC issuer URL. Required when `mode` is `oidc`. @default - none */
  readonly oidcIssuer?: string;
  /** Accepted OIDC audiences. Required when `mode` is `oidc`. @default - none */
  readonly oidcAudience?: string[];
  /**
   * Deployment stage: `prod` protects the user pool from deletion.
   * @default 'dev'
   */
  readonly stage?: Stage;
}
