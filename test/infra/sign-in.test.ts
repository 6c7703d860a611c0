/**
 * Dashboard sign-in (`-c dashboardSignIn=true`): template assertions over a global (Cognito) and
 * a China (OIDC) synthesis, cdk-nag over both, and the configuration errors.
 */
import { generateKeyPairSync } from 'node:crypto';
import { App, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app.ts';
import { resolveStageConfig } from '../../infra/config/stage-config.ts';
import { DashboardSignIn } from '../../infra/dashboards/dashboard-sign-in.ts';
import { type SynthResult, synthApp } from './synth-app.ts';

const PUBLIC_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString()
  .trim();
const SIGN_IN = { dashboardSignIn: 'true', dashboardSignInPublicKey: PUBLIC_KEY };
const CHINA = {
  stage: 'prod',
  region: 'cn-north-1',
  account: '123456789012',
  auth: 'oidc',
  oidcIssuer: 'https://idp.example.cn/realms/redvest',
  oidcAudience: 'redvest-upload,redvest-dashboards',
  dashboardSignInClientId: 'redvest-dashboards',
  dashboardDomain: 'data.example.cn',
  dashboardCertificate: 'ASCAEXAMPLECERTID',
};

let global: SynthResult;
let china: SynthResult;

beforeAll(() => {
  global = synthApp({ stage: 'dev', ...SIGN_IN });
  // The China synthesis also sets the session length (the global one keeps the default).
  china = synthApp({ ...CHINA, ...SIGN_IN, dashboardSignInSessionSeconds: '7200' });
});

type Behaviour = { PathPattern?: string; TrustedKeyGroups?: unknown[]; TargetOriginId: string };

function distribution(synth: SynthResult) {
  const [config] = Object.values(synth.template.findResources('AWS::CloudFront::Distribution')).map(
    (resource) => resource.Properties.DistributionConfig,
  );
  return config as {
    DefaultCacheBehavior: Behaviour;
    CacheBehaviors: Behaviour[];
    CustomErrorResponses?: unknown[];
    Origins: { Id: string; CustomOriginConfig?: unknown; DomainName: unknown }[];
  };
}

function keyGroupId(synth: SynthResult): string {
  const ids = Object.keys(synth.template.findResources('AWS::CloudFront::KeyGroup'));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

function signInRoleStatements(synth: SynthResult): { Action: string | string[]; Resource: unknown }[] {
  const roleId = Object.keys(synth.template.findResources('AWS::IAM::Role')).find((id) => id.includes('SignInHandlerRole'))!;
  expect(roleId).toBeDefined();
  return Object.values(synth.template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

describe.each([
  ['global (Cognito)', () => global, '3600'],
  ['China (OIDC)', () => china, '7200'],
])('dashboard sign-in, %s', (_name, synth, sessionSeconds) => {
  it('requires the key group on the default and data/ behaviours, not on the sign-in page and /auth/*', () => {
    const config = distribution(synth());
    const trusted = [{ Ref: keyGroupId(synth()) }];
    expect(config.DefaultCacheBehavior.TrustedKeyGroups).toEqual(trusted);
    const byPath = Object.fromEntries(config.CacheBehaviors.map((b) => [b.PathPattern, b]));
    expect(Object.keys(byPath).sort()).toEqual(['auth/*', 'data/*', 'sign-in.html']);
    expect(byPath['data/*']!.TrustedKeyGroups).toEqual(trusted);
    expect(byPath['sign-in.html']!.TrustedKeyGroups).toBeUndefined();
    expect(byPath['auth/*']!.TrustedKeyGroups).toBeUndefined();
    const authOrigin = config.Origins.find((origin) => origin.Id === byPath['auth/*']!.TargetOriginId)!;
    expect(authOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    expect(JSON.stringify(authOrigin.DomainName)).toContain('SignInApi');
    expect(config.CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 403, ResponsePagePath: '/sign-in.html', ErrorCachingMinTTL: 0 },
    ]);
  });

  it('registers the public key and routes /auth/login, /auth/callback and /auth/logout without an authorizer', () => {
    synth().template.hasResourceProperties('AWS::CloudFront::PublicKey', {
      PublicKeyConfig: Match.objectLike({ EncodedKey: PUBLIC_KEY }),
    });
    const routes = Object.values(synth().template.findResources('AWS::ApiGatewayV2::Route'))
      .map((route) => route.Properties)
      .filter((route) => String(route.RouteKey).includes('/auth/'));
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(['GET /auth/callback', 'GET /auth/login', 'GET /auth/logout']);
    for (const route of routes) expect(route.AuthorizationType ?? 'NONE').toBe('NONE');
    // All three reach the sign-in function through one integration.
    const targets = new Set(routes.map((route) => JSON.stringify(route.Target)));
    expect(targets.size).toBe(1);
  });

  it('lets the sign-in function read exactly the one secret, with no wildcard', () => {
    const statements = signInRoleStatements(synth());
    const secrets = statements.filter((s) => JSON.stringify(s.Action).includes('secretsmanager:'));
    expect(secrets).toHaveLength(1);
    expect(secrets[0]!.Action).toBe('secretsmanager:GetSecretValue');
    const resource = JSON.stringify(secrets[0]!.Resource);
    expect(resource).toContain(`:secret:redvest/${synth().stack.node.tryGetContext('stage')}/dashboard-sign-in-key-??????`);
    expect(resource).not.toContain('*');
    for (const statement of statements)
      if (JSON.stringify(statement.Action).includes('xray:') === false)
        expect(JSON.stringify(statement.Resource), JSON.stringify(statement)).not.toContain('"*"');
  });

  it('configures the function from the deployment (site URL, key pair id, issuer, client, session length)', () => {
    const fn = Object.values(synth().template.findResources('AWS::Lambda::Function')).find(
      (resource) => resource.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'redvest-dashboard-sign-in',
    )!;
    const variables = fn.Properties.Environment.Variables;
    expect(Object.keys(variables)).toEqual(
      expect.arrayContaining([
        'REDVEST_SIGN_IN_SITE_URL',
        'REDVEST_SIGN_IN_ISSUER',
        'REDVEST_SIGN_IN_CLIENT_ID',
        'REDVEST_SIGN_IN_KEY_PAIR_ID',
        'REDVEST_SIGN_IN_PRIVATE_KEY_SECRET',
        'REDVEST_SIGN_IN_SESSION_SECONDS',
      ]),
    );
    expect(variables.REDVEST_SIGN_IN_KEY_PAIR_ID).toEqual({ Ref: expect.stringContaining('SignInPublicKey') });
    expect(variables.REDVEST_SIGN_IN_SESSION_SECONDS).toBe(sessionSeconds);
  });

  it('passes cdk-nag with zero unsuppressed findings', () => {
    const report = new AwsSolutionsChecks().validateScope(synth().app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(',')}`)).toEqual(
      [],
    );
  });

  it('writes no arn:aws: literal', () => {
    expect(synth().json).not.toContain('arn:aws:');
  });
});

describe('dashboard sign-in in China', () => {
  it('uses no Lambda@Edge, no CloudFront Function and no Cognito', () => {
    china.template.resourceCountIs('AWS::CloudFront::Function', 0);
    china.template.resourceCountIs('AWS::Cognito::UserPool', 0);
    const config = distribution(china);
    for (const behaviour of [config.DefaultCacheBehavior, ...config.CacheBehaviors])
      expect(JSON.stringify(behaviour)).not.toContain('LambdaFunctionAssociations');
    const fn = Object.values(china.template.findResources('AWS::Lambda::Function')).find(
      (resource) => resource.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'redvest-dashboard-sign-in',
    )!;
    expect(fn.Properties.Environment.Variables).toMatchObject({
      REDVEST_SIGN_IN_ISSUER: CHINA.oidcIssuer,
      REDVEST_SIGN_IN_CLIENT_ID: 'redvest-dashboards',
      REDVEST_SIGN_IN_SITE_URL: 'https://data.example.cn',
    });
  });
});

describe('dashboard sign-in in the global regions (Cognito)', () => {
  it('adds a hosted UI domain and an OAuth code-flow client calling back to the site', () => {
    global.template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    global.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: Match.arrayWith(['openid']),
      GenerateSecret: false,
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', Match.anyValue(), '/auth/callback']] }],
    });
  });

  it("allows exactly the site's root as the sign-out URL, where /auth/logout sends Cognito's logout_uri", () => {
    const [client] = Object.values(global.template.findResources('AWS::Cognito::UserPoolClient')).filter((resource) =>
      JSON.stringify(resource.Properties.CallbackURLs ?? []).includes('/auth/callback'),
    );
    const logoutUrls = client!.Properties.LogoutURLs as unknown[];
    expect(logoutUrls).toHaveLength(1);
    const callback = JSON.stringify(client!.Properties.CallbackURLs[0]);
    // Same distribution domain as the callback, with the path '/' instead of '/auth/callback'.
    expect(JSON.stringify(logoutUrls[0])).toBe(callback.replace('/auth/callback', '/'));
  });

  it('is off by default: no key group, no sign-in function', () => {
    const plain = synthApp({ stage: 'dev' });
    plain.template.resourceCountIs('AWS::CloudFront::KeyGroup', 0);
    expect([...plain.stack.functions.keys()]).not.toContain('dashboard-sign-in');
  });
});

describe('dashboard sign-in configuration', () => {
  const reader = (context: Record<string, unknown>) => (key: string) => context[key];

  it('stops without the public key, naming it and the secret', () => {
    expect(() => resolveStageConfig(reader({ dashboardSignIn: 'true' }))).toThrow(
      'Cannot synthesise Redvest for auth=cognito: missing CDK context dashboardSignInPublicKey (the PEM public key whose private key is stored in the secret redvest/dev/dashboard-sign-in-key). Pass them with -c key=value.',
    );
    const app = new App({ context: { 'redvest:skipBundling': 'true', ...CHINA, dashboardSignIn: 'true' } });
    expect(() => buildApp(app, {})).toThrow(/missing CDK context dashboardSignInPublicKey/);
  });

  it.each(['299', '43201', '3600.5', 'an hour', '-600'])(
    'stops on dashboardSignInSessionSeconds=%s, naming the key and the range',
    (value) => {
      expect(() => resolveStageConfig(reader({ ...SIGN_IN, dashboardSignInSessionSeconds: value }))).toThrow(
        `Context "dashboardSignInSessionSeconds" must be a whole number of seconds from 300 (5 minutes) to 43200 (12 hours), got "${value}".`,
      );
    },
  );

  it('DashboardSignIn itself refuses a session length outside 300-43200', () => {
    const props = {
      publicKeyPem: PUBLIC_KEY,
      privateKeySecretName: 'k',
      mode: 'oidc' as const,
      oidcIssuer: CHINA.oidcIssuer,
      oidcClientId: 'c',
    };
    const stack = new Stack(new App());
    expect(() => new DashboardSignIn(stack, 'Short', { ...props, sessionSeconds: 60 })).toThrow(
      'DashboardSignIn: sessionSeconds must be a whole number from 300 to 43200, got 60',
    );
    expect(() => new DashboardSignIn(stack, 'Long', { ...props, sessionSeconds: 86_400 })).toThrow(/got 86400/);
  });

  it('accepts the session length bounds, as text or as a number from cdk.json', () => {
    expect(resolveStageConfig(reader({ ...SIGN_IN, dashboardSignInSessionSeconds: '300' })).dashboardSignInSessionSeconds).toBe(
      300,
    );
    expect(resolveStageConfig(reader({ ...SIGN_IN, dashboardSignInSessionSeconds: 43200 })).dashboardSignInSessionSeconds).toBe(
      43200,
    );
  });

  it('reads the keys with their defaults', () => {
    const config = resolveStageConfig(reader({ ...CHINA, ...SIGN_IN, dashboardSignInClientId: undefined }));
    expect(config).toMatchObject({
      dashboardSignIn: true,
      dashboardSignInPublicKey: PUBLIC_KEY,
      dashboardSignInKeySecret: 'redvest/prod/dashboard-sign-in-key',
      dashboardSignInClientId: 'redvest-upload',
      dashboardSignInSessionSeconds: 3600,
    });
    expect(resolveStageConfig(reader({})).dashboardSignIn).toBe(false);
  });
});
