/**
 * Authentication of the upload API, pluggable because Cognito user pools are not available
 * in the Beijing region: either a Cognito user pool or any OIDC issuer. Either way the caller's
 * district travels in the `custom:district` claim (`city` for the federation).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import type { IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { AccountRecovery, ClientAttributes, Mfa, StringAttribute, UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge } from '../common/nag.ts';
import type { ApiAuthProps } from './api-auth-props.ts';

/** The claim carrying the caller's district slug (or `city`). */
export const DISTRICT_CLAIM = 'custom:district';

/**
 * @example
 * const auth = new ApiAuth(this, 'Auth', { mode: 'oidc', oidcIssuer: 'https://idp.example.cn', oidcAudience: ['redvest'] });
 * new HttpApi(this, 'Api', { defaultAuthorizer: auth.authorizer });
 */
export class ApiAuth extends Construct {
  /** JWT authorizer for the HTTP API routes. */
  readonly authorizer: IHttpRouteAuthorizer;
  /** The user pool (`cognito` mode only). */
  readonly userPool?: UserPool;
  /** The app client used by the CLI and dashboards (`cognito` mode only). */
  readonly userPoolClient?: UserPoolClient;

  constructor(scope: Construct, id: string, props: ApiAuthProps = {}) {
    super(scope, id);
    const mode = props.mode ?? 'cognito';
    if (mode === 'oidc') {
      if (props.oidcIssuer === undefined || (props.oidcAudience ?? []).length === 0)
        throw new Error('ApiAuth: mode "oidc" needs oidcIssuer and oidcAudience');
      this.authorizer = new HttpJwtAuthorizer('OidcAuthorizer', props.oidcIssuer, {
        jwtAudience: props.oidcAudience!,
        identitySource: ['$request.header.Authorization'],
      });
      return;
    }

    const prod = (props.stage ?? 'dev') === 'prod';
    const userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      customAttributes: { district: new StringAttribute({ minLen: 4, maxLen: 16, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const planReason =
      'Threat protection needs the paid Cognito Plus plan; accounts are created by administrators only and MFA is required.';
    acknowledge(userPool, 'AwsSolutions-COG3', planReason);
    acknowledge(userPool, 'AwsSolutions-COG8', planReason);
    // Users may read their district but never change it: only administrators set custom:district.
    const readable = new ClientAttributes().withStandardAttributes({ email: true }).withCustomAttributes('district');
    const writable = new ClientAttributes().withStandardAttributes({ email: true });
    const client = userPool.addClient('Client', {
      authFlows: { userSrp: true },
      generateSecret: false,
      readAttributes: readable,
      writeAttributes: writable,
      preventUserExistenceErrors: true,
    });
    this.userPool = userPool;
    this.userPoolClient = client;
    this.authorizer = new HttpUserPoolAuthorizer('UserPoolAuthorizer', userPool, {
      userPoolClients: [client],
      identitySource: ['$request.header.Authorization'],
    });
  }
}
