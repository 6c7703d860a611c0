/**
 * The dashboards' sign-in: the key group CloudFront trusts, and the sign-in function behind its
 * own HTTP API (routed by CloudFront at `/auth/*`). See {@link DashboardSignInProps} for the design.
 */
import { Aws, Duration, Fn } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { KeyGroup, PublicKey } from 'aws-cdk-lib/aws-cloudfront';
import { OAuthScope, UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CALLBACK_PATH, LOGIN_PATH, LOGOUT_PATH, postSignOutUrl } from '../../pipeline/dashboard-auth/sign-in-pages.ts';
import { addLoggedStage } from '../api/logged-stage.ts';
import { acknowledge } from '../common/nag.ts';
import { RedvestFunction } from '../functions/redvest-function.ts';
import { type DashboardSignInProps, MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from './dashboard-sign-in-props.ts';

/**
 * @example
 * const signIn = new DashboardSignIn(this, 'SignIn', { publicKeyPem, privateKeySecretName: 'redvest/prod/dashboard-sign-in-key', mode: 'oidc', oidcIssuer, oidcClientId });
 * // distribution behaviours: trustedKeyGroups: [signIn.keyGroup]; '/auth/*' → signIn.apiDomain
 * signIn.bindSite('https://data.example.cn');
 */
export class DashboardSignIn extends Construct {
  /** The key group the distribution trusts. */
  readonly keyGroup: KeyGroup;
  /** The public key (its id is the cookies' `CloudFront-Key-Pair-Id`). */
  readonly publicKey: PublicKey;
  /** The sign-in function. */
  readonly handler: RedvestFunction;
  /** The HTTP API serving `/auth/login`, `/auth/callback` and `/auth/logout`. */
  readonly api: HttpApi;
  /** Host name of the API (the CloudFront origin of `/auth/*`). */
  readonly apiDomain: string;
  /** The dashboards' OAuth client (`cognito` mode, after {@link bindSite}). */
  userPoolClient?: UserPoolClient;
  private readonly mode: 'cognito' | 'oidc';
  private readonly props: DashboardSignInProps;

  constructor(scope: Construct, id: string, props: DashboardSignInProps) {
    super(scope, id);
    this.props = props;
    this.mode = props.mode ?? 'cognito';
    if (this.mode === 'cognito' && props.userPool === undefined)
      throw new Error('DashboardSignIn: mode "cognito" needs the user pool');
    if (this.mode === 'oidc' && (props.oidcIssuer === undefined || props.oidcClientId === undefined))
      throw new Error('DashboardSignIn: mode "oidc" needs oidcIssuer and oidcClientId');
    const sessionSeconds = props.sessionSeconds ?? 3600;
    if (!Number.isInteger(sessionSeconds) || sessionSeconds < MIN_SESSION_SECONDS || sessionSeconds > MAX_SESSION_SECONDS)
      throw new Error(
        `DashboardSignIn: sessionSeconds must be a whole number from ${MIN_SESSION_SECONDS} to ${MAX_SESSION_SECONDS}, got ${sessionSeconds}`,
      );

    this.publicKey = new PublicKey(this, 'PublicKey', {
      encodedKey: props.publicKeyPem,
      comment: 'Redvest dashboards: signed-cookie key',
    });
    this.keyGroup = new KeyGroup(this, 'KeyGroup', { items: [this.publicKey], comment: 'Redvest dashboards sign-in' });

    const defaults = props.functionDefaults ?? {};
    this.handler = new RedvestFunction(this, 'Handler', {
      name: 'dashboard-sign-in',
      description: 'Dashboard sign-in: OIDC code flow, sets CloudFront signed cookies',
      timeout: Duration.seconds(10),
      memorySize: 256,
      environment: {
        ...defaults.environment,
        REDVEST_SIGN_IN_KEY_PAIR_ID: this.publicKey.publicKeyId,
        REDVEST_SIGN_IN_PRIVATE_KEY_SECRET: props.privateKeySecretName,
        REDVEST_SIGN_IN_SESSION_SECONDS: String(sessionSeconds),
      },
      tracing: defaults.tracing,
      logRetention: defaults.logRetention,
      skipBundling: defaults.skipBundling,
    });
    const secret = Secret.fromSecretNameV2(this, 'PrivateKey', props.privateKeySecretName);
    // Exactly one secret, one action, no wildcard: Secrets Manager appends six random characters
    // to a secret's name in its ARN, which `-??????` matches (and nothing longer).
    this.handler.fn.role!.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [`${secret.secretArn}-??????`] }),
    );

    this.api = new HttpApi(this, 'Api', { description: 'Redvest dashboards sign-in', createDefaultStage: false });
    addLoggedStage(this, this.api, { rateLimit: 10, burstLimit: 20, logRetention: defaults.logRetention });
    const integration = new HttpLambdaIntegration('Integration', this.handler.fn);
    for (const path of [LOGIN_PATH, CALLBACK_PATH, LOGOUT_PATH]) {
      const [route] = this.api.addRoutes({ path, methods: [HttpMethod.GET], integration });
      acknowledge(
        route!,
        'AwsSolutions-APIG4',
        'The sign-in routes are where viewers without credentials start and finish the OIDC flow (the callback verifies the ID token itself) and sign out (which only expires cookies).',
      );
    }
    this.apiDomain = Fn.select(2, Fn.split('/', this.api.apiEndpoint));
  }

  /**
   * Tells the function where the dashboards live (their public URL, for the callback and the
   * cookie policy) and, in `cognito` mode, creates the hosted UI domain and the OAuth client
   * whose callback is `<siteUrl>/auth/callback` and whose one allowed sign-out URL is the
   * site's root (where `/auth/logout` sends Cognito's `logout_uri`).
   */
  bindSite(siteUrl: string): void {
    const fn = this.handler.fn;
    fn.addEnvironment('REDVEST_SIGN_IN_SITE_URL', siteUrl);
    if (this.mode === 'oidc') {
      fn.addEnvironment('REDVEST_SIGN_IN_ISSUER', this.props.oidcIssuer!);
      fn.addEnvironment('REDVEST_SIGN_IN_CLIENT_ID', this.props.oidcClientId!);
      return;
    }
    const userPool = this.props.userPool!;
    new UserPoolDomain(this, 'HostedUi', {
      userPool,
      cognitoDomain: {
        domainPrefix: this.props.cognitoDomainPrefix ?? `redvest-${this.props.stage ?? 'dev'}-${Aws.ACCOUNT_ID}`,
      },
    });
    const client = new UserPoolClient(this, 'Client', {
      userPool,
      generateSecret: false,
      authFlows: {},
      preventUserExistenceErrors: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [`${siteUrl}${CALLBACK_PATH}`],
        logoutUrls: [postSignOutUrl(siteUrl)],
      },
      idTokenValidity: Duration.minutes(15),
    });
    this.userPoolClient = client;
    fn.addEnvironment('REDVEST_SIGN_IN_ISSUER', userPool.userPoolProviderUrl);
    fn.addEnvironment('REDVEST_SIGN_IN_CLIENT_ID', client.userPoolClientId);
  }
}
